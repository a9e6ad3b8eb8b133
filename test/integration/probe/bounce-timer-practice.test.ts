// Probe (round 4, item 3): the periodic look for late bounces (services.ts, a timer calling
// bounces.scanDue every 5 minutes) runs for the real workspace and never in practice mode, which
// has no mailbox to read. setInterval is faked; scanDue is watched on each workspace's services.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('probe: the periodic bounce look and practice mode', () => {
  it('looks in the real workspace, and not once in practice mode', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const app = createTestApp(cleanups);
    const real = vi.spyOn(app.core.context.services().bounces, 'scanDue');
    vi.advanceTimersByTime(31 * 60_000);
    expect(real.mock.calls.length).toBeGreaterThan(0);
    await app.call('practice:enter', {});
    const practice = app.core.context.services();
    expect(practice.practice).toBeDefined();
    const inPractice = vi.spyOn(practice.bounces, 'scanDue');
    const before = real.mock.calls.length;
    vi.advanceTimersByTime(61 * 60_000);
    expect(inPractice).not.toHaveBeenCalled();
    // The real workspace's timer went with its services.
    expect(real.mock.calls.length).toBe(before);
  });
});
