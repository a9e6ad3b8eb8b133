// Matches a bounce report to the one send it is about: by the original Message-ID, and the
// address the report names must be that send's recipient (a report naming nobody is about the
// one message, which had exactly one recipient: promise 1). Nothing else is tried: no guessing
// by subject, date or a similar address.
import { sendByMessageId, type SendByMessageId } from '../../db/repos/bounces-repo';
import type { Db } from '../../db/connection';
import type { BounceReport, BouncedRecipient } from './bounce-report';

export type Match = { readonly send: SendByMessageId; readonly recipient: BouncedRecipient } | null;

export function matchReport(db: Db, report: BounceReport): Match {
  if (!report.originalMessageId) return null;
  const send = sendByMessageId(db, report.originalMessageId);
  if (!send) return null;
  const email = send.email.toLowerCase();
  const named = report.recipients.find((r) => r.address === email);
  const recipient = named ?? (report.recipients.length === 1 && report.recipients[0]!.address === null ? report.recipients[0]! : undefined);
  return recipient ? { send, recipient } : null;
}
