// Reads, from the CURRENT database, everything the approval digest covers: the digest header
// (templates, attachments re-hashed from their stored bytes, profile, check findings) and the
// recipient source rows (the list's members the notice's selection chooses, or for a follow-up the
// earlier campaign's recipients at their current address).
import { sha256Hex } from '../sha256';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import type { Db } from '../../db/connection';
import type { Campaign } from '../../db/repos/campaigns-repo';
import { findMemberByEmail, findMemberByKey, getMember } from '../../db/repos/members-repo';
import { getList } from '../../db/repos/lists-repo';
import { isExcluded } from '../../db/repos/list-rules-repo';
import { iterateRecipientDigestTexts, iterateRecipientKeyedDigestTexts, iterateRecipients, snapshotFromRecipients } from '../../db/repos/recipients-query';
import { isSuppressed } from '../../db/repos/suppressions-repo';
import { memberRef } from '../../../shared/recipients';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { iterateSentRows, newRowDigestTexts, replaceSnapshot, type NewSnapshotRow } from '../../db/repos/snapshots-repo';
import type { DigestHeader, TextVersion } from './campaign-digest';

type CheckSeverity = 'blocking' | 'warning' | 'info';
export type ChecksFn = (campaignId: number) => { items: readonly { code: string; severity: CheckSeverity }[] };

/** Attachments as the digest sees them: the hash is recomputed from the bytes that will be sent. */
function attachmentPart(db: Db, campaignId: number): DigestHeader['attachments'] {
  return listAttachmentFiles(db, campaignId).map((f) => ({
    name: f.fileName,
    sha256: sha256Hex(f.content),
    bytes: f.content.byteLength,
  }));
}

function checkItems(checks: ChecksFn | undefined, campaignId: number): DigestHeader['checks'] {
  if (!checks) return null;
  // Info items are not part of what the approver signs off; order is made canonical so that a
  // checker that reorders equal findings does not void approvals.
  return checks(campaignId)
    .items.filter((i) => i.severity === 'blocking' || i.severity === 'warning')
    .map((i) => ({ code: i.code, severity: i.severity }))
    .sort((a, b) => {
      const ka = `${a.severity}\u0000${a.code}`;
      const kb = `${b.severity}\u0000${b.code}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

export function digestHeader(db: Db, c: Campaign, checks: ChecksFn | undefined): DigestHeader {
  const p = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
  return {
    // UTF-8 is the default and adds nothing (earlier approvals keep their digest); ISO-2022-JP is
    // part of what the message looks like, so it counts as the templates'.
    templates: { subject: c.subjectTemplate, body: c.bodyTemplate, ...(c.encoding === 'utf-8' ? {} : { encoding: c.encoding }) },
    attachments: attachmentPart(db, c.id),
    profile: p
      ? {
          id: p.id,
          host: p.host,
          port: p.port,
          security: p.security,
          user: p.authUser,
          fromAddress: p.fromAddress,
          fromName: p.fromName,
          practice: p.practice,
        }
      : null,
    checks: checkItems(checks, c.id),
    // The whole list is the default and adds nothing, so approvals given before selections
    // existed keep their digest; any narrowing is signed off as it was written.
    ...(c.selection.kind === 'all' && !c.selection.exclude?.length ? {} : { selection: c.selection }),
  };
}

/** A member of an earlier send who is no longer on the list: reported, never mailed. */
export interface MissingMember {
  readonly email: string;
  readonly name: string;
}

/**
 * A follow-up's (or a resend's) recipients: the members an earlier send reached with the given
 * statuses, but at their CURRENT address and fields (found by member id, then member key, then
 * address), less those excluded or suppressed since, identical rows merged. Members removed from
 * the list since come back in `missing`.
 */
export function followUpRecipients(db: Db, c: Campaign): { rows: NewSnapshotRow[]; missing: MissingMember[] } {
  const list = getList(db, c.listId);
  const rows: NewSnapshotRow[] = [];
  const missing: MissingMember[] = [];
  const seen = new Set<string>();
  if (c.followUpOf === null || !list) return { rows, missing };
  for (const old of iterateSentRows(db, c.followUpOf, c.followUpStatuses ?? [])) {
    const byId = old.memberId === null ? undefined : getMember(db, old.memberId);
    const key = list.keyColumn ? (old.fields[list.keyColumn] ?? '').trim() : '';
    const m =
      (byId && byId.listId === c.listId ? byId : undefined) ??
      (key ? findMemberByKey(db, c.listId, key) : undefined) ??
      findMemberByEmail(db, c.listId, old.email);
    if (!m) {
      missing.push({ email: old.email, name: old.name });
      continue;
    }
    if (isExcluded(db, c.listId, memberRef(m)) || isSuppressed(db, m.email)) continue;
    const identity = `${m.email}\u0000${m.name}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    rows.push({ memberId: m.id, email: m.email, name: m.name, fields: m.fields });
  }
  return { rows, missing };
}

/** The rows a snapshot of this campaign would hold if frozen now, in order. */
export function* sourceRows(db: Db, c: Campaign): Generator<NewSnapshotRow> {
  if (c.followUpOf !== null) {
    yield* followUpRecipients(db, c).rows;
    return;
  }
  for (const r of iterateRecipients(db, c.listId, c.selection)) yield { memberId: r.memberId, email: r.email, name: r.name, fields: r.fields };
}

/**
 * The digest texts of sourceRows(c): what freezing now would store, encoded as stored rows are
 * (version 4), or with the fields in the keyed form stored before migration 0017 (version 3).
 */
export function sourceRowTexts(db: Db, c: Campaign, version: TextVersion = 4): Iterable<string> {
  if (c.followUpOf !== null) return newRowDigestTexts(db, followUpRecipients(db, c).rows, version === 3);
  return version === 3 ? iterateRecipientKeyedDigestTexts(db, c.listId, c.selection) : iterateRecipientDigestTexts(db, c.listId, c.selection);
}

/** Freezes sourceRows(c) into the campaign's snapshot (same rows, same order); returns the count. */
export function freezeSnapshot(db: Db, c: Campaign): number {
  return c.followUpOf === null
    ? snapshotFromRecipients(db, c.id, c.listId, c.selection)
    : replaceSnapshot(db, c.id, followUpRecipients(db, c).rows);
}
