// The estimate shown before approval: the same sliding windows as the send loop, quiet hours
// counted, and the account's earlier messages of the day using up its windows.
import { describe, expect, it } from 'vitest';
import { carrierOf, isCarrierAddress } from '../../../shared/sending/carrier-domains';
import { estimateSend } from '../../../shared/sending/estimate';
import { slidingWindows } from '../../../shared/sending/sliding-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (d: number, h: number, m = 0) => new Date(2026, 11, d, h, m).getTime();

describe('estimateSend', () => {
  it('at 30/minute 900 members take about 30 minutes', () => {
    const e = estimateSend({ count: 900, limits: { perMinute: 30, perHour: null }, start: at(7, 10), quietHours: null });
    expect(e.limitedBy).toBe('minute');
    expect(e.endAt - e.start).toBeGreaterThan(29 * MINUTE);
    expect(e.endAt - e.start).toBeLessThan(30 * MINUTE);
  });

  it('with 1,000/day, 1,500 members end tomorrow around 10:00', () => {
    const e = estimateSend({ count: 1500, limits: { perMinute: null, perHour: null, perDay: 1000 }, start: at(7, 10), quietHours: null });
    expect(e.limitedBy).toBe('day');
    expect(new Date(e.endAt).getDate()).toBe(8);
    expect(e.endAt - at(8, 10)).toBeLessThan(3 * MINUTE);
  });

  it('counts quiet hours: 100/hour from 20:00 with 21:00-08:00 quiet ends the next morning', () => {
    const e = estimateSend({
      count: 300,
      limits: { perMinute: null, perHour: 100 },
      start: at(7, 20),
      quietHours: { startMin: 21 * 60, endMin: 8 * 60 },
    });
    // 100 at 20:00, then quiet until 08:00, 100 at 08:00 and 100 at 09:00.
    expect(e.limitedBy).toBe('quiet');
    expect(e.endAt).toBeGreaterThan(at(8, 9));
    expect(e.endAt).toBeLessThan(at(8, 9, 5));
  });

  it('the account\'s earlier messages of the day use up its window', () => {
    const history = Array.from({ length: 1000 }, (_, i) => at(7, 9) + i);
    const e = estimateSend({ count: 10, limits: { perMinute: null, perHour: null, perDay: 1000 }, start: at(7, 10), quietHours: null, history });
    expect(e.endAt).toBeGreaterThanOrEqual(at(8, 9));
  });

  it('without limits it is a matter of the transaction time', () => {
    const e = estimateSend({ count: 400, limits: { perMinute: null, perHour: null }, start: 0, quietHours: null, msPerMessage: 250 });
    expect(e).toEqual({ count: 400, start: 0, endAt: 100_000, limitedBy: null });
  });
});

describe('slidingWindows', () => {
  it('lets N through in any span, never N+1', () => {
    const w = slidingWindows({ perMinute: 3, perHour: 5 });
    const starts: number[] = [];
    for (let t = 0; starts.length < 12; ) {
      const d = w.delay(t);
      if (d > 0) {
        t += d;
        continue;
      }
      w.take(t);
      starts.push(t);
      t += 1000;
    }
    for (let i = 0; i + 3 < starts.length; i++) expect(starts[i + 3]! - starts[i]!).toBeGreaterThanOrEqual(MINUTE);
    for (let i = 0; i + 5 < starts.length; i++) expect(starts[i + 5]! - starts[i]!).toBeGreaterThanOrEqual(HOUR);
  });
});

describe('carrier domains', () => {
  it('knows the carriers, their several domains and old subdomains, and nothing else', () => {
    expect(carrierOf('taro@docomo.ne.jp')).toBe('docomo');
    expect(carrierOf('a@ezweb.ne.jp')).toBe('au');
    expect(carrierOf('a@au.com')).toBe('au');
    expect(carrierOf('a@i.softbank.jp')).toBe('softbank');
    expect(carrierOf('a@softbank.ne.jp')).toBe('softbank');
    expect(carrierOf('a@dk.pdx.ne.jp')).toBe('ymobile');
    expect(carrierOf('A@DOCOMO.NE.JP')).toBe('docomo');
    expect(isCarrierAddress('a@docomo.ne.jp.example.com')).toBe(false);
    expect(isCarrierAddress('a@notdocomo.ne.jp')).toBe(false);
    expect(isCarrierAddress('a@gmail.com')).toBe(false);
  });
});
