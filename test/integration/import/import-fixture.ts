// Shared set-up for the import tests: a real SQLite file, the service, CSV writers (UTF-8 and
// CP932 as Excel writes them) and a snapshot of everything an import may change.
import { parseFields } from '../../../electron/db/fields';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Encoding from 'encoding-japanese';
import { expect } from 'vitest';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { tempDb } from '../../helpers/tmp';

/** CP932 bytes (encoding-japanese maps ①㈱髙﨑～ to Microsoft's code points). */
export function cp932(text: string): Uint8Array {
  const bytes = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
  // Guard the fixture itself: the text must be representable, else the test would lie.
  expect(new TextDecoder('shift_jis', { fatal: true }).decode(bytes)).toBe(text);
  return bytes;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const withBom = (text: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

export function importFixture() {
  const t = tempDb();
  const clock = manualClock();
  const service = createImportService({ db: t.db, clock });
  let n = 0;
  return {
    ...t,
    clock,
    service,
    /** Writes a file into the test's temp folder and returns its path. */
    write(content: string | Uint8Array, name = `file-${++n}.csv`): string {
      const path = join(t.dir, name);
      writeFileSync(path, typeof content === 'string' ? utf8(content) : content);
      return path;
    },
    /** Everything an import writes, to prove a failed import changed nothing. */
    snapshot() {
      return {
        lists: t.db.prepare('SELECT * FROM lists ORDER BY id').all(),
        imports: t.db.prepare('SELECT * FROM imports ORDER BY id').all(),
        members: t.db.prepare('SELECT * FROM members ORDER BY id').all(),
        memberEmails: t.db.prepare('SELECT * FROM member_emails ORDER BY list_id, email, member_id').all(),
        memberKeys: t.db.prepare('SELECT * FROM member_keys ORDER BY list_id, member_key, member_id').all(),
        audit: t.db.prepare('SELECT * FROM audit ORDER BY id').all(),
      };
    },
    /** The address and key lookups (migration 0016), and what they must be: every published list's members. */
    lookups() {
      const q = (sql: string) => t.db.prepare(sql).raw().all();
      return {
        emails: q('SELECT list_id, email, member_id FROM member_emails ORDER BY 1, 2, 3'),
        keys: q('SELECT list_id, member_key, member_id FROM member_keys ORDER BY 1, 2, 3'),
        expectedEmails: q('SELECT m.list_id, m.email, m.id FROM members m JOIN lists l ON l.id = m.list_id AND l.pending = 0 ORDER BY 1, 2, 3'),
        expectedKeys: q(
          'SELECT m.list_id, m.member_key, m.id FROM members m JOIN lists l ON l.id = m.list_id AND l.pending = 0 WHERE m.member_key IS NOT NULL ORDER BY 1, 2, 3',
        ),
      };
    },
    /** The list's member rows as stored, with their fields read as the app reads them (fields.ts). */
    members(listId: number) {
      const rows = t.db
        .prepare('SELECT line, email, name, member_key AS key, fields_json, change FROM members WHERE list_id = ? ORDER BY id')
        .all(listId) as { line: number; email: string; name: string; key: string | null; fields_json: string; change: string | null }[];
      return rows.map((r) => ({ ...r, fields: parseFields(t.db, r.fields_json) }));
    },
  };
}

export type ImportFixture = ReturnType<typeof importFixture>;
