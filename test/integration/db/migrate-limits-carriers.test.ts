// Migration limits_and_carriers (issue 12): the per-day limit and carrier pacing on the account,
// the notice's encoding, and the index the rolling-window counts read.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { tempDir } from '../../helpers/tmp';

describe('migration limits_and_carriers', () => {
  it('adds per_day (none), carrier_per_minute (20 by default), campaigns.encoding (utf-8 or iso-2022-jp)', () => {
    const t = tempDir();
    const db = openDatabase(join(t.dir, 'm.db'));
    try {
      db.prepare(
        "INSERT INTO smtp_profiles (name, host, port, security, from_address, created_at, updated_at) VALUES ('a', 'h', 25, 'none', 'a@b.example', 0, 0)",
      ).run();
      expect(db.prepare('SELECT per_day, carrier_per_minute FROM smtp_profiles').get()).toEqual({ per_day: null, carrier_per_minute: 20 });
      const cols = (db.prepare('PRAGMA table_info(campaigns)').all() as { name: string; dflt_value: string | null }[]).find((c) => c.name === 'encoding');
      expect(cols?.dflt_value).toBe("'utf-8'");
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'campaigns'").get() as { sql: string }).sql;
      expect(sql).toMatch(/encoding IN \('utf-8', 'iso-2022-jp'\)/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'sends_recent_by_time'").get()).toBeTruthy();
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
