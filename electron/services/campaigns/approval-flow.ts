// Request approval (freeze the snapshot, compute the digest), approve with a second user's PIN,
// and verify an approval against the current data, voiding it if anything changed (promise 3).
import { AppError } from '../../../shared/errors';
import { checkTemplate, compileTemplate } from '../../../shared/template';
import { getList } from '../../db/repos/lists-repo';
import { latestApproval, insertApproval, voidApprovals } from '../../db/repos/approvals-repo';
import { setCampaignStatus, setRequested, type Campaign } from '../../db/repos/campaigns-repo';
import { iterateSnapshot, countSnapshot } from '../../db/repos/snapshots-repo';
import { hasSends } from '../../db/repos/sends-repo';
import { changedParts, computeDigest, type DigestHeader, type DigestPart, type DigestResult } from './campaign-digest';
import { actorName, assertEditable, mustGetCampaign, type CampaignContext } from './campaign-context';
import { digestHeader, freezeSnapshot, sourceRows } from './campaign-sources';
import { readApprovalValidMs } from '../settings/app-settings';

export interface ApprovalRequest {
  readonly campaignId: number;
  readonly digest: string;
  readonly recipientCount: number;
}

export interface ValidApproval {
  readonly approvalId: number;
  readonly digest: string;
  readonly approverId: number;
  readonly requestedBy: number;
  readonly approvedAt: number;
}

/** A still valid approval, with the attachments it covers (name, sha256, bytes), in order. */
export interface VerifiedApproval extends ValidApproval {
  readonly attachments: DigestHeader['attachments'];
}

const MAX_REPORTED = 50;

/** Digest of what is frozen (the snapshot) and of what the database holds now (the source). */
function digests(ctx: CampaignContext, c: Campaign): { header: DigestHeader; frozen: DigestResult; current: DigestResult } {
  const header = digestHeader(ctx.db, c, ctx.checks);
  return {
    header,
    frozen: computeDigest(header, iterateSnapshot(ctx.db, c.id)),
    current: computeDigest(header, sourceRows(ctx.db, c)),
  };
}

function blockingFindings(ctx: CampaignContext, campaignId: number): { code: string }[] {
  if (!ctx.checks) return [];
  return ctx.checks(campaignId).items.filter((i) => i.severity === 'blocking').map((i) => ({ code: i.code }));
}

/** Template errors and members whose row lacks a field the template needs: both block approval. */
function templateProblems(ctx: CampaignContext, c: Campaign): Record<string, unknown> | null {
  const template = { subject: c.subjectTemplate, body: c.bodyTemplate };
  const columns = getList(ctx.db, c.listId)?.columns ?? [];
  const issues = checkTemplate(template, columns);
  if (issues.length > 0) return { templateIssues: issues };
  const compiled = compileTemplate(template);
  const missing: { position: number; email: string; missing: string[] }[] = [];
  let missingCount = 0;
  let position = 0;
  for (const row of sourceRows(ctx.db, c)) {
    const r = compiled.render(row.fields);
    if (!r.ok) {
      missingCount++;
      if (missing.length < MAX_REPORTED) missing.push({ position, email: row.email, missing: r.missing });
    }
    position++;
  }
  if (position === 0) return { noRecipients: true };
  return missingCount > 0 ? { missingCount, missing } : null;
}

function voidWith(ctx: CampaignContext, c: Campaign, reason: string, details: Record<string, unknown>): void {
  ctx.db.transaction(() => {
    const n = voidApprovals(ctx.db, c.id, reason, ctx.clock.now());
    // Back to draft only before sending; a scheduled or running send keeps its status (and its
    // sends rows) and is stopped by the sender, which gets the approval-void error.
    if (c.status === 'pending_approval' || c.status === 'approved') setCampaignStatus(ctx.db, c.id, 'draft', ctx.clock.now());
    ctx.audit.record('approval.voided', { campaignId: c.id, listId: c.listId, details: { reason, voided: n, ...details } });
  })();
}

/** Voids an approval (or a pending request) because the campaign was edited. No-op for drafts. */
export function voidForEdit(ctx: CampaignContext, c: Campaign, what: string): void {
  if (c.status === 'pending_approval' || c.status === 'approved') voidWith(ctx, c, 'campaign-edited', { what });
}

/** The requester confirms with their own PIN: the record then names two authenticated people. */
export async function requestApproval(ctx: CampaignContext, campaignId: number, requesterId: number, pin: string): Promise<ApprovalRequest> {
  assertEditable(mustGetCampaign(ctx, campaignId));
  await ctx.users.verifyPin(requesterId, pin);
  const c = mustGetCampaign(ctx, campaignId);
  assertEditable(c);
  if (c.profileId === null) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
  // Re-freezing replaces the snapshot, which would take the send records with it.
  if (hasSends(ctx.db, c.id)) {
    throw new AppError('send-state', 'This campaign already has send records', { campaignId: c.id });
  }
  const problems = templateProblems(ctx, c);
  if (problems) throw new AppError('approval-blocked', 'The campaign cannot be approved yet', problems);
  return ctx.db.transaction(() => {
    const now = ctx.clock.now();
    freezeSnapshot(ctx.db, c);
    // Checks run after the freeze (same transaction) so they see the recipients being approved;
    // a blocking finding rolls the snapshot back.
    const blocking = blockingFindings(ctx, c.id);
    if (blocking.length > 0) throw new AppError('approval-blocked', 'The check report has blocking findings', { blocking });
    const { digest, parts, rowCount } = computeDigest(digestHeader(ctx.db, c, ctx.checks), iterateSnapshot(ctx.db, c.id));
    const voided = voidApprovals(ctx.db, c.id, 're-requested', now);
    setRequested(ctx.db, c.id, digest, requesterId, now);
    ctx.audit.record('approval.requested', {
      actor: actorName(ctx, requesterId),
      campaignId: c.id,
      listId: c.listId,
      details: { requesterId, authenticated: 'pin', digest, parts, recipientCount: rowCount, voidedPrevious: voided },
    });
    return { campaignId: c.id, digest, recipientCount: rowCount };
  })();
}

export async function approve(ctx: CampaignContext, campaignId: number, approverId: number, pin: string): Promise<ValidApproval> {
  const c = mustGetCampaign(ctx, campaignId);
  if (c.status !== 'pending_approval' || c.requestedBy === null || c.digest === null) {
    throw new AppError('approval-required', 'Approval has not been requested for this campaign', { status: c.status });
  }
  // Checked before the PIN, so that the requester trying to self-approve costs no PIN attempt.
  if (approverId === c.requestedBy) {
    throw new AppError('approval-same-user', 'A different person must approve', { requesterId: c.requestedBy });
  }
  await ctx.users.verifyPin(approverId, pin);
  const fresh = mustGetCampaign(ctx, campaignId);
  if (fresh.status !== 'pending_approval' || fresh.digest !== c.digest) {
    throw new AppError('approval-void', 'The campaign changed while the PIN was being checked', { campaignId });
  }
  const { frozen, current } = digests(ctx, fresh);
  if (frozen.digest !== fresh.digest || current.digest !== fresh.digest) {
    const changed = whatChanged(recordedParts(ctx, campaignId, 'approval.requested', fresh.digest!), frozen, current);
    voidWith(ctx, fresh, 'changed-before-approval', { changed });
    throw new AppError('approval-void', 'The campaign changed after approval was requested; request approval again', { changed });
  }
  const blocking = blockingFindings(ctx, campaignId);
  if (blocking.length > 0) throw new AppError('approval-blocked', 'The check report has blocking findings', { blocking });
  return ctx.db.transaction(() => {
    const at = ctx.clock.now();
    const id = insertApproval(ctx.db, { campaignId, requestedBy: fresh.requestedBy!, approverId, digest: fresh.digest! }, at);
    setCampaignStatus(ctx.db, campaignId, 'approved', at);
    ctx.audit.record('approval.given', {
      actor: actorName(ctx, approverId),
      campaignId,
      listId: fresh.listId,
      details: { approvalId: id, approverId, requesterId: fresh.requestedBy, method: 'pin', digest: fresh.digest, parts: current.parts, recipientCount: countSnapshot(ctx.db, campaignId) },
    });
    return { approvalId: id, digest: fresh.digest!, approverId, requestedBy: fresh.requestedBy!, approvedAt: at };
  })();
}

/** Per-part hashes recorded in the audit log for a digest, to explain what changed since. */
function recordedParts(ctx: CampaignContext, campaignId: number, action: string, digest: string): Record<DigestPart, string> | null {
  const entry = ctx.audit
    .list({ campaignId, action })
    .reverse()
    .find((e) => e.details['digest'] === digest);
  return (entry?.details['parts'] as Record<DigestPart, string> | undefined) ?? null;
}

/** Parts that differ from the recorded ones, in either the frozen or the current data. */
function whatChanged(before: Record<DigestPart, string> | null, frozen: DigestResult, current: DigestResult): DigestPart[] {
  if (!before) return [];
  return [...new Set([...changedParts(before, frozen.parts), ...changedParts(before, current.parts)])];
}

/**
 * The campaign's approval if it still matches the current data; null if there is none or it was
 * voided. A mismatch voids it on the spot (recorded in approvals and the audit log).
 */
export function currentApproval(ctx: CampaignContext, campaignId: number, opts: ApprovalCheck = {}): VerifiedApproval | null {
  try {
    return assertApproved(ctx, campaignId, opts);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'approval-void' || e.code === 'approval-required' || e.code === 'approval-expired')) return null;
    throw e;
  }
}

export interface ApprovalCheck {
  /** Also refuse (and void) an approval older than the organisation's validity period: for starting a send. */
  readonly unexpired?: boolean;
}

/** When an approval given at `approvedAt` stops being enough to start a send. */
export const approvalExpiresAt = (ctx: CampaignContext, approvedAt: number): number => approvedAt + readApprovalValidMs(ctx.db);

export function assertApproved(ctx: CampaignContext, campaignId: number, opts: ApprovalCheck = {}): VerifiedApproval {
  const c = mustGetCampaign(ctx, campaignId);
  const a = latestApproval(ctx.db, campaignId);
  if (!a) throw new AppError('approval-required', 'This campaign has not been approved', { campaignId });
  if (a.voidedAt !== null) {
    const code = a.voidReason === 'expired' ? 'approval-expired' : 'approval-void';
    throw new AppError(code, 'The approval was voided by a later change', { reason: a.voidReason, voidedAt: a.voidedAt });
  }
  const expiresAt = approvalExpiresAt(ctx, a.approvedAt);
  if (opts.unexpired && ctx.clock.now() >= expiresAt) {
    voidWith(ctx, c, 'expired', { approvalId: a.id, approvedAt: a.approvedAt, expiresAt });
    throw new AppError('approval-expired', 'The approval has expired; it must be approved again', { approvedAt: a.approvedAt, expiresAt });
  }
  const { header, frozen, current } = digests(ctx, c);
  if (frozen.digest !== a.digest || current.digest !== a.digest) {
    const changed = whatChanged(recordedParts(ctx, campaignId, 'approval.given', a.digest), frozen, current);
    voidWith(ctx, c, 'changed-after-approval', { approvalId: a.id, changed });
    throw new AppError('approval-void', 'Something changed after the approval; it must be approved again', { changed });
  }
  // The digest matched, so these are exactly the approved files: the sender compares the bytes it
  // loads with them.
  return { approvalId: a.id, digest: a.digest, approverId: a.approverId, requestedBy: a.requestedBy, approvedAt: a.approvedAt, attachments: header.attachments };
}
