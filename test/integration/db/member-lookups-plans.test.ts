// Migration 0016 dropped members' address and key indexes: a per-row probe by address or key that
// still read members would walk the whole list for every row (quadratic at 100k members). This
// runs the real queries (recipients with the merge probe, the import diff, duplicates, members by
// key or address, the check's touched members, suppressed addresses) and reads every statement's
// EXPLAIN QUERY PLAN: inside a correlated subquery nothing may scan, nor search members by list
// alone; members are reached there by id only.
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../../../electron/db/connection';
import { membersTouchedBy } from '../../../electron/db/repos/check-recipients-query';
import { findDuplicates, replaceMembers } from '../../../electron/db/repos/import-diff-repo';
import { findMemberByEmail, findMemberByKey, findMemberByRef } from '../../../electron/db/repos/members-repo';
import { countRecipients, iterateRecipients, listStillGivesSnapshot, snapshotFromRecipients } from '../../../electron/db/repos/recipients-query';
import { readRawChunks, recipientChunkQuery } from '../../../electron/db/repos/snapshot-chunks-repo';
import { suppressedInList } from '../../../electron/db/repos/suppressions-repo';
import { tempDb } from '../../helpers/tmp';

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** Every statement the callback runs, with the plan SQLite made for it (with its parameters). */
function plansOf(db: Db, run: () => void): { sql: string; plan: PlanRow[] }[] {
  const out: { sql: string; plan: PlanRow[] }[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const st = prepare(sql);
    for (const m of ['get', 'all', 'iterate', 'run'] as const) {
      const f = (st[m] as (...a: unknown[]) => unknown).bind(st);
      (st as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        if (!out.some((o) => o.sql === sql)) out.push({ sql, plan: prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as PlanRow[] });
        return f(...args);
      };
    }
    return st;
  }) as Db['prepare'];
  try {
    run();
  } finally {
    db.prepare = prepare as Db['prepare'];
  }
  return out;
}

/**
 * The plan's steps that run once per row of an outer query (their nearest enclosing subquery is
 * correlated) and read more than one entry by key: a scan, or a search on the list alone.
 */
function perRowScans(plan: readonly PlanRow[]): string[] {
  const byId = new Map(plan.map((p) => [p.id, p]));
  const perRow = (p: PlanRow): boolean => {
    for (let a = byId.get(p.parent); a; a = byId.get(a.parent)) if (/SUBQUERY/.test(a.detail)) return /^CORRELATED/.test(a.detail);
    return false;
  };
  const wide = (d: string) => (/^SCAN /.test(d) && !/^SCAN json_each/.test(d)) || /^SEARCH .*\(list_id=\?(?: AND \w+[<>]=?\?)*\)$/.test(d) || /members_by_list/.test(d);
  return plan.filter((p) => perRow(p) && wide(p.detail)).map((p) => p.detail);
}

const flat = (plan: readonly PlanRow[]) => plan.map((p) => p.detail).join('\n');

function fill(db: Db): void {
  db.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0), (2, 'm', 0, 0);
    INSERT INTO imports (id, list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
      VALUES (1, 1, 'f', 'x', 'utf-8', ',', 0, 0, 0, '{}', 0), (2, 1, 'f', 'x', 'utf-8', ',', 0, 0, 0, '{}', 0);
    INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0);
    INSERT INTO suppressions (address, reason, added_at) VALUES ('u1@x.jp', 'manual', 0);
    INSERT INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (1, 'e:u2@x.jp', 0);`);
  const add = db.prepare(
    "INSERT INTO members (list_id, line, email, name, member_key, fields_json, first_seen_import, last_seen_import) VALUES (?, ?, ?, ?, ?, json_object('棟', ?), 1, 1)",
  );
  for (let i = 0; i < 400; i++) add.run(1 + (i % 2), i + 2, `u${i % 150}@x.jp`, `n${i % 3}`, i % 4 === 0 ? null : `k${i % 170}`, i % 2 ? 'A' : 'B');
}

const SELECTIONS: Selection[] = [
  { kind: 'all' },
  { kind: 'all', exclude: ['k:k3'] },
  { kind: 'picked', refs: ['k:k5', 'e:u9@x.jp'] },
  { kind: 'conditions', match: 'any', conditions: [{ column: '棟', op: 'one-of', values: ['A', 'C'] }] },
];

describe('0016 member lookups: query plans', () => {
  it('probes each row by address or key through member_emails / member_keys, never by a pass over the list', async () => {
    const t = tempDb();
    const db = t.db;
    try {
      fill(db);
      const statements = plansOf(db, () => {
        for (const s of SELECTIONS) {
          [...iterateRecipients(db, 1, s)];
          countRecipients(db, 1, s);
          readRawChunks(db, recipientChunkQuery(db, 1, s, null));
          snapshotFromRecipients(db, 1, 1, s);
          db.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (1, 999, 'u7@x.jp', 'n1', '{}')").run();
          listStillGivesSnapshot(db, 1, 1, s);
        }
        findDuplicates(db, 1, 10);
        findMemberByKey(db, 1, 'k5');
        findMemberByEmail(db, 1, 'u5@x.jp');
        findMemberByRef(db, 1, 'e:u5@x.jp');
        membersTouchedBy(db, 1, [1, 3], ['u5@x.jp']);
        suppressedInList(db, 1, 10);
        for (const [i, matchBy] of (['key', 'email'] as const).entries()) {
          db.exec(`CREATE TEMP TABLE stage${i} (line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL, member_key TEXT, fields_json TEXT NOT NULL);
            INSERT INTO temp.stage${i} SELECT line, email, name || 'x', member_key, fields_json FROM members WHERE list_id = 1 AND id % 5 <> 0`);
          replaceMembers(db, { listId: 1, importId: 2, stageTable: `stage${i}`, previousImportId: 1, matchBy, limit: 10 });
        }
      });
      const bad = statements.map((s) => ({ sql: s.sql.replace(/\s+/g, ' '), scans: perRowScans(s.plan) })).filter((s) => s.scans.length > 0);
      expect(bad).toEqual([]);

      // The key probes, as they should read.
      const planOf = (pattern: RegExp) => {
        const found = statements.filter((s) => pattern.test(s.sql.replace(/\s+/g, ' ')));
        expect(found.length).toBeGreaterThan(0);
        return found.map((s) => flat(s.plan));
      };
      for (const p of planOf(/FROM member_emails ea CROSS JOIN members e ON e\.id = ea\.member_id/)) {
        expect(p).toMatch(/SEARCH ea USING PRIMARY KEY \(list_id=\? AND email=\? AND member_id<\?\)\nSEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      }
      for (const p of planOf(/^INSERT INTO members .* LEFT JOIN members p/)) {
        expect(p).toMatch(/SEARCH member_emails USING PRIMARY KEY \(list_id=\? AND email=\? AND member_id<\?\)/);
      }
      const keyed = planOf(/^SELECT count\(\*\) AS n FROM members o .*member_keys/);
      expect(keyed[0]).toMatch(/SEARCH n USING PRIMARY KEY \(list_id=\? AND member_key=\? AND member_id>\?\)/);
      expect(keyed[0]).toMatch(/SEARCH ne USING PRIMARY KEY \(list_id=\? AND email=\? AND member_id>\?\)\nSEARCH n USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } finally {
      await t.cleanup();
    }
  });

  it('flags the old probe on members, now that members has no address index', async () => {
    const t = tempDb();
    try {
      fill(t.db);
      const plan = t.db
        .prepare('EXPLAIN QUERY PLAN SELECT id FROM members m WHERE m.list_id = 1 AND NOT EXISTS (SELECT 1 FROM members e WHERE e.list_id = m.list_id AND e.email = m.email AND e.id < m.id)')
        .all() as PlanRow[];
      expect(perRowScans(plan)).not.toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
