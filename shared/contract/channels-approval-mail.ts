// Channels of remote sign-off (issue 16): each user's approval address (two PINs to set), asking
// for approval by mail (a one-time code to the approver's own address), and entering the code.
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, email, empty, id, pin, signers } from './schemas';
import type { ApprovalAddressDto, ApprovalCodeSentDto, ApprovalDto } from './dto';

export const approvalMailChannels = {
  'approval-addresses:list': channel(empty, result<readonly ApprovalAddressDto[]>()),
  /** Sets (null: removes) a user's approval address; two different users confirm with their PINs. */
  'approval-addresses:set': channel(z.object({ userId: id, address: email.nullable(), signers }), result<readonly ApprovalAddressDto[]>()),
  /**
   * Mails a one-time approval code for the pending request to the approver's registered address,
   * through the notice's mail account. The asker confirms with their own PIN.
   */
  'approval-mail:ask': channel(z.object({ actorId, campaignId: id, approverId: id, pin }), result<ApprovalCodeSentDto>()),
  /** Codes mailed for the current request that can still be entered (where they went, not what they are). */
  'approval-mail:pending': channel(z.object({ campaignId: id }), result<readonly ApprovalCodeSentDto[]>()),
  /** The code from the approver's mail approves exactly the digest it was mailed for; wrong codes lock like PINs. */
  'approval-mail:enter': channel(
    z.object({ actorId: actorId.nullable(), campaignId: id, approverId: id, code: z.string().min(1).max(40) }),
    result<ApprovalDto>(),
  ),
} as const;
