// The approval of a notice, one owner: request it (freeze the snapshot, compute the digest),
// approve with a second user's PIN, and verify an approval against the current data, voiding it
// if anything it covers changed (promise 3). The campaign service voids through voidForEdit.
import { AppError } from '../../../shared/errors';
import { fieldsChecksRead, type CheckRecipient } from '../../../shared/guards';
import { EDITABLE_CAMPAIGN_STATUSES } from '../../../shared/statuses';
import { checkTemplate, compileTemplate, missingFieldsOf, type CompiledTemplate } from '../../../shared/template';
import type { Db } from '../../db/connection';
import { voidApprovalCodes } from '../../db/repos/approval-codes-repo';
import { insertApproval, latestApproval, voidApprovals, type Approval, type ApprovalHow } from '../../db/repos/approvals-repo';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import { mustGetCampaign, setCampaignStatus, setRequested, type Campaign } from '../../db/repos/campaigns-repo';
import { getList } from '../../db/repos/lists-repo';
import { hasSends } from '../../db/repos/sends-repo';
import { fieldValueReader } from '../../db/fields';
import { listStillGivesSnapshot } from '../../db/repos/recipients-query';
import { whileHolding } from '../../db/wal-checkpointer';
import { cacheableMembersVersion, outsideMembers } from '../../db/content-version';
import { keptByVersion } from '../../db/kept-by-version';
import { freezeChunks, memberFieldsTexts, snapshotHoldsChunks, readRawChunks, recipientChunkQuery, type FrozenChunk } from '../../db/repos/snapshot-chunks-repo';
import { getSnapshotRowAt, iterateSnapshot, iterateSnapshotDigestRows, iterateSnapshotDigestTexts, storedSnapshotHash, storeSnapshotHash } from '../../db/repos/snapshots-repo';
import type { AuditService } from '../audit/audit-service';
import { keptDraftRecipients } from '../checks/draft-recipients-cache';
import { keepFrozenRecipients, whileFrozenAs } from '../checks/frozen-recipients-cache';
import type { Clock } from '../clock';
import { readApprovalValidMs } from '../settings/app-settings';
import type { User } from '../../db/repos/users-repo';
import type { UserService } from '../users/user-service';
import { changedParts, digestOf, hashRecipients, hashRowTexts, legacyDigest, rowTextHasher, type DigestHeader, type DigestPart, type DigestResult, type RecipientsHash, type RowsVersion } from './campaign-digest';
import { digestHeader, freezeSnapshot, sourceRows, sourceRowTexts, type ChecksFn } from './campaign-sources';
import { chunksHoldMembers, scanRecipientChunks } from './recipient-scan';
import { stillValid, whileAuthenticating } from './while-authenticating';

export interface ApprovalRequest {
  readonly campaignId: number;
  readonly digest: string;
  readonly recipientCount: number;
}

/** A still valid approval, with the attachments it covers (name, sha256, bytes), in order. */
export type VerifiedApproval = Approval & { readonly attachments: DigestHeader['attachments'] };

export interface ApprovalCheck {
  /** Also refuse (and void) an approval older than the organisation's validity period: for starting a send. */
  readonly unexpired?: boolean;
}

/**
 * A sign-off other than a PIN at the desk (a mailed code): `authenticate` proves the approver
 * (through the PIN gate's lock), `consume` runs inside the approval's transaction (single use).
 */
export interface SignOff {
  readonly how: ApprovalHow;
  authenticate(): Promise<User>;
  consume(at: number): void;
  /** Extra facts for the 'approval.given' audit row (never the code). */
  readonly details: Record<string, unknown>;
}

export interface ApprovalServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  /** Whose PINs sign requests and approvals. */
  readonly users: UserService;
  /** The check report (guards); approval is refused while it has blocking items. */
  readonly checks?: ChecksFn;
  /**
   * Called once the request's transaction committed with the report `checks` gave inside it: the
   * writes after it (status, approval, audit) change nothing a report reads, so it may be kept.
   */
  readonly keepChecks?: (campaignId: number, report: ReturnType<ChecksFn>) => void;
}

const MAX_REPORTED = 50;

/** Per connection: whether the list still gives a notice's snapshot, by notice, list and selection. */
const stillGiven = keptByVersion<boolean>(4);

/** A pass over a freeze's rows: their hash and the members lacking a field the template needs. */
interface RowScan {
  readonly hash: RecipientsHash;
  readonly missingCount: number;
  /** The first MAX_REPORTED of them, by position. */
  readonly lacking: readonly { readonly position: number; readonly missing: readonly string[] }[];
}

/** The check report's draft recipients, read as `fields`, that a freeze copied row for row. */
interface FrozenAsDraft {
  readonly fields: readonly string[];
  readonly rows: readonly CheckRecipient[];
  /** The read merged no row into an identical earlier one. */
  readonly nothingMerged: boolean;
}

/** The scan of the rows a freeze would take, made while the requester's PIN is checked. */
interface EarlyScan {
  readonly scan: RowScan;
  readonly chunks: FrozenChunk[];
  /** The check screen's read of the same rows, if it was kept for the database as it then was. */
  readonly draft?: FrozenAsDraft | undefined;
}

/** A notice may be edited, or (re-)submitted for approval, only before its send is scheduled. */
export function assertEditable(c: Campaign): void {
  if (!(EDITABLE_CAMPAIGN_STATUSES as readonly string[]).includes(c.status)) {
    throw new AppError('send-state', 'This campaign is being or has been sent and can no longer change', {
      campaignId: c.id,
      status: c.status,
    });
  }
}

/** Parts that differ from the recorded ones, in either the frozen or the current data. */
function whatChanged(before: Record<DigestPart, string> | null, frozen: DigestResult, current: DigestResult): DigestPart[] {
  if (!before) return [];
  return [...new Set([...changedParts(before, frozen.parts), ...changedParts(before, current.parts)])];
}

/**
 * The rows, as [position, row], that lack a field the template needs (`missingOf`): how many, and
 * the first MAX_REPORTED with what each lacks.
 */
function tallyLacking<T>(missingOf: (row: T) => readonly string[] | null, rows: Iterable<readonly [position: number, row: T]>): Pick<RowScan, 'missingCount' | 'lacking'> {
  const lacking: { position: number; missing: readonly string[] }[] = [];
  let missingCount = 0;
  for (const [position, row] of rows) {
    const missing = missingOf(row);
    if (!missing) continue;
    missingCount++;
    if (lacking.length < MAX_REPORTED) lacking.push({ position, missing });
  }
  return { missingCount, lacking };
}

/** Each row with its position. */
function* withPositions<T>(rows: readonly T[]): Generator<readonly [number, T]> {
  for (let i = 0; i < rows.length; i++) yield [i, rows[i]!];
}

export function createApprovalService({ db, clock, audit, users, checks, keepChecks }: ApprovalServiceDeps) {
  /** The check report at most once per call: the header and the blocking gate read the same one. */
  function checksOnce(): (ChecksFn & { readonly given: () => ReturnType<ChecksFn> | undefined }) | undefined {
    if (!checks) return undefined;
    let report: ReturnType<ChecksFn> | undefined;
    return Object.assign((id: number) => (report ??= checks(id)), { given: () => report });
  }

  /**
   * The snapshot's rows hashed for a digest version, from the rows. Versions 3 and 4 hash the
   * stored text alike: a snapshot frozen before migration 0017 keeps its keyed fields text.
   */
  const hashSnapshot = (c: Campaign, version: RowsVersion): RecipientsHash =>
    version === 2 ? hashRecipients(iterateSnapshot(db, c.id)) : hashRowTexts(iterateSnapshotDigestTexts(db, c.id), version);

  /** The rows a freeze would take now, hashed for a digest version (3: their fields in the keyed form of before 0017). */
  const hashSource = (c: Campaign, version: RowsVersion): RecipientsHash =>
    version === 2 ? hashRecipients(sourceRows(db, c)) : hashRowTexts(sourceRowTexts(db, c, version), version);

  /**
   * The snapshot's hash as stored when it was frozen (in the version it was signed with), or
   * hashed from the rows if there is none; `stored` says which.
   */
  function frozenHash(c: Campaign): { hash: RecipientsHash; stored: boolean } {
    const s = storedSnapshotHash(db, c.id);
    return s ? { hash: s, stored: true } : { hash: hashSnapshot(c, 4), stored: false };
  }

  /**
   * The hash of the rows a freeze would take now. When the stored hash vouches for the snapshot as
   * frozen from the list and SQLite finds the list still gives exactly those rows (the usual case),
   * that is the snapshot's hash; otherwise the rows are hashed.
   */
  function currentHash(c: Campaign, frozen: RecipientsHash, stored: boolean): RecipientsHash {
    if (stored && c.followUpOf === null && listStillGivesFrozen(c)) return frozen;
    return hashSource(c, frozen.version);
  }

  /**
   * listStillGivesSnapshot (a pass over the 100k frozen rows and their members, ~100 ms), kept under
   * the members version: approve computes it during the PIN check and writes under outsideMembers,
   * so the start-of-send check after it finds the answer. It reads only members, exclusions,
   * suppressions and snapshots, which every write but outsideMembers' moves the version for.
   */
  function listStillGivesFrozen(c: Campaign): boolean {
    const version = cacheableMembersVersion(db);
    const key = JSON.stringify([c.id, c.listId, c.selection]);
    const hit = version === null ? undefined : stillGiven.get(db, key, version);
    if (hit !== undefined) return hit;
    const gives = listStillGivesSnapshot(db, c.id, c.listId, c.selection);
    if (version !== null) stillGiven.put(db, key, version, gives);
    return gives;
  }

  interface Digests {
    readonly header: DigestHeader;
    readonly frozen: DigestResult;
    readonly current: DigestResult;
    /** Whether the frozen hash was the stored one (else it was hashed from the rows, in version 3). */
    readonly stored: boolean;
  }

  /** Digest of what is frozen (the snapshot) and of what the database holds now (the source). */
  function digests(c: Campaign, checksFn: ChecksFn | undefined): Digests {
    const header = digestHeader(db, c, checksFn);
    const { hash, stored } = frozenHash(c);
    return { header, frozen: digestOf(header, hash), current: digestOf(header, currentHash(c, hash, stored)), stored };
  }

  /**
   * Whether both digests are the signed one. An approval signed with an earlier digest version is
   * checked the way it was computed, so an update of Tayori voids nothing: a stored hash carries
   * its version; without one (rows changed since, or frozen before hashes were stored) the rows
   * are hashed for version 3 (before migration 0017), then 2, and version 1 (header and rows in
   * one stream) is tried last. Only a digest that does not match pays for these.
   */
  function signedDigestHolds(c: Campaign, d: Digests, signed: string): boolean {
    if (d.frozen.digest === signed && d.current.digest === signed) return true;
    if (!d.stored && digestOf(d.header, hashSnapshot(c, 3)).digest === signed && digestOf(d.header, hashSource(c, 3)).digest === signed) return true;
    if (!d.stored && digestOf(d.header, hashSnapshot(c, 2)).digest === signed && digestOf(d.header, hashSource(c, 2)).digest === signed) return true;
    return legacyDigest(d.header, iterateSnapshot(db, c.id)) === signed && legacyDigest(d.header, sourceRows(db, c)) === signed;
  }

  function blockingFindings(campaignId: number, checksFn: ChecksFn | undefined): { code: string }[] {
    if (!checksFn) return [];
    return checksFn(campaignId).items.filter((i) => i.severity === 'blocking').map((i) => ({ code: i.code }));
  }

  /** Template errors (before anything is frozen): they block approval. */
  function templateIssues(c: Campaign): Record<string, unknown> | null {
    const issues = checkTemplate({ subject: c.subjectTemplate, body: c.bodyTemplate }, getList(db, c.listId)?.columns ?? []);
    return issues.length > 0 ? { templateIssues: issues } : null;
  }

  /**
   * One pass over the rows of a freeze, as [digest text, fields text] in position order: members
   * whose row lacks a field the template needs (they block approval) and the rows' hash, which is
   * stored with the snapshot. Each row's fields are read as the sender's parseFields reads them
   * (fieldValueReader), only those the template uses; the render is decided once per set of present
   * fields.
   */
  function scanRows(c: Campaign, rows: Iterable<readonly [text: string, fieldsJson: string]>): RowScan {
    const missingOfParsed = missingFieldsOf(compileTemplate({ subject: c.subjectTemplate, body: c.bodyTemplate }), fieldValueReader(db));
    const missingOf = (fieldsJson: string) => missingOfParsed(JSON.parse(fieldsJson));
    const hasher = rowTextHasher();
    const positioned = function* (): Generator<readonly [number, string]> {
      let position = 0;
      for (const [text, fieldsJson] of rows) {
        hasher.add(text);
        yield [position++, fieldsJson];
      }
    };
    const tally = tallyLacking(missingOf, positioned());
    return { hash: hasher.finish(), ...tally };
  }

  /** What blocks the request in a scan of the rows now frozen (named by their frozen address). */
  function problemsOf(c: Campaign, scan: RowScan): Record<string, unknown> | null {
    if (scan.hash.rowCount === 0) return { noRecipients: true };
    if (scan.missingCount === 0) return null;
    const missing = scan.lacking.map((l) => ({ position: l.position, email: getSnapshotRowAt(db, c.id, l.position)?.email ?? '', missing: [...l.missing] }));
    return { missingCount: scan.missingCount, missing };
  }

  /**
   * The scan of the rows a freeze of `c` would take now, done while the requester's PIN is checked:
   * the list's recipients read in chunks by the same query the freeze copies from (no row read
   * into JavaScript: SQLite concatenates each chunk), their digest texts hashed as SQLite stores
   * them, then the few rows SQLite marked as perhaps lacking a field read here and
   * checked exactly as scanRows checks every row. A follow-up's rows are built in JavaScript when
   * frozen, so it is scanned after the freeze.
   */
  function earlyScan(c: Campaign): EarlyScan | null {
    if (c.followUpOf !== null) return null;
    const compiled = compileTemplate({ subject: c.subjectTemplate, body: c.bodyTemplate });
    const draft = keptDraft(c);
    return (draft && scanBesideDraft(c, compiled, draft)) ?? scanInSql(c, compiled, draft);
  }

  /**
   * The early scan when the check screen's read of the same rows is kept for the database as it is
   * now (the usual request): SQLite marks no row, and if the read merged no row the chosen members
   * are read without the merge probe. The chunks' member ids are then compared with the read's,
   * position by position (a mismatch: undefined, and the scan is made in SQL): the same members at
   * the same members version, so each row's fields as the read picked them (fieldPicker: every
   * field the template names, as fieldValueReader reads it) are the frozen row's, and the rows
   * lacking a field are found in them, as scanRows finds them in the fields text.
   */
  function scanBesideDraft(c: Campaign, compiled: CompiledTemplate, draft: FrozenAsDraft): EarlyScan | undefined {
    const found = scanRecipientChunks(readRawChunks(db, recipientChunkQuery(db, c.listId, c.selection, [], undefined, draft.nothingMerged)));
    if (!chunksHoldMembers(found.chunks, draft.rows)) return undefined;
    const missingOf = missingFieldsOf(compiled);
    const tally = tallyLacking((r: CheckRecipient) => missingOf(r.fields), withPositions(draft.rows));
    return { scan: { hash: found.hash, ...tally }, chunks: found.chunks, draft };
  }

  /** The early scan read in SQL alone: SQLite marks the rows that may lack a field, and only those are checked here. */
  function scanInSql(c: Campaign, compiled: CompiledTemplate, draft: FrozenAsDraft | undefined): EarlyScan {
    const missingOfParsed = missingFieldsOf(compiled, fieldValueReader(db));
    const missingOf = (fieldsJson: string) => missingOfParsed(JSON.parse(fieldsJson));
    // A row not marked holds every field the template names; should such a row not render (it
    // always does), every row is marked and checked.
    const allPresent = Object.fromEntries(compiled.fields.map((f) => [f, 'x']));
    const fields = missingOfParsed(allPresent) === null ? compiled.fields : null;
    const found = scanRecipientChunks(readRawChunks(db, recipientChunkQuery(db, c.listId, c.selection, fields)));
    const texts = found.marked.length > 0 ? memberFieldsTexts(db, found.marked.map((m) => m.memberId)) : new Map<number, string>();
    const tally = tallyLacking(missingOf, found.marked.map((m) => [m.position, texts.get(m.memberId) ?? 'null'] as const));
    return { scan: { hash: found.hash, ...tally }, chunks: found.chunks, draft };
  }

  /**
   * The check report's draft recipients of `c` if the check screen's read is kept for the database
   * as it is now (never read here): read by the same recipients query from the same rows as the
   * early scan, they are, row for row, what its freeze copies and what the report reads back from
   * the snapshot (member id, address, name, fields, and the member's change, line and editor).
   */
  function keptDraft(c: Campaign): FrozenAsDraft | undefined {
    if (!checks) return undefined;
    const fields = fieldsChecksRead({ subject: c.subjectTemplate, body: c.bodyTemplate });
    const kept = keptDraftRecipients(db, c.listId, c.selection, fields);
    return kept && { fields, rows: kept.recipients, nothingMerged: kept.leftOut.merged === 0 };
  }

  /**
   * Freezes the recipients and scans the frozen rows. With an early scan of the database as it still
   * is, the freeze copies the members it read, chunk by chunk in its order (keeping the snapshot if
   * it already holds exactly those rows, else the leading chunks it holds), and its scan is the
   * frozen rows' (same rows, same text); otherwise the recipients are frozen and the snapshot scanned.
   */
  function freezeAndScan(c: Campaign, early: EarlyScan | null | undefined): { scan: RowScan; draft?: FrozenAsDraft } {
    const copied = (e: EarlyScan): boolean =>
      snapshotHoldsChunks(db, c.id, e.chunks, e.scan.hash) || freezeChunks(db, c.id, c.listId, e.chunks, true) === e.scan.hash.rowCount;
    if (early && copied(early)) return { scan: early.scan, ...(early.draft ? { draft: early.draft } : {}) };
    freezeSnapshot(db, c);
    return { scan: scanRows(c, iterateSnapshotDigestRows(db, c.id)) };
  }

  function voidWith(c: Campaign, reason: string, details: Record<string, unknown>): void {
    db.transaction(() => {
      const n = voidApprovals(db, c.id, reason, clock.now());
      // A mailed code covers the same digest: whatever voids the request voids its codes.
      voidApprovalCodes(db, c.id, reason, clock.now());
      // Back to draft only before sending; a scheduled or running send keeps its status (and its
      // sends rows) and is stopped by the sender, which gets the approval-void error.
      if (c.status === 'pending_approval' || c.status === 'approved') setCampaignStatus(db, c.id, 'draft', clock.now());
      audit.record('approval.voided', { campaignId: c.id, listId: c.listId, details: { reason, voided: n, ...details } });
    })();
  }

  /** Per-part hashes recorded in the audit log for a digest, to explain what changed since. */
  function recordedParts(campaignId: number, action: string, digest: string): Record<DigestPart, string> | null {
    const entry = audit
      .list({ campaignId, action })
      .reverse()
      .find((e) => e.details['digest'] === digest);
    return (entry?.details['parts'] as Record<DigestPart, string> | undefined) ?? null;
  }

  /** When an approval given at `approvedAt` stops being enough to start a send. */
  const approvalExpiresAt = (approvedAt: number): number => approvedAt + readApprovalValidMs(db);

  function assertApproved(campaignId: number, opts: ApprovalCheck = {}): VerifiedApproval {
    const c = mustGetCampaign(db, campaignId);
    const a = latestApproval(db, campaignId);
    if (!a) throw new AppError('approval-required', 'This campaign has not been approved', { campaignId });
    if (a.voidedAt !== null) {
      const code = a.voidReason === 'expired' ? 'approval-expired' : 'approval-void';
      throw new AppError(code, 'The approval was voided by a later change', { reason: a.voidReason, voidedAt: a.voidedAt });
    }
    const expiresAt = approvalExpiresAt(a.approvedAt);
    if (opts.unexpired && clock.now() >= expiresAt) {
      voidWith(c, 'expired', { approvalId: a.id, approvedAt: a.approvedAt, expiresAt });
      throw new AppError('approval-expired', 'The approval has expired; it must be approved again', { approvedAt: a.approvedAt, expiresAt });
    }
    const d = digests(c, checksOnce());
    const { header, frozen, current } = d;
    if (!signedDigestHolds(c, d, a.digest)) {
      const changed = whatChanged(recordedParts(campaignId, 'approval.given', a.digest), frozen, current);
      voidWith(c, 'changed-after-approval', { approvalId: a.id, changed });
      throw new AppError('approval-void', 'Something changed after the approval; it must be approved again', { changed });
    }
    // The digest matched, so these are exactly the approved files: the sender compares the bytes it
    // loads with them.
    return { ...a, attachments: header.attachments };
  }

  /**
   * The campaign's approval if it still matches the current data; null if there is none or it was
   * voided. A mismatch voids it on the spot (recorded in approvals and the audit log).
   */
  function currentApproval(campaignId: number, opts: ApprovalCheck = {}): VerifiedApproval | null {
    try {
      return assertApproved(campaignId, opts);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'approval-void' || e.code === 'approval-required' || e.code === 'approval-expired')) return null;
      throw e;
    }
  }

  /** The pending request's digest still matches the frozen and the current data; else it is voided. */
  function assertRequestUnchanged(c: Campaign, digest: string, checksFn: ChecksFn | undefined = checksOnce(), d: Digests = digests(c, checksFn)): DigestResult {
    const { frozen, current } = d;
    if (!signedDigestHolds(c, d, digest)) {
      const changed = whatChanged(recordedParts(c.id, 'approval.requested', digest), frozen, current);
      voidWith(c, 'changed-before-approval', { changed });
      throw new AppError('approval-void', 'The campaign changed after approval was requested; request approval again', { changed });
    }
    return current;
  }

  /** Signs off the frozen digest as the approver, proven by `how`; returns the approval as recorded. */
  async function signOff(campaignId: number, approverId: number, by: SignOff): Promise<Approval> {
    const c = mustGetCampaign(db, campaignId);
    if (c.status !== 'pending_approval' || c.requestedBy === null || c.digest === null) {
      throw new AppError('approval-required', 'Approval has not been requested for this campaign', { status: c.status });
    }
    // Checked before the PIN, so that the requester trying to self-approve costs no PIN attempt.
    if (approverId === c.requestedBy) throw new AppError('approval-same-user', 'A different person must approve', { requesterId: c.requestedBy });
    // The digests (and the check report) are read while the PIN is checked, and used only if the
    // database is unchanged once it has verified.
    const { user: approver, early } = await whileAuthenticating(db, () => by.authenticate(), () => {
      const checksFn = checksOnce();
      return { checksFn, digests: digests(c, checksFn) };
    });
    const fresh = mustGetCampaign(db, campaignId);
    if (fresh.status !== 'pending_approval' || fresh.digest !== c.digest || fresh.requestedBy === null || fresh.digest === null) {
      throw new AppError('approval-void', 'The campaign changed while the PIN was being checked', { campaignId });
    }
    const { requestedBy, digest } = fresh;
    const pre = stillValid(db, early);
    const checksFn = pre ? pre.checksFn : checksOnce();
    const current = assertRequestUnchanged(fresh, digest, checksFn, pre?.digests);
    const blocking = blockingFindings(campaignId, checksFn);
    if (blocking.length > 0) throw new AppError('approval-blocked', 'The check report has blocking findings', { blocking });
    // The approval's own rows only (the code, the approval, the status, the audit entry): no member,
    // exclusion, suppression or snapshot, so the reads kept under the members version (the frozen
    // recipients the start-of-send check's report needs) outlive it.
    return outsideMembers(db, () => db.transaction((): Approval => {
      const at = clock.now();
      by.consume(at);
      const id = insertApproval(db, { campaignId, requestedBy, approverId, digest, how: by.how }, at);
      setCampaignStatus(db, campaignId, 'approved', at);
      const codeAddress = by.how.method === 'mail-code' ? by.how.address : null;
      audit.record('approval.given', {
        actor: approver.name,
        campaignId,
        listId: fresh.listId,
        details: {
          approvalId: id,
          approverId,
          requesterId: requestedBy,
          method: by.how.method,
          ...(codeAddress ? { codeAddress } : {}),
          ...by.details,
          digest,
          parts: current.parts,
          recipientCount: current.rowCount,
        },
      });
      return { id, campaignId, requestedBy, approverId, digest, approvedAt: at, voidedAt: null, voidReason: null, method: by.how.method, codeAddress };
    })());
  }

  /**
   * The rest of the request, in its transaction after the freeze: what blocks it (a member lacking a
   * field, a blocking finding) rolls the snapshot back; else the digest is recorded.
   */
  function afterFreeze(c: Campaign, scan: RowScan, checksFn: ChecksFn | undefined, requester: User, requesterId: number): ApprovalRequest {
    const now = clock.now();
    const problems = problemsOf(c, scan);
    if (problems) throw new AppError('approval-blocked', 'The campaign cannot be approved yet', problems);
    const { hash } = scan;
    storeSnapshotHash(db, c.id, hash);
    // Checks run after the freeze (same transaction) so they see the recipients being approved;
    // a blocking finding rolls the snapshot back.
    const blocking = blockingFindings(c.id, checksFn);
    if (blocking.length > 0) throw new AppError('approval-blocked', 'The check report has blocking findings', { blocking });
    const { digest, parts, rowCount } = digestOf(digestHeader(db, c, checksFn), hash);
    const voided = voidApprovals(db, c.id, 're-requested', now);
    voidApprovalCodes(db, c.id, 're-requested', now);
    setRequested(db, c.id, digest, requesterId, now);
    audit.record('approval.requested', {
      actor: requester.name,
      campaignId: c.id,
      listId: c.listId,
      details: { requesterId, authenticated: 'pin', digest, parts, recipientCount: rowCount, voidedPrevious: voided },
    });
    return { campaignId: c.id, digest, recipientCount: rowCount };
  }

  return {
    /** The requester confirms with their own PIN: the record then names two authenticated people. */
    async requestApproval(campaignId: number, requesterId: number, pin: string): Promise<ApprovalRequest> {
      const before = mustGetCampaign(db, campaignId);
      assertEditable(before);
      const { user: requester, early } = await whileAuthenticating(db, () => users.verifyPin(requesterId, pin), () => earlyScan(before));
      const c = mustGetCampaign(db, campaignId);
      assertEditable(c);
      if (c.profileId === null) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
      // Re-freezing replaces the snapshot, which would take the send records with it.
      if (hasSends(db, c.id)) throw new AppError('send-state', 'This campaign already has send records', { campaignId: c.id });
      const issues = templateIssues(c);
      if (issues) throw new AppError('approval-blocked', 'The campaign cannot be approved yet', issues);
      const checksFn = checksOnce();
      let frozenAs: FrozenAsDraft | undefined;
      // IMMEDIATE: no other connection commits between the check of the early scan and the freeze.
      // The frozen rows' WAL is copied back after the answer, off the event loop (wal-checkpointer.ts).
      const requested = whileHolding(db, 'write', () => db.transaction(() => {
        // The scan done during the PIN check holds only if nothing changed since (checked before the
        // first write); the freeze then copies exactly the rows it read, in the same order.
        const { scan, draft } = freezeAndScan(c, stillValid(db, early));
        // The check screen's draft recipients, read from the rows just frozen, are the snapshot's
        // as the report reads it: the report below need not read 100k rows back.
        if (!draft) return afterFreeze(c, scan, checksFn, requester, requesterId);
        frozenAs = draft;
        return whileFrozenAs(db, c.id, c.listId, draft.fields, draft.rows, () => afterFreeze(c, scan, checksFn, requester, requesterId));
      }).immediate());
      // Committed: kept for the approver's PIN check and the start-of-send check (their writes leave the members version alone).
      if (frozenAs) keepFrozenRecipients(db, c.id, c.listId, frozenAs.fields, frozenAs.rows);
      // The report computed after the freeze, for the approval summary the request answers with.
      const report = checksFn?.given();
      if (report && keepChecks) keepChecks(c.id, report);
      return requested;
    },

    /** A second person signs off the frozen digest with their PIN; returns the approval as recorded. */
    approve: (campaignId: number, approverId: number, pin: string): Promise<Approval> =>
      signOff(campaignId, approverId, { how: { method: 'pin' }, authenticate: () => users.verifyPin(approverId, pin), consume: () => undefined, details: {} }),

    /** The same sign-off, proven otherwise (a code mailed to the approver's own address). */
    signOff,

    /** Before the approval mail describes a request: it must still be exactly what was frozen. */
    assertPendingUnchanged(campaignId: number): void {
      const c = mustGetCampaign(db, campaignId);
      if (c.status === 'pending_approval' && c.digest !== null) assertRequestUnchanged(c, c.digest);
    },

    assertApproved,
    currentApproval,
    approvalExpiresAt,

    /**
     * Verifies the approval of a campaign about to be shown (digest; and expiry while it is
     * approved but not yet scheduled), voiding it on the spot if anything it covers changed;
     * returns the campaign as it now stands. A scheduled or running send keeps its approval
     * however old: expiry is checked when the send is scheduled.
     */
    verifyShownApproval(campaignId: number): Campaign {
      const c = mustGetCampaign(db, campaignId);
      if (c.status === 'approved') currentApproval(campaignId, { unexpired: true });
      else if (c.status === 'scheduled') currentApproval(campaignId);
      return mustGetCampaign(db, campaignId);
    },

    /** Voids an approval (or a pending request) because the campaign was edited. No-op for drafts. */
    voidForEdit(c: Campaign, what: string): void {
      if (c.status === 'pending_approval' || c.status === 'approved') voidWith(c, 'campaign-edited', { what });
    },

    /** The stored bytes of every attachment, in order: what the sender checks against the approval. */
    attachmentsForSend: (campaignId: number): { fileName: string; sha256: string; content: Buffer }[] =>
      listAttachmentFiles(db, campaignId).map((a) => ({ fileName: a.fileName, sha256: a.sha256, content: a.content })),
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
