// The one-line summary of an audit row: the facts a person looks for, never digests, hashes or ids.
import { describe, expect, it } from 'vitest';
import { summarizeAuditDetails } from '../../../shared/reports/audit-details';

describe('audit details in words', () => {
  it('leaves out digests, hashes and ids, keeps names, files and counts', () => {
    const details = { digest: 'f'.repeat(64), sha256: 'a'.repeat(64), approverId: 3, fileName: '案内.pdf', rows: 12, pending: 30 };
    expect(summarizeAuditDetails('campaign.attachment-added', details, 'ja')).toBe('ファイル: 案内.pdf、行数: 12、未送信: 30');
    expect(summarizeAuditDetails('campaign.attachment-added', details, 'en')).toBe('file: 案内.pdf; rows: 12; to send: 30');
  });

  it('reads one member\'s result as a sentence, the server\'s reply in words', () => {
    const failed = { email: 'a@example.jp', status: 'failed', response: '550 5.1.1 User unknown', messageId: '<x@y>' };
    expect(summarizeAuditDetails('send.member', failed, 'ja')).toBe('a@example.jp — 失敗 — 宛先のアドレスが存在しません。綴りを確かめるか、本人に今のアドレスを聞いてください。');
    expect(summarizeAuditDetails('send.member', { email: 'b@example.jp', status: 'sent', response: '250 OK' }, 'en')).toBe('b@example.jp — sent');
  });
});
