// newMessageId: unique, in the sender's domain, and time-ordered (UUID version 7), so the send
// loop's claims append to the sends.message_id index instead of touching a random page each.
import { describe, expect, it } from 'vitest';
import { newMessageId } from '../../../electron/smtp/mail-transport';

const V7 = /^<([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@chounaikai\.example\.jp>$/;

describe('newMessageId', () => {
  it('is a UUID version 7 in the sender\'s domain, carrying the time in milliseconds', () => {
    const before = Date.now();
    const id = newMessageId('info@chounaikai.example.jp');
    const m = V7.exec(id);
    expect(m).not.toBeNull();
    const ms = parseInt(m![1]! + m![2]!, 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('is unique, and ids made in later milliseconds sort after earlier ones', async () => {
    const first = Array.from({ length: 5000 }, () => newMessageId('info@chounaikai.example.jp'));
    expect(new Set(first).size).toBe(first.length);
    await new Promise((r) => setTimeout(r, 3));
    const later = newMessageId('info@chounaikai.example.jp');
    expect(first.every((id) => id < later)).toBe(true);
  });

  it('falls back to localhost for an address without a domain', () => {
    expect(newMessageId('nobody')).toMatch(/@localhost>$/);
  });
});
