// What an import cut off by a crash leaves: its pending list, its import row and the members it
// had written straight in (a new list's rows go into members as they are read).
import type { Db } from '../../electron/db/connection';
import { createPendingList } from '../../electron/db/repos/lists-repo';

/** Returns the pending list's id; member i gets `member(i)`'s address and name, Excel row i + 2. */
export function leaveCrashedImport(db: Db, rows: number, member: (i: number) => { email: string; name: string }): number {
  const listId = createPendingList(db, 'crashed', 0);
  const importId = db
    .prepare(
      `INSERT INTO imports (list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
       VALUES (?, 'x.csv', '', 'utf-8', ',', 0, 0, 0, '{}', 0)`,
    )
    .run(listId).lastInsertRowid;
  const ins = db.prepare(`INSERT INTO members (list_id, line, email, name, fields_json, first_seen_import, last_seen_import) VALUES (?, ?, ?, ?, '{}', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const m = member(i);
      ins.run(listId, i + 2, m.email, m.name, importId, importId);
    }
  })();
  return listId;
}
