// New database files get 8 KiB pages (connection.ts: fewer WAL frames per imported row); a file
// made with SQLite's default 4 KiB keeps its pages, and opens, migrates and works as before.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, PAGE_SIZE } from '../../../electron/db/connection';
import { currentVersion } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { tempDir } from '../../helpers/tmp';

describe('database page size', () => {
  it('is 8 KiB for a new file, kept after reopening', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'new.db');
      openDatabase(file).close();
      const db = openDatabase(file);
      expect(PAGE_SIZE).toBe(8192);
      expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      t.cleanup();
    }
  });

  it('stays 4 KiB for a file made with it, which migrates and takes writes', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'old.db');
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec('CREATE TABLE keep_me (x TEXT); INSERT INTO keep_me VALUES (\'before\')');
      expect(old.pragma('page_size', { simple: true })).toBe(4096);
      old.close();

      const db = openDatabase(file);
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      expect(currentVersion(db)).toBe(migrations.length);
      db.prepare('INSERT INTO lists (name, created_at, updated_at) VALUES (?, ?, ?)').run('会員名簿', Date.now(), Date.now());
      expect(db.prepare('SELECT x FROM keep_me').pluck().get()).toBe('before');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
