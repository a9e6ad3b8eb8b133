// Who a refusal is about, for replies real servers send: greylisting and mailbox states are the
// recipient's (retry or fail that member); login, quota, rate and 421 are the account's or the
// server's (pause the run).
import { describe, expect, it } from 'vitest';
import { replyScope } from '../../../electron/smtp/smtp-reply-scope';

const cases: [number, string, ReturnType<typeof replyScope>][] = [
  // Greylisting (Postgrey, Exim, sqlgrey) and other temporary refusals of one recipient.
  [450, '450 4.2.0 <m@example.jp>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.jp.html', 'recipient'],
  [451, '451 4.7.1 Greylisted, please try again later', 'recipient'],
  [451, '451 Greylisted for 5 minutes', 'recipient'],
  [451, '451 4.7.1 Please try again later', 'recipient'],
  [452, '452 4.2.2 Mailbox full', 'recipient'],
  [450, '450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered', 'recipient'],
  // Permanent refusals of one recipient or message.
  [550, '550 5.1.1 The email account that you tried to reach does not exist', 'recipient'],
  [552, '552 5.2.2 Mailbox quota exceeded', 'recipient'],
  [550, '550 5.7.1 Message rejected as spam', 'recipient'],
  // The account.
  [535, '535 5.7.8 Username and Password not accepted', 'auth'],
  [530, '530 5.7.0 Authentication Required', 'auth'],
  // The account's limits and the server.
  [421, '421 4.7.0 Try again later, closing connection', 'server'],
  [421, '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume', 'server'],
  [550, '550 5.4.5 Daily user sending limit exceeded.', 'server'],
  [451, '451 4.7.500 Server busy. Please try again later', 'server'],
  [452, '452 4.5.3 Too many recipients', 'server'],
  [452, '452 Insufficient system storage', 'server'],
  [451, '451 4.3.0 Temporary local problem - please try later', 'server'],
  [554, '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'server'],
  [454, '454 4.7.0 Too many login attempts, please try again later', 'server'],
];

describe('replyScope', () => {
  it.each(cases)('%i %s → %s', (code, response, scope) => {
    expect(replyScope(code, response)).toBe(scope);
  });
});
