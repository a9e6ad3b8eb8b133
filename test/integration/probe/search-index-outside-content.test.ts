// Probe (issue 15): the search indexer's steps run under outsideContent (content-version.ts), so
// their changes do not move the version the check report, the recipient order and the approval's
// early read are cached by. That is only sound if a step writes nothing those caches read: no
// table but the index's own (member_search_* and the per-list FTS tables), triggers included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { createRecipientsService } from '../../../electron/services/recipients/recipients-service';
import { createSearchIndexService } from '../../../electron/services/search-index/search-index-service';
import { tempDb } from '../../helpers/tmp';

let t: ReturnType<typeof tempDb>;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const isIndexTable = (name: string): boolean => name.startsWith('member_search');

/** Every table the caches may read, with its rows; the index's own tables left out. */
function contentDump(): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.filter((n) => !isIndexTable(n)).map((n) => [n, db.prepare(`SELECT * FROM "${n}"`).raw().all()]));
}

const csv = (n: number, seed: number) =>
  new TextEncoder().encode(
    ['会員番号,氏名,メールアドレス', ...Array.from({ length: n }, (_, i) => `${i},山田 ${seed}-${i},m${i}.${seed}@example.jp`)].join('\n'),
  );

describe('probe: the search indexer writes only the index', () => {
  it('no trigger fires from the index tables into anything else', () => {
    const triggers = db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; tbl_name: string; sql: string }[];
    // Triggers on the index's tables could write the content from an indexer step.
    expect(triggers.filter((tr) => isIndexTable(tr.tbl_name))).toEqual([]);
    // Triggers that write the index (on members) write nothing else.
    expect(triggers.filter((x) => /member_search/.test(x.sql)).length).toBeGreaterThanOrEqual(3);
    for (const tr of triggers.filter((x) => /member_search/.test(x.sql))) {
      const body = tr.sql.slice(tr.sql.toUpperCase().indexOf('BEGIN'));
      const targets = [...body.matchAll(/(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)/gi)].map((m) => m[1]!);
      expect({ trigger: tr.name, targets: targets.filter((x) => !isIndexTable(x)) }).toEqual({ trigger: tr.name, targets: [] });
    }
  });

  it('a build, a re-index after edits, a rebuild after a re-import and an orphan drop leave every other table as it was', async () => {
    const clock = manualClock();
    const imports = createImportService({ db, clock, parseThread: 'never' });
    const indexer = createSearchIndexService({ db, stepRows: 29 });
    const audit = createAuditService({ db, clock });
    const recipients = createRecipientsService({ db, clock, audit });
    const a = await imports.importBuffer({ bytes: csv(200, 1), fileName: 'a.csv', listName: 'a' });
    const b = await imports.importBuffer({ bytes: csv(150, 2), fileName: 'b.csv', listName: 'b' });

    const runAndCompare = (stage: string) => {
      const before = contentDump();
      const steps = indexer.runUntilIdle();
      expect({ stage, dump: contentDump() }).toEqual({ stage, dump: before });
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      return steps;
    };
    expect(runAndCompare('first build')).toBeGreaterThan(2);

    const ids = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT 5').pluck().all(a.listId) as number[];
    for (const id of ids) recipients.updateMember(id, { fields: { 氏名: `書換 ${id}` } }, null);
    expect(db.prepare('SELECT count(*) FROM member_search_dirty').pluck().get()).toBeGreaterThan(0);
    expect(runAndCompare('dirty re-index')).toBeGreaterThan(0);

    await imports.importBuffer({ bytes: csv(180, 3), fileName: 'a2.csv', listId: a.listId });
    expect(runAndCompare('rebuild after re-import')).toBeGreaterThan(0);

    db.prepare('DELETE FROM members WHERE list_id = ?').run(b.listId);
    db.prepare('DELETE FROM lists WHERE id = ?').run(b.listId);
    expect(runAndCompare('orphan drop')).toBeGreaterThan(0);
  });
});
