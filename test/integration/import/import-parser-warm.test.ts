// A file that will be parsed on a thread gets its thread started at the mapping step
// (import:analyze → inspectBuffer), and the import takes that thread instead of waiting for a new
// one to start (parser-thread.ts); a re-import's preview takes it and starts one for the import.
// The thread learns the import's settings only then: an import through it reads exactly what one
// through a new thread reads. One waits at most, it stops after its idle time, and a small file
// (parsed inline) starts none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { hasSpareParserThread, stopSpareParserThread, warmParserThread } from '../../../electron/services/import/parser-thread';
import { importFixture, utf8, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => {
  stopSpareParserThread();
  f = importFixture();
});
afterEach(() => {
  stopSpareParserThread();
  f.cleanup();
});

const csv = (n: number, sep = ',', belInRow4 = false): string =>
  [['会員番号', '氏名', 'メール', '備考'].join(sep), ...Array.from({ length: n }, (_, i) => [i + 1, `会員 ${i + 1}`, `member${i + 1}@example.jp`, belInRow4 && i === 3 ? 'x\u0007' : '備考'].join(sep))].join('\n');

describe('the parser thread started at the mapping step', () => {
  it('is started by the analysis of a file parsed on a thread, and taken by its import', async () => {
    const service = createImportService({ db: f.db, clock: manualClock(), parseThread: 'always' });
    const bytes = utf8(csv(300, ';', true));
    const analysis = await service.inspectBuffer(bytes);
    expect(analysis.delimiter).toBe(';');
    expect(hasSpareParserThread()).toBe(true);
    const r = await service.importBuffer({ bytes, fileName: 'm.csv', listName: '会員', delimiter: ';' });
    expect(hasSpareParserThread()).toBe(false);
    // The settings reached the thread: the semicolons split the cells, and row 4's BEL is refused.
    expect(r.counts).toMatchObject({ rows: 300, accepted: 299, rejected: 1 });
    expect(r.rejected).toEqual([{ row: 5, line: 5, reason: 'control-characters', rawEmail: 'member4@example.jp' }]);
    const members = f.members(r.listId);
    expect(members).toHaveLength(299);
    expect(members[0]!.fields).toEqual({ 会員番号: '1', 氏名: '会員 1', メール: 'member1@example.jp', 備考: '備考' });
    // The next import starts a thread of its own, and reads the same.
    const again = await service.importBuffer({ bytes, fileName: 'm.csv', listName: '会員 2', delimiter: ';' });
    expect(again.counts).toEqual(r.counts);
    expect(f.members(again.listId).map((m) => m.fields_json)).toEqual(members.map((m) => m.fields_json));
  });

  it('is started again after the preview of a re-import, which took it, for the import that follows', async () => {
    const service = createImportService({ db: f.db, clock: manualClock(), parseThread: 'always' });
    const first = await service.importBuffer({ bytes: utf8(csv(20)), fileName: 'm.csv', listName: '会員' });
    const bytes = utf8(csv(30));
    await service.inspectBuffer(bytes);
    const preview = await service.previewBuffer({ bytes, fileName: 'm.csv', listId: first.listId });
    expect(preview.diff?.counts.added).toBe(10);
    expect(hasSpareParserThread()).toBe(true);
    const r = await service.importBuffer({ bytes, fileName: 'm.csv', listId: first.listId });
    expect(hasSpareParserThread()).toBe(false);
    expect(r.diff?.counts).toEqual(preview.diff?.counts);
    expect(f.members(first.listId)).toHaveLength(30);
  });

  it('is not started for a file parsed inline, and at most one waits', async () => {
    const inline = createImportService({ db: f.db, clock: manualClock() });
    await inline.inspectBuffer(utf8(csv(10)));
    expect(hasSpareParserThread()).toBe(false);
    const threaded = createImportService({ db: f.db, clock: manualClock(), parseThread: 'always' });
    await threaded.inspectBuffer(utf8(csv(10)));
    await threaded.inspectBuffer(utf8(csv(10)));
    expect(hasSpareParserThread()).toBe(true);
    // A refused file starts none.
    stopSpareParserThread();
    await expect(threaded.inspectBuffer(new Uint8Array(0))).rejects.toMatchObject({ code: 'import-empty-file' });
    expect(hasSpareParserThread()).toBe(false);
  });

  it('stops after its idle time when no import takes it', async () => {
    warmParserThread(50);
    expect(hasSpareParserThread()).toBe(true);
    for (let i = 0; i < 100 && hasSpareParserThread(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(hasSpareParserThread()).toBe(false);
  });
});
