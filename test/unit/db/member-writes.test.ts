// A tripwire for the member search index (migration 0013): it has no INSERT trigger, and is
// exact because a new member row always gets a new id above the index's reach. Only undo
// (import-undo-repo.ts) inserts members under chosen ids, and it deletes the list's members in
// the same transaction, which voids the index. A new writer that chooses ids, or replaces rows,
// must void the list's index too; this test stops it until someone has thought about that.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('writers of members', () => {
  it('choose no member ids except undo, and never replace rows', () => {
    const found: string[] = [];
    for (const file of sources(join(__dirname, '../../../electron'))) {
      const text = readFileSync(file, 'utf8');
      // SQL keywords are written in capitals here (a comment's "insert into members" is not SQL).
      // Without a column list an insert may set every column, the id too.
      for (const m of text.matchAll(/(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO\s+members\b(?:\s*\(([^)]*)\))?/g)) {
        const columns = m[1] === undefined ? ['id'] : m[1].split(',').map((c) => c.trim());
        const replaces = /REPLACE/.test(m[0]);
        if (columns.includes('id') || replaces) found.push(`${file.split('/electron/')[1]}: ${m[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(found).toEqual(['db/repos/import-undo-repo.ts: INSERT INTO members (id, list_id, ${COLUMNS})']);
  });
});
