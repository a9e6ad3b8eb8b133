// Whoever reads an approval address can approve as its user, so it must be a mailbox only that
// approver reads. The organisation's own mailboxes are read by the requester every day (the
// approval mail is even sent From one of them), and an address shared by two users lets one read
// the other's codes. Checked when an address is registered AND again when a code is about to be
// mailed: an account or test address added later must not open the hole after the fact.
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { listApprovalAddresses } from '../../db/repos/approval-addresses-repo';
import { getImapAccount } from '../../db/repos/imap-accounts-repo';
import { listProfileRows } from '../../db/repos/profiles-repo';
import { readSetting } from '../../db/repos/settings-repo';
import { listTestAddresses } from '../../db/repos/test-addresses-repo';
import { SETTING_KEYS } from '../checks/check-settings';

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every address the organisation itself sends from, signs in as, or tests with. */
function organisationMailboxes(db: Db): string[] {
  const out: string[] = [];
  for (const p of listProfileRows(db)) {
    out.push(p.fromAddress);
    if (p.authUser) out.push(p.authUser);
    const imap = getImapAccount(db, p.id);
    if (imap?.authUser) out.push(imap.authUser);
  }
  const org = readSetting(db, SETTING_KEYS.organisationAddress);
  if (org) out.push(org);
  for (const t of listTestAddresses(db)) out.push(t.address);
  return out;
}

/** Throws unless `address` is fit to be `userId`'s own approval address (case-insensitive). */
export function assertApproverOwnAddress(db: Db, userId: number, address: string): void {
  if (organisationMailboxes(db).some((m) => same(m, address))) {
    throw new AppError('approval-address-organisation', 'The approval address is one of the organisation\'s own mailboxes', { userId, address });
  }
  const other = listApprovalAddresses(db).find((a) => a.userId !== userId && same(a.address, address));
  if (other) throw new AppError('approval-address-taken', 'Another user already has this approval address', { userId, otherUserId: other.userId });
}
