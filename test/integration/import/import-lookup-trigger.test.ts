// A new list's import writes its rows with the lookup insert trigger dropped inside each step's
// transaction and created again before the commit (import-rows-repo.ts, withoutLookupInsertTrigger).
// Nobody may ever see the schema without it: not this connection between steps, not another
// connection, not after a step that fails; and once the list is published, the trigger works.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportService } from '../../../electron/services/import';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

const TRIGGER = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'members_insert_lookups'";
// 70,000 rows: three member-sink steps (STEP_ROWS 32,768), read in the worker.
const lines = Array.from({ length: 70_000 }, (_, i) => `K${i},名前${i},m${i}@example.jp`).join('\n');
const csv = `会員番号,氏名,メールアドレス\n${lines}`;

describe('the lookup insert trigger around a new list\'s import', () => {
  it('is in place between the steps, for this connection and another, and after', { timeout: 60_000 }, async () => {
    const original = f.db.prepare(TRIGGER).pluck().get();
    expect(original).toMatch(/CREATE TRIGGER members_insert_lookups AFTER INSERT ON members/);
    const other = new Database(f.file, { readonly: true });
    const seen: unknown[] = [];
    try {
      const service = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
      const r = await service.importFile({
        filePath: f.write(csv),
        // Progress comes between the steps' transactions.
        onProgress: () => {
          expect(f.db.inTransaction).toBe(false);
          seen.push(f.db.prepare(TRIGGER).pluck().get(), other.prepare(TRIGGER).pluck().get());
        },
      });
      expect(r.counts.accepted).toBe(70_000);
    } finally {
      other.close();
    }
    // At least one progress report after each step.
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(new Set(seen)).toEqual(new Set([original]));
    expect(f.db.prepare(TRIGGER).pluck().get()).toBe(original);
  });

  it('is in place after a step fails, and the next import works', { timeout: 60_000 }, async () => {
    const original = f.db.prepare(TRIGGER).pluck().get();
    const before = f.snapshot();
    // Fails inside the second step, while the trigger is dropped.
    f.db.exec(`CREATE TRIGGER probe_fail BEFORE INSERT ON members WHEN NEW.email = 'm40000@example.jp'
               BEGIN SELECT RAISE(FAIL, 'probe failure'); END`);
    const service = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    const err = await service.importFile({ filePath: f.write(csv) }).then(() => null, (e: unknown) => e);
    expect(String((err as Error)?.message)).toMatch(/probe failure/);
    f.db.exec('DROP TRIGGER probe_fail');
    expect(f.db.prepare(TRIGGER).pluck().get()).toBe(original);
    expect(f.snapshot()).toEqual(before);
    const again = await service.importFile({ filePath: f.write(csv) });
    expect(again.counts.accepted).toBe(70_000);
    const l = f.lookups();
    expect(l.emails).toEqual(l.expectedEmails);
    expect(l.keys).toEqual(l.expectedKeys);
  });

  it('writes the entries of a member added to the published list', { timeout: 60_000 }, async () => {
    const r = await f.service.importFile({ filePath: f.write(csv) });
    f.db
      .prepare("INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, 99999, 'new@example.jp', '新', 'K-new', '{}')")
      .run(r.listId);
    expect(f.db.prepare('SELECT count(*) FROM member_emails WHERE list_id = ? AND email = ?').pluck().get(r.listId, 'new@example.jp')).toBe(1);
    expect(f.db.prepare('SELECT count(*) FROM member_keys WHERE list_id = ? AND member_key = ?').pluck().get(r.listId, 'K-new')).toBe(1);
    const l = f.lookups();
    expect(l.emails).toEqual(l.expectedEmails);
    expect(l.keys).toEqual(l.expectedKeys);
  });
});
