// Test helper for preview tests: a list and an import row (for the members' foreign keys) made
// with plain INSERTs, and members added through the real memberInserter.
import type { Db } from '../../../electron/db/connection';
import { memberInserter } from '../../../electron/db/repos/members-repo';

export interface SeedMember {
  email: string;
  name: string;
  fields: Record<string, string>;
}

export function seedList(db: Db, columns: readonly string[], members: readonly SeedMember[], name = '名簿'): { listId: number; ids: number[] } {
  const listId = Number(
    db
      .prepare(
        "INSERT INTO lists (name, columns_json, email_column, name_column, created_at, updated_at) VALUES (?, ?, 'メールアドレス', '氏名', 0, 0)",
      )
      .run(name, JSON.stringify(columns)).lastInsertRowid,
  );
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
         VALUES (?, 'members.csv', 'x', 'utf-8', ',', ?, ?, 0, '{}', 0)`,
      )
      .run(listId, members.length, members.length).lastInsertRowid,
  );
  const insert = memberInserter(db, listId, importId);
  const ids: number[] = [];
  db.transaction(() => {
    members.forEach((m, i) => {
      insert({ line: i + 2, email: m.email, name: m.name, key: null, fields: m.fields, change: null });
      ids.push(Number((db.prepare('SELECT last_insert_rowid() AS id').get() as { id: number }).id));
    });
  })();
  return { listId, ids };
}
