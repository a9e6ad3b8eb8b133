// The attachments of one run: loaded once, and re-hashed against the approved set before the
// first message, so that no member ever receives a file the approver did not sign off (promise 3).
import { sha256Hex } from '../sha256';
import { AppError } from '../../../shared/errors';
import type { MailAttachment } from '../../smtp/mail-transport';
import type { ApprovedAttachment, SendApprovals } from './send-types';

/**
 * The bytes the run will send. Any difference from the approved set (a file added, removed,
 * renamed, reordered, or one changed byte) throws 'approval-void': the run must not start.
 */
export function loadApprovedAttachments(
  approvals: Pick<SendApprovals, 'attachmentsForSend'>,
  campaignId: number,
  approved: readonly ApprovedAttachment[],
): MailAttachment[] {
  const files = approvals.attachmentsForSend(campaignId);
  const mismatch = (index: number, why: string) =>
    new AppError('approval-void', 'An attachment differs from the approved one; it must be approved again', {
      changed: ['attachments'],
      index,
      why,
    });
  if (files.length !== approved.length) throw mismatch(Math.min(files.length, approved.length), 'count');
  return files.map((f, i) => {
    const a = approved[i]!;
    // The stored hash column is not trusted: the digest was computed from bytes, so are these.
    const sha256 = sha256Hex(f.content);
    if (f.fileName !== a.name) throw mismatch(i, 'name');
    if (f.content.byteLength !== a.bytes || sha256 !== a.sha256) throw mismatch(i, 'content');
    // A private copy: nothing the caller does to its buffer later can change what is sent.
    return Object.freeze({ fileName: f.fileName, content: Buffer.from(f.content) });
  });
}
