// Per-carrier pacing on the injected clock: at most N messages a minute to each mobile carrier,
// while members of other domains go on meanwhile instead of waiting behind them.
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { carrierOf } from '../../../shared/sending/carrier-domains';
import { sendHarness, type Harness } from '../../helpers/send-harness';

const MINUTE = 60_000;
let h: Harness | undefined;

afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

function member(i: number, domain: string) {
  const name = `会員${i}`;
  const email = `m${String(i).padStart(3, '0')}@${domain}`;
  return { email, name, fields: { 氏名: name, 地区: '1', 会費: '1000', メール: email } };
}

/** The most messages to one carrier that started inside any 60-second span. */
function busiestMinute(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= MINUTE) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('pacing per carrier', () => {
  it('sends at most 10 a minute to docomo and to au, and the office addresses without waiting', async () => {
    // The list's order puts every carrier member first: a plain queue would stall on them.
    const members = [
      ...Array.from({ length: 40 }, (_, i) => member(i, 'docomo.ne.jp')),
      ...Array.from({ length: 25 }, (_, i) => member(100 + i, i % 2 ? 'ezweb.ne.jp' : 'au.com')),
      ...Array.from({ length: 50 }, (_, i) => member(200 + i, 'example.jp')),
    ];
    h = await sendHarness({ members, carrierPerMinute: 10, maxConnections: 2, simulatedTime: true });
    const { svc, fx, db, smtp } = h;
    h.start();
    const t0 = h.clock.now();
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 115, failed: 0 });
    expect(smtp.messages).toHaveLength(115);
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(115);

    const sends = listSends(db, fx.campaignId);
    const emailOf = new Map(members.map((m, i) => [i + 1, m.email]));
    const startsOf = (carrier: string | null) =>
      sends.filter((s) => carrierOf(emailOf.get(s.snapshotId) ?? '') === carrier).map((s) => s.startedAt!).sort((a, b) => a - b);
    const docomo = startsOf('docomo');
    const au = startsOf('au');
    const office = startsOf(null);
    expect(docomo).toHaveLength(40);
    // ezweb.ne.jp and au.com are one carrier's servers: paced together.
    expect(au).toHaveLength(25);
    expect(busiestMinute(docomo)).toBe(10);
    expect(busiestMinute(au)).toBe(10);
    // 40 to docomo at 10 a minute: the last goes out in the fourth minute.
    expect(docomo[39]! - t0).toBeGreaterThanOrEqual(3 * MINUTE);
    expect(docomo[39]! - t0).toBeLessThan(4 * MINUTE);
    // Nobody else waited for the carriers' minutes.
    expect(office).toHaveLength(50);
    expect(office[49]! - t0).toBeLessThan(MINUTE);
  }, 60_000);
});
