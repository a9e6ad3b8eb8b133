// Old carrier addresses with dots that break RFC 5322 are sent with a quoted local part, in the
// envelope and in the To header, and a real SMTP server and mailparser read them back intact.
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;

afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const member = (email: string, name: string) => ({ email, name, fields: { 氏名: name, 地区: '1', 会費: '1000', メール: email } });

describe('dotted carrier addresses', () => {
  it('go out as "taro.."@docomo.ne.jp in RCPT TO and To, one member each', async () => {
    h = await sendHarness({
      members: [member('taro..@docomo.ne.jp', '山田 太郎'), member('hanako.@ezweb.ne.jp', '佐藤 花子'), member('jiro@example.jp', '鈴木 次郎')],
      capture: { lenientAddressParsing: true },
    });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(countByStatus(h.db, h.fx.campaignId)).toMatchObject({ sent: 3, failed: 0 });
    const byRcpt = new Map(h.smtp.messages.map((m) => [m.rcptTo[0]!, m]));
    expect([...byRcpt.keys()].sort()).toEqual(['"hanako."@ezweb.ne.jp', '"taro.."@docomo.ne.jp', 'jiro@example.jp']);
    for (const m of h.smtp.messages) expect(m.rcptTo).toHaveLength(1);
    // mailparser keeps the quotes: the same mailbox, written the only valid way.
    const taro = await h.smtp.parse(byRcpt.get('"taro.."@docomo.ne.jp')!);
    expect(taro.to && !Array.isArray(taro.to) ? taro.to.value : null).toEqual([{ address: '"taro.."@docomo.ne.jp', name: '山田 太郎' }]);
    expect(taro.headers.get('cc')).toBeUndefined();
    const raw = byRcpt.get('"hanako."@ezweb.ne.jp')!.raw.toString('latin1');
    expect(raw).toMatch(/^To: .*<"hanako\."@ezweb\.ne\.jp>\r?$/m);
  });
});
