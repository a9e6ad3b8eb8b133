// The approval request's freeze commits its rows to the WAL and leaves copying them into the
// database file (the checkpoint) to the next turn of the event loop, after the answer
// (checkpoint-after.ts): the requester no longer waits for it. The connection's checkpoint setting
// is put back, and while an import has checkpoints off the request leaves that alone.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { campaignFixture, REQUESTER_PIN, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function bigDraft() {
  const rows = Array.from({ length: 600 }, (_, i) => `m${i}@example.jp,会員 ${i},${100 + i}`);
  const { listId } = await f.importCsv(['メール,氏名,部屋', ...rows].join('\r\n'));
  return f.draft({ listId });
}

describe('the request checkpoints after its answer', () => {
  it('answers with the frozen rows still in the WAL, then copies them into the database file', async () => {
    const c = await bigDraft();
    f.db.pragma('wal_autocheckpoint = 1');
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(f.file).size;
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    expect(countSnapshot(f.db, c.id)).toBe(600);
    expect(statSync(f.file).size).toBe(size);
    expect(f.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1);
    await turn();
    await turn();
    expect(statSync(f.file).size).toBeGreaterThan(size);
  });

  it('leaves checkpoints off while an import has turned them off', async () => {
    const c = await bigDraft();
    f.db.pragma('wal_autocheckpoint = 0');
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(f.file).size;
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await turn();
    await turn();
    expect(f.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(statSync(f.file).size).toBe(size);
  });
});
