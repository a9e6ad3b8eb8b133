// Remote sign-off (issue 16): mail a one-time approval code to the approver's own registered
// address through the organisation's account, and approve the frozen digest when the code is
// entered. The code is never stored, logged or returned: the database keeps an HMAC bound to
// the digest, the approver and the expiry; the audit log records only that a code was sent and
// used. Wrong codes go through the PIN gate, so they count and lock exactly like wrong PINs.
import type { ApprovalSummaryDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { isMemberAddress } from '../../db/repos/approval-addresses-repo';
import * as codes from '../../db/repos/approval-codes-repo';
import type { Approval } from '../../db/repos/approvals-repo';
import { mustGetCampaign, type Campaign } from '../../db/repos/campaigns-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { readSetting } from '../../db/repos/settings-repo';
import { newMessageId } from '../../smtp/mail-transport';
import type { AuditService } from '../audit/audit-service';
import type { ApprovalService } from '../campaigns/approval-service';
import type { Clock } from '../clock';
import type { TransportFactory } from '../send/send-types';
import { APP_SETTING_KEYS } from '../settings/app-settings';
import type { UserService } from '../users/user-service';
import { assertApproverOwnAddress } from './approval-address-guard';
import type { ApprovalAddressService } from './approval-address-service';
import { codeMac, generateCode, macMatches, normaliseCode } from './approval-code';
import { composeApprovalMail } from './approval-mail';

/** How long a mailed code can be used: a day, long enough to reach a chair who is out. */
const APPROVAL_CODE_VALID_MS = 24 * 60 * 60 * 1000;

export interface ApprovalCodeDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  readonly users: UserService;
  readonly approvals: ApprovalService;
  readonly addresses: ApprovalAddressService;
  readonly transportFor: TransportFactory;
  /** The HMAC key from this machine's secret store (approval-code.ts createCodeKey). */
  readonly key: () => Promise<Buffer>;
}

export interface AskByMail {
  readonly campaignId: number;
  readonly approverId: number;
  /** Who asks, confirming with their own PIN (as asking for approval does). */
  readonly askerId: number;
  readonly pin: string;
  /** What the approval screen shows; the mail says the same. */
  readonly summary: () => ApprovalSummaryDto;
}

/** A code that was mailed and can still be entered: where it went, never what it is. */
export interface PendingCode {
  readonly id: number;
  readonly approverId: number;
  readonly address: string;
  readonly sentAt: number;
  readonly expiresAt: number;
}

function pendingRequest(c: Campaign): Campaign & { digest: string; requestedBy: number } {
  if (c.status !== 'pending_approval' || c.digest === null || c.requestedBy === null) {
    throw new AppError('approval-required', 'Approval has not been requested for this campaign', { status: c.status });
  }
  return c as Campaign & { digest: string; requestedBy: number };
}

export function createApprovalCodeService({ db, clock, audit, users, approvals, addresses, transportFor, key }: ApprovalCodeDeps) {
  const lang = (): 'ja' | 'en' => (readSetting(db, APP_SETTING_KEYS.language) === 'en' ? 'en' : 'ja');

  return {
    /** Mails a fresh code to the approver's registered address; any earlier one of theirs is void. */
    async askByMail(req: AskByMail): Promise<PendingCode & { messageId: string }> {
      const c = pendingRequest(mustGetCampaign(db, req.campaignId));
      if (req.approverId === c.requestedBy) throw new AppError('approval-same-user', 'A different person must approve', { requesterId: c.requestedBy });
      const approver = users.listUsers().find((u) => u.id === req.approverId);
      if (!approver) throw new AppError('not-found', 'No such user', { userId: req.approverId });
      const asker = await users.verifyPin(req.askerId, req.pin);
      // The mail must describe exactly what the code approves: a request gone stale is voided here.
      approvals.assertPendingUnchanged(c.id);
      const address = addresses.get(req.approverId)?.address;
      if (!address) throw new AppError('approval-address-missing', 'This approver has no approval address', { approverId: req.approverId });
      // Never to a member: the mail carries member data and a code, and must not be a delivery.
      if (isMemberAddress(db, c.listId, c.id, address)) {
        throw new AppError('approval-address-member', 'The approval address belongs to a member of this list', { approverId: req.approverId, address });
      }
      // Nor to a mailbox the asker can read: an account or test address added since it was registered.
      assertApproverOwnAddress(db, req.approverId, address);
      const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
      if (!profile) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });

      const code = generateCode();
      const sentAt = clock.now();
      const expiresAt = sentAt + APPROVAL_CODE_VALID_MS;
      const mac = codeMac(await key(), { digest: c.digest, approverId: approver.id, expiresAt }, code);
      const mail = composeApprovalMail({ summary: req.summary(), approverName: approver.name, askedByName: asker.name, code, expiresAt, lang: lang() });
      // The notice's own account and transport, as a test send: in practice mode it lands in the
      // practice outbox. Not a sends row: it is no delivery to any member.
      const transport = transportFor(profile);
      let sent: { messageId: string; response: string };
      try {
        const messageId = newMessageId(profile.fromAddress);
        sent = await transport.send(
          { from: profile.fromAddress, to: address },
          { from: { address: profile.fromAddress, name: profile.fromName }, to: { address, name: approver.name }, ...mail, messageId, date: new Date(sentAt) },
        );
      } finally {
        transport.close();
      }
      return db.transaction(() => {
        // Re-read after the send: a change meanwhile voided the request, and the code with it.
        const now = mustGetCampaign(db, c.id);
        if (now.status !== 'pending_approval' || now.digest !== c.digest || now.updatedAt !== c.updatedAt) {
          throw new AppError('approval-void', 'The notice changed while the approval mail was being sent; the code in it will not work', { campaignId: c.id });
        }
        const replaced = codes.voidApprovalCodes(db, c.id, 'replaced', sentAt, approver.id);
        const id = codes.insertApprovalCode(db, { campaignId: c.id, approverId: approver.id, askedBy: asker.id, digest: c.digest, address, mac, createdAt: sentAt, expiresAt });
        audit.record('approval.code-sent', {
          actor: asker.name,
          campaignId: c.id,
          listId: c.listId,
          details: { codeId: id, approverId: approver.id, approverName: approver.name, address, expiresAt, digest: c.digest, messageId: sent.messageId, replaced },
        });
        return { id, approverId: approver.id, address, sentAt, expiresAt, messageId: sent.messageId };
      })();
    },

    /** The code, read from the approver's mailbox, approves exactly the digest it was mailed for. */
    async enterCode(campaignId: number, approverId: number, typed: string, enteredBy: string | null): Promise<Approval> {
      const row = codes.latestApprovalCode(db, campaignId, approverId);
      const c = mustGetCampaign(db, campaignId);
      if (!row) {
        throw new AppError('approval-code-none', 'No approval code was mailed to this approver for this notice', { approverId });
      }
      if (row.usedAt !== null) throw new AppError('approval-code-used', 'This approval code was already used', { usedAt: row.usedAt });
      if (row.voidedAt !== null || row.digest !== c.digest) {
        throw new AppError('approval-void', 'The notice changed after the code was mailed; the code no longer works', { reason: row.voidReason ?? 'changed' });
      }
      if (clock.now() >= row.expiresAt) throw new AppError('approval-code-expired', 'This approval code has expired', { expiresAt: row.expiresAt });
      const code = normaliseCode(typed);
      const binding = { digest: c.digest, approverId, expiresAt: row.expiresAt };
      return approvals.signOff(campaignId, approverId, {
        how: { method: 'mail-code', address: row.address },
        authenticate: () => users.verifySecret(approverId, 'approval-code', async () => macMatches(await key(), binding, code, row.mac)),
        consume: (at) => {
          if (!codes.markApprovalCodeUsed(db, row.id, at)) throw new AppError('approval-code-used', 'This approval code was already used', { codeId: row.id });
        },
        details: { codeId: row.id, enteredBy },
      });
    },

    /** Codes that were mailed for the current request and can still be entered. */
    pending(campaignId: number): PendingCode[] {
      const now = clock.now();
      return codes
        .openApprovalCodes(db, campaignId)
        .filter((r) => r.expiresAt > now)
        .map((r) => ({ id: r.id, approverId: r.approverId, address: r.address, sentAt: r.createdAt, expiresAt: r.expiresAt }));
    },
  };
}
