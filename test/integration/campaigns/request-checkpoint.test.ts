// The approval request's freeze commits its rows to the WAL and leaves copying them into the
// database file (the checkpoint) to the checkpointer's thread, after the answer
// (wal-checkpointer.ts whileHolding): the requester no longer waits for it. The connection's checkpoint setting
// is put back, and while an import holds checkpoints off the request leaves that alone.
import { statSync } from 'node:fs';
import { checkpointStats, holdCheckpoints, stopCheckpoints } from '../../../electron/db/wal-checkpointer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { campaignFixture, REQUESTER_PIN, type CampaignFixture } from './campaign-fixture';
import { until } from '../../helpers/until';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(async () => {
  await stopCheckpoints(f.db);
  await f.cleanup();
});

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));


async function bigDraft() {
  const rows = Array.from({ length: 600 }, (_, i) => `m${i}@example.jp,会員 ${i},${100 + i}`);
  const { listId } = await f.importCsv(['メール,氏名,部屋', ...rows].join('\r\n'));
  return f.draft({ listId });
}

describe('the request checkpoints after its answer', () => {
  it('answers with the frozen rows still in the WAL, then copies them into the database file', async () => {
    const c = await bigDraft();
    // The import's WAL is copied first; then the connection's own setting is this test's.
    await until('the import\'s WAL is copied', () => !checkpointStats(f.db).busy);
    f.db.pragma('wal_autocheckpoint = 1');
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(f.file).size;
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    expect(countSnapshot(f.db, c.id)).toBe(600);
    expect(statSync(f.file).size).toBe(size);
    await until('the checkpointer has copied the freeze', () => !checkpointStats(f.db).busy);
    expect(f.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1);
    expect(statSync(f.file).size).toBeGreaterThan(size);
  });

  it('leaves checkpoints off while an import holds them off', async () => {
    const c = await bigDraft();
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    const importing = holdCheckpoints(f.db, 'import');
    const size = statSync(f.file).size;
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await turn();
    await turn();
    await new Promise((r) => setTimeout(r, 100));
    expect(f.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(statSync(f.file).size).toBe(size);
    importing();
    await until('the checkpointer has copied it all', () => !checkpointStats(f.db).busy);
    expect(f.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(statSync(f.file).size).toBeGreaterThan(size);
  });
});
