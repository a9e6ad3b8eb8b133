// The plain reading of SMTP replies: each common reply (as real servers word it) gets the right
// reason, both languages have words for every reason, and the raw reply is kept as it came.
import { describe, expect, it } from 'vitest';
import { explainSmtpReply, parseSmtpReply, REPLY_REASONS, REPLY_WORDS } from '../../../shared/reports/smtp-reply-words';

const CASES: readonly [string, string, string][] = [
  ['550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table', 'user-unknown', 'permanent'],
  ["550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking", 'user-unknown', 'permanent'],
  ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'user-unknown', 'permanent'],
  ['550 Unknown user', 'user-unknown', 'permanent'],
  ['550 Invalid recipient <hanako@softbank.ne.jp>', 'user-unknown', 'permanent'],
  ['452 4.2.2 Mailbox full', 'mailbox-full', 'temporary'],
  ['552 5.2.2 Mailbox full', 'mailbox-full-permanent', 'permanent'],
  ['550 5.7.1 Message rejected as spam', 'spam', 'permanent'],
  ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'spam', 'permanent'],
  ['550 5.7.1 Relaying denied', 'policy-refused', 'permanent'],
  ['550 5.4.1 Recipient address rejected: Access denied. AS(201806281)', 'recipient-access-denied', 'permanent'],
  ['550 5.1.2 Host unknown', 'domain-unknown', 'permanent'],
  ['450 4.2.0 Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/', 'greylisting', 'temporary'],
  ['451 4.7.1 Greylisted', 'greylisting', 'temporary'],
  ['450 4.7.1 Please try again later', 'greylisting', 'temporary'],
  ['421 4.7.28 Our system has detected an unusual rate of unsolicited mail', 'rate-limited', 'temporary'],
  ['535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.', 'microsoft-auth', 'permanent'],
  ['550 5.7.30 Basic authentication is not supported for Client Submission.', 'microsoft-auth', 'permanent'],
  ['550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.', 'dmarc', 'permanent'],
  ['550 5.7.1 Unauthenticated email from example.org is not accepted due to domain\'s DMARC policy', 'dmarc', 'permanent'],
  ['554 5.3.4 Message too big for system', 'too-large', 'permanent'],
  ['550 5.2.1 Mailbox disabled', 'mailbox-disabled', 'permanent'],
  ['554 5.4.4 Unable to route', 'no-route', 'permanent'],
  ['451 4.4.1 No answer from host', 'remote-unreachable', 'temporary'],
  ['451 Temporary local problem', 'refused-temporary', 'temporary'],
  ['554 Transaction failed', 'refused-permanent', 'permanent'],
  ['250 2.0.0 Ok: queued as 4F2A1', 'accepted', 'accepted'],
  ['ECONNECTION: Connection closed unexpectedly', 'connection-lost', 'temporary'],
  ['template-missing-field: 部屋番号', 'template-missing-field', 'local'],
  ['???', 'unreadable', 'temporary'],
];

describe('SMTP replies in plain words', () => {
  it.each(CASES)('%s → %s', (raw, id, kind) => {
    const e = explainSmtpReply(raw);
    expect(e.id).toBe(id);
    expect(e.kind).toBe(kind);
    expect(e.ja).toBe(REPLY_WORDS[e.id].ja);
    expect(e.parsed.text).toBe(raw);
  });

  it('says 「宛先のアドレスが存在しません」 for 5.1.1', () => {
    expect(explainSmtpReply('550 5.1.1 User unknown').ja).toContain('宛先のアドレスが存在しません');
  });

  it('reads the reply code and enhanced status, also from a multi-line reply or later in the text', () => {
    expect(parseSmtpReply('550-5.1.1 No such user')).toMatchObject({ code: 550, enhanced: '5.1.1' });
    expect(parseSmtpReply('550 Requested action not taken: 5.1.1 mailbox unavailable')).toMatchObject({ code: 550, enhanced: '5.1.1' });
    expect(parseSmtpReply('550 Unknown user')).toMatchObject({ code: 550, enhanced: null });
    expect(parseSmtpReply('ECONNECTION: Connection closed')).toMatchObject({ code: null, enhanced: null });
  });

  it('has Japanese and English words for every reason', () => {
    for (const r of REPLY_REASONS) {
      expect(REPLY_WORDS[r].ja, r).toMatch(/[぀-ヿ一-龯]/);
      expect(REPLY_WORDS[r].en, r).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
