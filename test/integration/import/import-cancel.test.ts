// Stopping a running import from the page (import:cancel by the runId the page gave the run): the
// run fails with import-cancelled, a new list is not created, an existing list keeps its members,
// and nothing of the run is left (no pending list, no import row). A preview stops the same way.
import { afterEach, describe, expect, it } from 'vitest';
import { pendingListIds } from '../../../electron/db/repos/lists-repo';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ROWS = 150_000;
const big = () => new TextEncoder().encode('氏名,メールアドレス\n' + Array.from({ length: ROWS }, (_, i) => `山田 ${i},m${i}@example.jp`).join('\n'));
const small = () => new TextEncoder().encode('氏名,メールアドレス\n佐藤,s@example.jp\n');

async function setUp() {
  const app = createTestApp(cleanups);
  const { a } = await setUpOffice(app);
  const db = () => app.core.context.services().db;
  const count = (sql: string, ...p: unknown[]) => db().prepare(sql).pluck().get(...p) as number;
  /** Cancels `runId` at the first progress event of the run, as the stop button does. */
  const cancelOnFirstProgress = (runId: string) => {
    let asked: Promise<unknown> | null = null;
    app.core.events.subscribe((event) => {
      if (event === 'import:progress' && !asked) asked = app.call('import:cancel', { runId });
    });
    return () => asked;
  };
  return { ...app, a, db, count, cancelOnFirstProgress };
}

describe('import:cancel', () => {
  it('stops a new list\'s import: no list, no members, no pending list, no import row', async () => {
    const s = await setUp();
    const lists = s.count('SELECT count(*) FROM lists');
    const asked = s.cancelOnFirstProgress('run-new-0001');
    const error = await s.fail('import:run', { actorId: s.a.id, listName: '大きな名簿', fileName: 'big.csv', bytes: big(), runId: 'run-new-0001' });
    expect(error.code).toBe('import-cancelled');
    expect(await asked()).toEqual({ cancelled: true });
    expect(s.count('SELECT count(*) FROM lists')).toBe(lists);
    expect(s.count('SELECT count(*) FROM members')).toBe(0);
    expect(s.count('SELECT count(*) FROM imports')).toBe(0);
    expect(pendingListIds(s.db())).toEqual([]);
    // The run has ended: its id is free again, and cancelling it now does nothing.
    expect(await s.call('import:cancel', { runId: 'run-new-0001' })).toEqual({ cancelled: false });
  }, 120_000);

  it('stops a re-import and a preview of an existing list: its members stay as they were', async () => {
    const s = await setUp();
    const first = await s.call('import:run', { actorId: s.a.id, listName: '名簿', fileName: 'small.csv', bytes: small() });
    const before = s.db().prepare('SELECT id, email, name FROM members WHERE list_id = ? ORDER BY id').all(first.listId);
    const askedPreview = s.cancelOnFirstProgress('run-preview-01');
    expect((await s.fail('import:preview', { listId: first.listId, fileName: 'big.csv', bytes: big(), runId: 'run-preview-01' })).code).toBe('import-cancelled');
    expect(await askedPreview()).toEqual({ cancelled: true });
    const askedRun = s.cancelOnFirstProgress('run-replace-01');
    expect((await s.fail('import:run', { actorId: s.a.id, listId: first.listId, fileName: 'big.csv', bytes: big(), runId: 'run-replace-01' })).code).toBe('import-cancelled');
    expect(await askedRun()).toEqual({ cancelled: true });
    expect(s.db().prepare('SELECT id, email, name FROM members WHERE list_id = ? ORDER BY id').all(first.listId)).toEqual(before);
    expect(s.count('SELECT count(*) FROM imports WHERE list_id = ?', first.listId)).toBe(1);
    expect(pendingListIds(s.db())).toEqual([]);
  }, 120_000);

  it('stops a run whose stop arrived first (over HTTP the run\'s request, carrying the file, can come later)', async () => {
    const s = await setUp();
    const lists = s.count('SELECT count(*) FROM lists');
    // Nothing runs under the id yet, so nothing is stopped now; the run is stopped as it arrives.
    expect(await s.call('import:cancel', { runId: 'run-early-0001' })).toEqual({ cancelled: false });
    const error = await s.fail('import:run', { actorId: s.a.id, listName: '早い中止', fileName: 'small.csv', bytes: small(), runId: 'run-early-0001' });
    expect(error.code).toBe('import-cancelled');
    expect(s.count('SELECT count(*) FROM lists')).toBe(lists);
    expect(pendingListIds(s.db())).toEqual([]);
    // The early stop is used up: the same id runs to the end next time, and a stop then does nothing.
    const done = await s.call('import:run', { actorId: s.a.id, listName: '早い中止', fileName: 'small.csv', bytes: small(), runId: 'run-early-0001' });
    expect(done.counts.accepted).toBe(1);
    expect(await s.call('import:cancel', { runId: 'run-early-0001' })).toEqual({ cancelled: false });
    // A preview stopped early fails the same way.
    await s.call('import:cancel', { runId: 'run-early-0002' });
    expect((await s.fail('import:preview', { listId: done.listId, fileName: 'small.csv', bytes: small(), runId: 'run-early-0002' })).code).toBe('import-cancelled');
  }, 60_000);

  it('refuses a runId that is not an id, and a second run under an id in use', async () => {
    const s = await setUp();
    expect((await s.fail('import:cancel', { runId: '../x' })).code).toBe('validation');
    expect((await s.fail('import:run', { actorId: s.a.id, listName: 'x', fileName: 's.csv', bytes: small(), runId: 'short' })).code).toBe('validation');
    const running = s.fail('import:run', { actorId: s.a.id, listName: '大', fileName: 'big.csv', bytes: big(), runId: 'run-same-0001' });
    const second = await s.fail('import:run', { actorId: s.a.id, listName: '小', fileName: 's.csv', bytes: small(), runId: 'run-same-0001' });
    expect(second.code).toBe('conflict');
    await s.call('import:cancel', { runId: 'run-same-0001' });
    expect((await running).code).toBe('import-cancelled');
  }, 120_000);
});
