// Migration runner: checks the list is strictly rising, refuses a database written by newer
// code, and applies everything pending in one transaction (all or nothing).
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { layoutIdOf } from './field-layout-id';
import type { Migration } from './migrations';

function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new AppError('db-migration-order', `Migration ${m.name} has version ${m.version}, expected ${i + 1}.`);
    }
  });
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, list: readonly Migration[]): { from: number; to: number } {
  checkOrder(list);
  const from = currentVersion(db);
  const latest = list.length;
  if (from > latest) {
    throw new AppError(
      'db-future-version',
      `This data file was written by a newer version of Tayori (schema ${from}, this version knows ${latest}). Update Tayori to open it.`,
      { fileVersion: from, knownVersion: latest },
    );
  }
  const pending = list.slice(from);
  if (pending.length === 0) return { from, to: from };
  // What migrations compute as Tayori does and SQL cannot: a field layout's id (0017) from its
  // names, given as a JSON array of text, and the names as JSON.stringify writes them.
  db.function('tayori_layout_id', { deterministic: true }, (names: unknown) => layoutIdOf(JSON.parse(String(names)) as string[]));
  db.function('tayori_layout_json', { deterministic: true }, (names: unknown) => JSON.stringify(JSON.parse(String(names))));
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
