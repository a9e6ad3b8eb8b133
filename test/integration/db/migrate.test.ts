import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/db/connection';
import { migrations } from '../../../electron/db/migrations';
import { currentVersion, migrate } from '../../../electron/db/migrate';
import { tempDir } from '../../helpers/tmp';
import { RECIPIENT_STATUSES } from '../../../shared/statuses';

/** Opens a fresh database at the latest schema, runs `check`, cleans up. */
function withDb(check: (db: Database.Database) => void): void {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 's.db'));
  try {
    check(db);
  } finally {
    db.close();
    t.cleanup();
  }
}

describe('database file and migrations', () => {
  it('opens a file with WAL and foreign keys, at the latest schema', () => {
    const t = tempDir();
    try {
      const db = openDatabase(join(t.dir, 'a.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(currentVersion(db)).toBe(migrations.length);
      db.close();
      // Re-opening applies nothing and keeps the version.
      const again = openDatabase(join(t.dir, 'a.db'));
      expect(currentVersion(again)).toBe(migrations.length);
      again.close();
    } finally {
      t.cleanup();
    }
  });

  it.each(migrations.map((m) => [m.version, m.name, m] as const))(
    'migration %i (%s) applies on top of the previous ones',
    (version, _name, m) => {
      const t = tempDir();
      try {
        const file = join(t.dir, 'm.db');
        const db = openDatabase(file, { migrations: migrations.slice(0, version - 1) });
        expect(currentVersion(db)).toBe(version - 1);
        db.close();
        const db2 = openDatabase(file, { migrations: migrations.slice(0, version) });
        expect(currentVersion(db2)).toBe(version);
        expect(m.sql.length).toBeGreaterThan(0);
        db2.close();
      } finally {
        t.cleanup();
      }
    },
  );

  it('refuses a database written by newer code, with a clear coded error, and leaves it untouched', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'future.db');
      const raw = new Database(file);
      raw.pragma(`user_version = ${migrations.length + 5}`);
      raw.close();
      expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'db-future-version' }));
      const check = new Database(file);
      expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
      check.close();
    } finally {
      t.cleanup();
    }
  });

  it('refuses a migration list that is not strictly rising', () => {
    const t = tempDir();
    try {
      const bad = [migrations[0]!, { version: 3, name: 'gap', sql: 'SELECT 1;' }];
      expect(() => openDatabase(join(t.dir, 'b.db'), { migrations: bad })).toThrowError(
        expect.objectContaining({ code: 'db-migration-order' }),
      );
    } finally {
      t.cleanup();
    }
  });

  it('applies pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'c.db');
      const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE x (a); NOT SQL;' }];
      expect(() => openDatabase(file, { migrations: broken })).toThrow();
      const check = new Database(file);
      expect(check.pragma('user_version', { simple: true })).toBe(0);
      expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'members'").get()).toEqual({ n: 0 });
      check.close();
    } finally {
      t.cleanup();
    }
  });

  it('0004 adds users.removed_at, the test_addresses table (case-insensitive) and the audit REPLACE guard', () => {
    withDb((db) => {
      const userColumns = (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
      expect(userColumns).toContain('removed_at');
      const cols = (db.prepare('PRAGMA table_info(test_addresses)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
      expect(cols).toEqual([['address', 1], ['added_by', 0], ['added_at', 0]]);
      db.prepare("INSERT INTO test_addresses (address, added_at) VALUES ('Office@Sakura.example', 0)").run();
      expect(() => db.prepare("INSERT INTO test_addresses (address, added_at) VALUES ('office@sakura.example', 0)").run()).toThrow(/UNIQUE/);
      const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").all() as { name: string }[]).map((r) => r.name);
      expect(triggers.sort()).toEqual(['audit_no_delete', 'audit_no_replace', 'audit_no_update']);
    });
  });

  it('0006 keeps the members an import replaced (its own copy, dropped with the import), undone imports and member edits', () => {
    withDb((db) => {
      const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('imports')).toEqual(expect.arrayContaining(['undone_at', 'undone_by']));
      expect(columns('members')).toEqual(expect.arrayContaining(['edited_at', 'edited_by']));
      // The copy holds every column of members but list_id, so an undo can restore rows exactly.
      const copied = columns('import_undo_members').filter((c) => c !== 'import_id' && c !== 'member_id');
      expect(copied.sort()).toEqual(columns('members').filter((c) => c !== 'id' && c !== 'list_id').sort());
      db.prepare("INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0)").run();
      db.prepare("INSERT INTO imports (id, list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at) VALUES (1, 1, 'f', 'x', 'utf-8', ',', 0, 0, 0, '{}', 0)").run();
      db.prepare("INSERT INTO import_undo (import_id, list_id, mapping_json) VALUES (1, 1, '{}')").run();
      db.prepare("INSERT INTO import_undo_members (import_id, member_id, line, email, name, fields_json) VALUES (1, 7, 2, 'a@b.example', 'A', '{}')").run();
      db.prepare('DELETE FROM lists WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) AS n FROM import_undo_members').get()).toEqual({ n: 0 });
    });
  });

  it('0007 keeps the text read from a PDF attachment by sha256, one row per file, null for an unreadable one', () => {
    withDb((db) => {
      const cols = (db.prepare('PRAGMA table_info(attachment_texts)').all() as { name: string; pk: number; notnull: number }[]).map((c) => [c.name, c.pk, c.notnull]);
      expect(cols).toEqual([['sha256', 1, 1], ['text', 0, 0], ['extracted_at', 0, 1]]);
      db.prepare("INSERT INTO attachment_texts (sha256, text, extracted_at) VALUES ('ab', NULL, 0)").run();
      expect(() => db.prepare("INSERT INTO attachment_texts (sha256, text, extracted_at) VALUES ('ab', 'x', 0)").run()).toThrow(/UNIQUE|PRIMARY/);
    });
  });

  it('0011 keeps every send row through the rebuild, adds the IMAP account (read-only by default) and the bounces table', () => {
    withDb((db) => {
      const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols('imap_accounts')).toEqual(expect.arrayContaining(['profile_id', 'host', 'port', 'security', 'auth_user', 'secret_ref', 'read_only', 'bounce_folder', 'sent_folder', 'sent_copy', 'scan_days']));
      expect(cols('bounces')).toEqual(expect.arrayContaining(['campaign_id', 'send_id', 'kind', 'status_code', 'diagnostic', 'reported_by', 'received_at', 'report_message_id']));
      expect(cols('sends')).toContain('message_id');
      db.prepare("INSERT INTO smtp_profiles (name, host, port, security, from_address, created_at, updated_at) VALUES ('p', 'h', 587, 'starttls', 'a@b.example', 0, 0)").run();
      db.prepare("INSERT INTO imap_accounts (profile_id, host, port, security, auth_user, created_at, updated_at) VALUES (1, 'h', 993, 'tls', 'u', 0, 0)").run();
      expect(db.prepare('SELECT read_only, sent_copy, sent_folder FROM imap_accounts').get()).toEqual({ read_only: 1, sent_copy: 'summary', sent_folder: 'Sent' });
      // Moving needs a folder to move into.
      expect(() => db.prepare('UPDATE imap_accounts SET read_only = 0').run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE imap_accounts SET sent_copy = 'all'").run()).toThrow(/CHECK/);
    });
  });

  it('0011 rebuilds sends without losing a row, id, Message-ID or an index of the migrations before it', () => {
    const t = tempDir();
    try {
      const db = new Database(join(t.dir, 'v7.db'));
      migrate(db, migrations.slice(0, 7));
      db.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0);
        INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0);
        INSERT INTO snapshots (id, campaign_id, position, email, fields_json) VALUES (5, 1, 0, 'a@b.example', '{}');
        INSERT INTO sends (id, campaign_id, snapshot_id, status, attempts, message_id, updated_at) VALUES (9, 1, 5, 'sent', 1, '<m@b.example>', 3);`);
      migrate(db, migrations);
      expect(db.prepare('SELECT id, status, message_id FROM sends').all()).toEqual([{ id: 9, status: 'sent', message_id: '<m@b.example>' }]);
      const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sends' AND sql IS NOT NULL").all() as { name: string }[]).map((r) => r.name);
      expect(indexes.sort()).toEqual(['sends_by_message_id', 'sends_by_snapshot', 'sends_by_status', 'sends_recent_by_time']);
      db.prepare("UPDATE sends SET status = 'bounced' WHERE id = 9").run();
      db.close();
    } finally {
      t.cleanup();
    }
  });

  it('the sends table accepts exactly the recipient statuses shared/statuses.ts declares', () => {
    withDb((db) => {
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sends'").get() as { sql: string }).sql;
      const inList = /status IN\s*\(([^)]*)\)/.exec(sql)![1]!;
      expect([...inList.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()).toEqual([...RECIPIENT_STATUSES].sort());
    });
  });

  it('the audit table refuses UPDATE and DELETE', () => {
    const t = tempDir();
    try {
      const db = openDatabase(join(t.dir, 'd.db'));
      db.prepare("INSERT INTO audit (at, action) VALUES (1, 'test')").run();
      expect(() => db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
