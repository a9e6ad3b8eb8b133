// Campaigns: compose (list, templates, profile, cancel window), attachments, copies and
// follow-ups. Every edit voids a pending or given approval (approval-service.ts owns approval).
// Actors are names, resolved by the caller; createdBy is the creating user's id, kept on the row.
import type { MessageEncoding } from '../../../shared/sending/encodings';
import { sha256Hex } from '../sha256';
import { MAX_CANCEL_WINDOW_S, MIN_CANCEL_WINDOW_S } from '../../../shared/contract/limits';
import { AppError } from '../../../shared/errors';
import { RECIPIENT_STATUSES, type RecipientStatus } from '../../../shared/statuses';
import { WHOLE_LIST, type Selection } from '../../../shared/recipients';
import type { Db } from '../../db/connection';
import { pruneAttachmentText, putAttachmentText } from '../../db/repos/attachment-texts-repo';
import * as attachmentsRepo from '../../db/repos/attachments-repo';
import type { Attachment } from '../../db/repos/attachments-repo';
import * as repo from '../../db/repos/campaigns-repo';
import { mustGetCampaign, type Campaign } from '../../db/repos/campaigns-repo';
import { getList } from '../../db/repos/lists-repo';
import { getProfileRow, listProfileRows } from '../../db/repos/profiles-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import { readAttachmentText } from '../checks/attachment-text';
import { readDefaultCancelWindowS } from '../settings/app-settings';
import { assertEditable, type ApprovalService } from './approval-service';

const FOLLOW_UP_STATUSES: readonly RecipientStatus[] = RECIPIENT_STATUSES;

export interface CampaignInput {
  readonly listId: number;
  readonly name: string;
  readonly subjectTemplate?: string;
  readonly bodyTemplate?: string;
  readonly profileId?: number | null;
  readonly cancelWindowS?: number;
  readonly selection?: Selection;
  /** The user who creates it (kept on the row; the audit log names the actor). */
  readonly createdBy?: number | null;
}

export type CampaignPatch = Partial<Omit<CampaignInput, 'listId' | 'createdBy'>> & { readonly listId?: number };

export interface CampaignServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  /** An edit voids the notice's approval or pending request. */
  readonly approvals: Pick<ApprovalService, 'voidForEdit'>;
}

export function createCampaignService({ db, clock, audit, approvals }: CampaignServiceDeps) {
  function validated(f: repo.CampaignFields): repo.CampaignFields {
    const name = f.name.trim();
    if (!name || name.length > 200) throw new AppError('validation', 'The campaign needs a name', { field: 'name' });
    if (!getList(db, f.listId)) throw new AppError('not-found', 'No such list', { listId: f.listId });
    if (f.profileId !== null && !getProfileRow(db, f.profileId)) throw new AppError('not-found', 'No such SMTP profile', { profileId: f.profileId });
    if (!Number.isInteger(f.cancelWindowS) || f.cancelWindowS < MIN_CANCEL_WINDOW_S || f.cancelWindowS > MAX_CANCEL_WINDOW_S) {
      throw new AppError('validation', `The cancel window must be ${MIN_CANCEL_WINDOW_S} seconds or more`, { field: 'cancelWindowS', min: MIN_CANCEL_WINDOW_S });
    }
    return { ...f, name };
  }

  function soleProfileId(): number | null {
    const all = listProfileRows(db);
    return all.length === 1 ? all[0]!.id : null;
  }

  /** Runs an edit of an editable campaign: voids its approval and records what changed. */
  function edit<T>(campaignId: number, what: 'edited' | 'attachment-added' | 'attachment-removed' | 'encoding-changed', actor: string | null, change: (c: Campaign) => T, details: Record<string, unknown> = {}): T {
    return db.transaction(() => {
      const c = mustGetCampaign(db, campaignId);
      assertEditable(c);
      const result = change(c);
      approvals.voidForEdit(c, what);
      audit.record(`campaign.${what}`, { actor, campaignId, listId: c.listId, details });
      return result;
    })();
  }

  return {
    createCampaign(input: CampaignInput, actor: string | null = null): Campaign {
      const fields = validated({
        listId: input.listId,
        name: input.name,
        subjectTemplate: input.subjectTemplate ?? '',
        bodyTemplate: input.bodyTemplate ?? '',
        // Most organisations have one mail account: a new notice uses it unless told otherwise.
        profileId: input.profileId === undefined ? soleProfileId() : input.profileId,
        // The organisation's default (Settings) unless this notice names its own.
        cancelWindowS: input.cancelWindowS ?? readDefaultCancelWindowS(db),
        selection: input.selection ?? WHOLE_LIST,
      });
      const id = repo.insertCampaign(db, { ...fields, createdBy: input.createdBy ?? null }, clock.now());
      audit.record('campaign.created', { actor, campaignId: id, listId: fields.listId, details: { name: fields.name } });
      return mustGetCampaign(db, id);
    },

    updateCampaign(campaignId: number, patch: CampaignPatch, actor: string | null = null): Campaign {
      const before = mustGetCampaign(db, campaignId);
      const fields = validated({
        listId: patch.listId ?? before.listId,
        name: patch.name ?? before.name,
        subjectTemplate: patch.subjectTemplate ?? before.subjectTemplate,
        bodyTemplate: patch.bodyTemplate ?? before.bodyTemplate,
        profileId: patch.profileId === undefined ? before.profileId : patch.profileId,
        cancelWindowS: patch.cancelWindowS ?? before.cancelWindowS,
        selection: patch.selection ?? before.selection,
      });
      if (before.followUpOf !== null && fields.listId !== before.listId) {
        throw new AppError('validation', 'A follow-up keeps the list of the campaign it follows', { field: 'listId' });
      }
      if (fields.selection !== before.selection && before.followUpOf !== null) {
        throw new AppError('validation', 'A follow-up goes to the members of the notice it follows', { field: 'selection' });
      }
      // The selection is compared by content (it is an object); the other fields by value.
      const same = (k: keyof repo.CampaignFields) => (k === 'selection' ? JSON.stringify(fields[k]) === JSON.stringify(before[k]) : fields[k] === before[k]);
      const changed = (Object.keys(fields) as (keyof repo.CampaignFields)[]).filter((k) => !same(k));
      if (changed.length === 0) return before;
      edit(campaignId, 'edited', actor, () => repo.updateCampaignRow(db, campaignId, fields, clock.now()), { changed });
      return mustGetCampaign(db, campaignId);
    },

    /** ISO-2022-JP for older phones, or UTF-8; a change voids the approval like any edit. */
    setEncoding(campaignId: number, encoding: MessageEncoding, actor: string | null = null): Campaign {
      const before = mustGetCampaign(db, campaignId);
      if (before.encoding === encoding) return before;
      edit(campaignId, 'encoding-changed', actor, () => repo.setCampaignEncoding(db, campaignId, encoding, clock.now()), { from: before.encoding, to: encoding });
      return mustGetCampaign(db, campaignId);
    },

    getCampaign: (id: number): Campaign => mustGetCampaign(db, id),
    listCampaigns: (filter: { listId?: number } = {}): Campaign[] => repo.listCampaigns(db, filter),

    /** Adds a file; a PDF's text is read now and stored with it, for the checks and the digest. */
    async addAttachment(campaignId: number, file: { fileName: string; content: Uint8Array }, actor: string | null = null): Promise<Attachment> {
      const fileName = file.fileName.trim();
      if (!fileName || /[\r\n\u0000/\\]/.test(fileName)) throw new AppError('validation', 'Invalid attachment file name', { field: 'fileName' });
      const sha256 = sha256Hex(file.content);
      // Read before the transaction (unpdf is async); stored in it, so file and text come together.
      const text = await readAttachmentText(fileName, file.content);
      const id = edit(
        campaignId,
        'attachment-added',
        actor,
        () => {
          if (text !== undefined) putAttachmentText(db, sha256, text, clock.now());
          return attachmentsRepo.insertAttachment(db, { campaignId, fileName, sha256, content: file.content }, clock.now());
        },
        { fileName, sha256, bytes: file.content.byteLength },
      );
      return attachmentsRepo.getAttachment(db, id)!;
    },

    removeAttachment(campaignId: number, attachmentId: number, actor: string | null = null): void {
      const a = attachmentsRepo.getAttachment(db, attachmentId);
      if (!a || a.campaignId !== campaignId) throw new AppError('not-found', 'No such attachment', { attachmentId });
      const remove = () => {
        attachmentsRepo.deleteAttachment(db, attachmentId);
        pruneAttachmentText(db, a.sha256);
      };
      edit(campaignId, 'attachment-removed', actor, remove, {
        fileName: a.fileName,
        sha256: a.sha256,
      });
    },

    listAttachments: (campaignId: number): Attachment[] => attachmentsRepo.listAttachments(db, campaignId),

    /** A new draft from an earlier notice (monthly notices are mostly the same), in its encoding; attachments are not copied. */
    copyCampaign(campaignId: number, copy: { name: string; createdBy?: number | null }, actor: string | null = null): Campaign {
      const from = mustGetCampaign(db, campaignId);
      if (from.followUpOf !== null) throw new AppError('validation', 'A follow-up cannot be copied; copy the notice it follows', { field: 'campaignId' });
      const fields = validated({ ...from, name: copy.name });
      const now = clock.now();
      const id = db.transaction(() => {
        const newId = repo.insertCampaign(db, { ...fields, createdBy: copy.createdBy ?? null }, now);
        // A notice written for carrier phones in ISO-2022-JP stays so in its copy.
        if (from.encoding !== 'utf-8') repo.setCampaignEncoding(db, newId, from.encoding, now);
        return newId;
      })();
      audit.record('campaign.copied', { actor, campaignId: id, listId: fields.listId, details: { from: campaignId, name: fields.name } });
      return mustGetCampaign(db, id);
    },

    createFollowUp(
      campaignId: number,
      opts: { statuses: readonly RecipientStatus[]; name?: string; createdBy?: number | null },
      actor: string | null = null,
    ): Campaign {
      const earlier = mustGetCampaign(db, campaignId);
      const statuses = [...new Set(opts.statuses)].sort();
      if (statuses.length === 0 || statuses.some((s) => !FOLLOW_UP_STATUSES.includes(s))) {
        throw new AppError('validation', 'Choose which recipients the follow-up addresses', { field: 'statuses' });
      }
      const recipients = audit.recipientsOf(campaignId, statuses).length;
      const name = opts.name?.trim() || `${earlier.name} (follow-up)`;
      const id = repo.insertCampaign(
        db,
        {
          listId: earlier.listId,
          profileId: earlier.profileId,
          name,
          subjectTemplate: '',
          bodyTemplate: '',
          cancelWindowS: earlier.cancelWindowS,
          selection: WHOLE_LIST,
          createdBy: opts.createdBy ?? null,
          followUpOf: campaignId,
          followUpStatuses: statuses,
        },
        clock.now(),
      );
      audit.record('campaign.follow-up-created', {
        actor,
        campaignId: id,
        listId: earlier.listId,
        details: { followUpOf: campaignId, statuses, recipients },
      });
      return mustGetCampaign(db, id);
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
