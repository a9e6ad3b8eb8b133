// The bounce parser reads each shape real servers write (fixtures), finds the original
// Message-ID only in the returned message or headers, and tells hard from soft.
import { describe, expect, it } from 'vitest';
import { mayBeBounce, parseBounce } from '../../../electron/services/bounces/parse-bounce';
import { BOUNCE_FIXTURES, bounceFixture } from '../../helpers/bounce-fixtures';

const messageId = '<3f2a9c1e-5b7d-4e0a-9f21-6c8d2b1a0e44@example.test>';
const rcpt = 'kenji.sato@example.co.jp';

describe('parseBounce', () => {
  const expected: Record<(typeof BOUNCE_FIXTURES)[number], { code: string | null; by: string }> = {
    'postfix-dsn': { code: '5.1.1', by: 'mail.example.net' },
    gmail: { code: '5.1.1', by: 'googlemail.com' },
    'exchange-ndr': { code: '5.1.10', by: 'TYCPR01MB0001.jpnprd01.prod.outlook.com' },
    qmail: { code: '5.1.1', by: 'mail.example.org' },
    docomo: { code: '550', by: 'docomo.ne.jp' },
    au: { code: '550', by: 'ezweb.ne.jp' },
    softbank: { code: null, by: 'softbank.ne.jp' },
  };

  for (const name of BOUNCE_FIXTURES) {
    it(`reads a ${name} bounce: original Message-ID, the recipient, hard, the code`, async () => {
      const raw = bounceFixture(name, { messageId, rcpt });
      expect(mayBeBounce(raw.toString('latin1').slice(0, 8192))).toBe(true);
      const r = await parseBounce(raw);
      expect(r).not.toBeNull();
      expect(r!.originalMessageId).toBe(messageId);
      expect(r!.reportedBy).toBe(expected[name].by);
      const mine = r!.recipients.filter((x) => x.address === rcpt);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.kind).toBe('hard');
      expect(mine[0]!.statusCode).toBe(expected[name].code);
      expect(r!.reportMessageId).toMatch(/^<.+>$/);
    });
  }

  it('decodes the ISO-2022-JP explanation of a carrier notice into the diagnostic', async () => {
    const r = await parseBounce(bounceFixture('softbank', { messageId, rcpt }));
    expect(r!.recipients[0]!.diagnostic).toContain('宛先不明');
    const d = await parseBounce(bounceFixture('docomo', { messageId, rcpt }));
    expect(d!.recipients.find((x) => x.address === rcpt)!.diagnostic).toMatch(/見つかりません|Unknown user/);
  });

  it('a delayed report (4.2.2 mailbox full) is soft', async () => {
    const r = await parseBounce(bounceFixture('postfix-delayed', { messageId, rcpt }));
    expect(r!.recipients).toEqual([{ address: rcpt, kind: 'soft', statusCode: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' }]);
    expect(r!.originalMessageId).toBe(messageId);
  });

  it("a member's own reply that quotes the notice is not a bounce, even with In-Reply-To", async () => {
    const raw = bounceFixture('human-reply', { messageId, rcpt });
    expect(await parseBounce(raw)).toBeNull();
  });

  it('a report whose returned headers are missing has no original Message-ID (it will not be matched)', async () => {
    const raw = Buffer.from(
      bounceFixture('qmail', { messageId, rcpt }).toString('latin1').replace(/^Message-ID: <3f2a.*$/m, 'X-Removed: yes'),
      'latin1',
    );
    const r = await parseBounce(raw);
    expect(r!.originalMessageId).toBeNull();
  });

  it('delivered and relayed DSN actions are not bounces', async () => {
    const raw = Buffer.from(
      bounceFixture('postfix-dsn', { messageId, rcpt }).toString('latin1').replace('Action: failed', 'Action: delivered').replace('Status: 5.1.1', 'Status: 2.0.0'),
      'latin1',
    );
    const r = await parseBounce(raw);
    // The DSN says delivered; the explanation's "<addr>: ... 550 5.1.1" paragraph is the only failure left.
    expect(r?.recipients.every((x) => x.kind === 'hard') ?? true).toBe(true);
  });
});
