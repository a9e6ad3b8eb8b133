// Each user's own approval address: where a one-time approval code for them is mailed. Whoever
// controls this address can approve as that user, so setting, changing or removing it takes two
// users' PINs, like any change of who may approve (promise 3), and is audited with both names.
import { isMailboxAddress } from '../../../shared/address';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import * as repo from '../../db/repos/approval-addresses-repo';
import { voidCodesOfApprover } from '../../db/repos/approval-codes-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { Signer, UserService } from '../users/user-service';
import { assertApproverOwnAddress } from './approval-address-guard';

/** Local part as typed, domain in lower case: how a mail server compares them. */
function cleanAddress(text: string): string {
  const t = text.trim();
  if (!isMailboxAddress(t) || t.length > 320) throw new AppError('validation', 'This is not a valid email address', { field: 'address' });
  const at = t.lastIndexOf('@');
  return `${t.slice(0, at)}@${t.slice(at + 1).toLowerCase()}`;
}

export interface ApprovalAddressDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  readonly users: UserService;
}

export function createApprovalAddressService({ db, clock, audit, users }: ApprovalAddressDeps) {
  return {
    list: (): repo.ApprovalAddress[] => repo.listApprovalAddresses(db),
    get: (userId: number): repo.ApprovalAddress | undefined => repo.getApprovalAddress(db, userId),

    /** Sets (or with null removes) a user's approval address; two different users confirm. */
    async set(userId: number, address: string | null, signers: readonly Signer[]): Promise<repo.ApprovalAddress[]> {
      const user = users.listUsers().find((u) => u.id === userId);
      if (!user) throw new AppError('not-found', 'No such user', { userId });
      const clean = address === null ? null : cleanAddress(address);
      if (clean !== null) assertApproverOwnAddress(db, userId, clean);
      const confirmed = await users.confirmTwo(signers);
      const actor = confirmed.map((u) => u.name).join(' + ');
      const before = repo.getApprovalAddress(db, userId)?.address ?? null;
      db.transaction(() => {
        repo.writeApprovalAddress(db, userId, clean, actor, clock.now());
        // A code already mailed to the old address must not outlive the change.
        const voidedCodes = voidCodesOfApprover(db, userId, 'approval-address-changed', clock.now());
        audit.record('approval-address.set', {
          actor,
          details: { userId, name: user.name, from: before, to: clean, voidedCodes, signedBy: confirmed.map((u) => ({ userId: u.id, name: u.name })) },
        });
      })();
      return repo.listApprovalAddresses(db);
    },
  };
}

export type ApprovalAddressService = ReturnType<typeof createApprovalAddressService>;
