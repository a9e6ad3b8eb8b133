// Quiet hours on the local clock: inside or outside, across midnight, and the wait until they end.
import { describe, expect, it } from 'vitest';
import { formatQuietHours, parseQuietHours, quietDelayMs, withQuietHours } from '../../../electron/services/send/quiet-hours';

const at = (d: number, h: number, m = 0) => new Date(2026, 0, d, h, m).getTime();
const NIGHT = { startMin: 21 * 60, endMin: 8 * 60 };

describe('quiet hours', () => {
  it('parses and prints HH:MM-HH:MM; equal ends or nonsense mean none', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual(NIGHT);
    expect(formatQuietHours(NIGHT)).toBe('21:00-08:00');
    for (const bad of ['', '21:00-21:00', '25:00-08:00', '9:00-17:00', null]) expect(parseQuietHours(bad)).toBeNull();
  });

  it('waits from 21:00 until 08:00 the next morning, and not at all in the day', () => {
    expect(quietDelayMs(NIGHT, at(5, 20, 59))).toBe(0);
    expect(quietDelayMs(NIGHT, at(5, 21, 0))).toBe(at(6, 8) - at(5, 21));
    expect(quietDelayMs(NIGHT, at(6, 2, 30))).toBe(at(6, 8) - at(6, 2, 30));
    expect(quietDelayMs(NIGHT, at(6, 8, 0))).toBe(0);
    expect(quietDelayMs(null, at(6, 2))).toBe(0);
  });

  it('handles quiet hours within one day (12:00-13:00)', () => {
    const lunch = { startMin: 12 * 60, endMin: 13 * 60 };
    expect(quietDelayMs(lunch, at(5, 12, 15))).toBe(45 * 60_000);
    expect(quietDelayMs(lunch, at(5, 13, 0))).toBe(0);
  });

  it('makes a rate limiter wait for whichever ends later', () => {
    const limiter = { delay: () => 1000, take: () => undefined, limitedBy: () => null };
    expect(withQuietHours(limiter, NIGHT).delay(at(5, 12))).toBe(1000);
    expect(withQuietHours(limiter, NIGHT).delay(at(5, 23))).toBe(at(6, 8) - at(5, 23));
  });
});
