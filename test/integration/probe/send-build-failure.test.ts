// Probe (issue 15): through a whole send run, a member whose message fails to build while the
// pool's MAIL FROM / RCPT TO are in flight (smtp-pool.ts) is a failure, never 'sent' nor
// 'unknown', the server receives nothing for that member, and the rest of the run goes on.
import { afterEach, describe, expect, it, vi } from 'vitest';

const control = vi.hoisted(() => ({ failFor: null as string | null }));
vi.mock('../../../electron/smtp/mail-transport', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/smtp/mail-transport')>();
  return {
    ...real,
    buildMime: async (...args: Parameters<typeof real.buildMime>) => {
      if (control.failFor !== null && args[0].to === control.failFor) {
        // Fails after the pool's transaction has started (a round trip later).
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('probe: the message could not be built');
      }
      return real.buildMime(...args);
    },
  };
});

import { countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  control.failFor = null;
  await h?.cleanup();
  h = undefined;
});

describe('probe: a message that fails to build in a send run', () => {
  it('is failed, not sent; nothing of it reaches the server; the others are sent', async () => {
    control.failFor = 'm0003@example.jp';
    h = await sendHarness({ members: 6, maxConnections: 1 });
    const { svc, fx, db, smtp } = h;
    h.start();
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 5, failed: 1, in_flight: 0, unknown: 0, queued: 0, retrying: 0 });
    const failed = listSends(db, fx.campaignId).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.smtpResponse).toMatch(/could not be built/);
    expect(smtp.messages.map((m) => m.rcptTo[0])).not.toContain('m0003@example.jp');
    expect(smtp.messages).toHaveLength(5);
  });
});
