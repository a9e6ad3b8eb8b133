// The WAL checkpoint interval while a send runs (send-checkpoints.ts): raised for the run, put
// back after it, and never taken over from an import, which turns checkpoints off meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { sendCheckpoints } from '../../../electron/services/send/send-checkpoints';
import { tempDb } from '../../helpers/tmp';
import { sendHarness } from '../../helpers/send-harness';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function db() {
  const t = tempDb();
  cleanups.push(t.cleanup);
  return { db: t.db, pages: () => t.db.pragma('wal_autocheckpoint', { simple: true }) as number };
}

describe('WAL checkpoints while sending', () => {
  it('checkpoints less often while a send runs, and as before once it ended', () => {
    const { db: d, pages } = db();
    expect(pages()).toBe(1000);
    sendCheckpoints(d, true);
    expect(pages()).toBe(4000);
    sendCheckpoints(d, false);
    expect(pages()).toBe(1000);
  });

  it('leaves an import\'s setting alone (no automatic checkpoint while it runs)', () => {
    const { db: d, pages } = db();
    d.pragma('wal_autocheckpoint = 0');
    sendCheckpoints(d, true);
    expect(pages()).toBe(0);
    sendCheckpoints(d, false);
    expect(pages()).toBe(0);
  });

  it('puts the default back when an import that overlapped a send restored the send\'s value', () => {
    const { db: d, pages } = db();
    d.pragma('wal_autocheckpoint = 4000');
    sendCheckpoints(d, true);
    expect(pages()).toBe(4000);
    sendCheckpoints(d, false);
    expect(pages()).toBe(1000);
  });

  it('a real run raises it while sending and puts it back when the run ends', async () => {
    const h = await sendHarness({ members: 30, maxConnections: 2 });
    cleanups.push(() => h.cleanup());
    const pages = () => h.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    const seen: number[] = [];
    h.svc.onProgress((p) => {
      if (p.state === 'sending') seen.push(pages());
    });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(h.svc.status(h.fx.campaignId).state).toBe('completed');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([4000]));
    expect(pages()).toBe(1000);
  });
});
