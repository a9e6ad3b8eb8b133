// Control characters (NUL, other C0 controls, DEL, C1) are refused row by row with the row's
// line, wherever they are: the encoding sniff sees only the first 64 KiB, so a NUL further on
// used to reach a member's fields unseen. Inline and worker-thread parsing behave the same.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { importFixture, utf8, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => {
  f = importFixture();
});
afterEach(() => f.cleanup());

/** Header plus `n` clean rows (about 70 KiB for 1,500): what comes after is past the sniffed sample. */
function cleanRows(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${i + 1},会員 ${i + 1} さん,member${i + 1}@example.jp,ふつうの備考です`);
}

describe.each(['never', 'always'] as const)('control characters (parse thread: %s)', (parseThread) => {
  it('rejects each row holding one, with its Excel row and line, also after the first 64 KiB', async () => {
    const rows = cleanRows(1500);
    const text = ['会員番号,氏名,メール,備考', ...rows, '1501,山田\u0000花子,yamada@example.jp,x', '1502,佐藤,sato@example.jp,"複数行の\n備考\u0007"', '1503,鈴木,suzuki@example.jp,x\u007f', '1504,高橋,takahashi@example.jp,ok\ttab'].join('\n');
    expect(utf8(text.slice(0, text.indexOf('\u0000'))).length).toBeGreaterThan(64 * 1024);
    const service = createImportService({ db: f.db, clock: manualClock(), parseThread });
    const r = await service.importBuffer({ bytes: utf8(text), fileName: 'm.csv', listName: '会員' });
    expect(r.rejected).toEqual([
      { row: 1502, line: 1502, reason: 'control-characters', rawEmail: 'yamada@example.jp' },
      { row: 1503, line: 1503, reason: 'control-characters', rawEmail: 'sato@example.jp' },
      { row: 1504, line: 1505, reason: 'control-characters', rawEmail: 'suzuki@example.jp' },
    ]);
    expect(r.rejectedByReason).toEqual({ 'control-characters': 3 });
    expect(r.counts).toMatchObject({ rows: 1504, accepted: 1501, rejected: 3 });
    // A tab is ordinary text in a cell.
    expect(f.members(r.listId).at(-1)).toMatchObject({ line: 1505, email: 'takahashi@example.jp' });
    expect(f.members(r.listId).some((m) => /[\u0000-\u0008\u007f]/.test(m.fields_json + m.name))).toBe(false);
  });

  it('also in a small file whose few controls stay under the binary threshold', async () => {
    const service = createImportService({ db: f.db, clock: manualClock(), parseThread });
    const text = `氏名,メール\n山田\u0001,y@example.jp\n${['佐藤', '鈴木', '高橋', '田中', '伊藤'].map((n, i) => `${n},m${i}@example.jp`).join('\n')}\n`;
    const r = await service.importBuffer({ bytes: utf8(text), fileName: 'm.csv', listName: 'l' });
    expect(r.rejected).toEqual([{ row: 2, line: 2, reason: 'control-characters', rawEmail: 'y@example.jp' }]);
    expect(f.members(r.listId).map((m) => m.email)).toEqual(['m0@example.jp', 'm1@example.jp', 'm2@example.jp', 'm3@example.jp', 'm4@example.jp']);
  });
});
