// Probe (round 4, item 7): the approval request's chunked read marks, with a GLOB pre-filter in
// SQLite, the rows that may lack a field the template needs; only marked rows get the exact check
// (fieldValueReader + the template's presence rule). A row SQLite does not mark but that cannot
// render would be frozen and never reported. Probed: values that are only whitespace (ASCII,
// U+3000, tabs, NBSP, zero-width, BOM, NEL), values with NUL, lone surrogates, non-string JSON
// values (numbers out of range, booleans, arrays, objects, null), field names with quotes,
// dots, brackets, GLOB and JSON-path characters, and fields_json text written by hand (escaped
// keys, a layout naming a column twice). Each row the exact check finds lacking must be marked at its position;
// the freeze must equal the recipients query's.
import { afterEach, describe, expect, it } from 'vitest';
import { compileTemplate, missingFieldsOf } from '../../../shared/template';
import { fieldValueReader, registerLayout } from '../../../electron/db/fields';
import { storedFieldsText } from '../../helpers/stored-fields';
import { iterateRecipients, snapshotFromRecipients } from '../../../electron/db/repos/recipients-query';
import { freezeChunks, readRawChunks, recipientChunkQuery } from '../../../electron/db/repos/snapshot-chunks-repo';
import { scanRecipientChunks } from '../../../electron/services/campaigns/recipient-scan';
import type { Db } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const KEYS = ['k', 'a.b', 'a b', 'a"b', "a'b", 'a\\b', '$', 'a]b', 'a[0]', 'ａ', 'a*', 'a?', '[x]', '0', 'constructor', 'toString', 'a\u3000b', '😀', 'a$.b', '氏名'];
const VALUES: unknown[] = ['', ' ', '\t', '\n', '\r\n', '\u3000', '\u00a0', '\u200b', '\u200c\u200d', '\u2060', '\ufeff', '\u0085', '\u180e', '\u2028', '\u202f', '\u205f', '\u1680',
  ' \u3000\t\u00a0\u200b', '\u3000x', 'x\u3000', '\u200bx', 'x', '\u0000', '\u0000x', 'x\u0000', '\ud800', '\udc00x', '0', 0, -0, 1.5, true, false, null, [], {}, [''], { a: '' }, ''.padEnd(300, ' ')];

interface Fixture {
  db: Db;
  list(): number;
  campaign(listId: number): number;
  insert(listId: number, email: string, fieldsJson: string): number;
}

function fixture(): Fixture {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const { db } = t;
  return {
    db,
    list: () => Number(db.prepare("INSERT INTO lists (name, columns_json, email_column, name_column, key_column, created_at, updated_at) VALUES ('l', '[]', 'email', 'name', 'key', 0, 0)").run().lastInsertRowid),
    campaign: (listId) => Number(db.prepare("INSERT INTO campaigns (list_id, name, created_at, updated_at) VALUES (?, 'c', 0, 0)").run(listId).lastInsertRowid),
    insert: (listId, email, fieldsJson) => Number(db.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 0, ?, '名', ?)").run(listId, email, storedFieldsText(db, fieldsJson)).lastInsertRowid),
  };
}

/** Every row the exact check finds lacking is marked at its position; the freeze is the query's. */
function expectMarksCoverLacking(f: Fixture, listId: number, body: string, chunkRows: number): { lacking: number; marked: number } {
  const compiled = compileTemplate({ subject: 'お知らせ', body });
  const missingOf = missingFieldsOf(compiled, fieldValueReader(f.db));
  const s = { kind: 'all' as const, exclude: [] };
  const scan = scanRecipientChunks(readRawChunks(f.db, recipientChunkQuery(f.db, listId, s, compiled.fields, chunkRows)));
  const lacking = [...iterateRecipients(f.db, listId, s)].flatMap((r, position) =>
    missingOf(JSON.parse(f.db.prepare('SELECT fields_json FROM members WHERE id = ?').pluck().get(r.memberId) as string)) ? [{ memberId: r.memberId, position }] : [],
  );
  const marked = new Map(scan.marked.map((m) => [m.memberId, m.position]));
  for (const l of lacking) {
    const fj = f.db.prepare('SELECT fields_json FROM members WHERE id = ?').pluck().get(l.memberId);
    expect(marked.get(l.memberId), `not marked: ${String(fj)} for ${body}`).toBe(l.position);
  }
  const byQuery = f.campaign(listId);
  const byChunks = f.campaign(listId);
  const rows = (c: number) => f.db.prepare('SELECT position, member_id, email, name, fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position').raw().all(c);
  expect(freezeChunks(f.db, byChunks, listId, scan.chunks)).toBe(snapshotFromRecipients(f.db, byQuery, listId, s));
  expect(rows(byChunks)).toEqual(rows(byQuery));
  return { lacking: lacking.length, marked: marked.size };
}

describe('the GLOB pre-filter of the approval request marks every row that cannot render', () => {
  it('for whitespace-only, NUL, surrogate and non-string values under unusual field names', () => {
    const f = fixture();
    let lackingTotal = 0;
    for (const key of KEYS) {
      const listId = f.list();
      let i = 0;
      for (const v of VALUES) f.insert(listId, `m${i++}@x.jp`, JSON.stringify({ [key]: v, other: 'x' }));
      f.insert(listId, `m${i++}@x.jp`, JSON.stringify({ other: 'x' }));
      f.insert(listId, `m${i++}@x.jp`, '{}');
      f.insert(listId, `m${i++}@x.jp`, '[]');
      f.insert(listId, `m${i++}@x.jp`, 'null');
      f.insert(listId, `m${i++}@x.jp`, '"text"');
      // Written by hand: numbers out of JSON.stringify's range, escaped keys and values.
      f.insert(listId, `m${i++}@x.jp`, `{${JSON.stringify(key)}:1e999}`);
      f.insert(listId, `m${i++}@x.jp`, `{${JSON.stringify(key)}:"\\u3000\\u0009"}`);
      f.insert(listId, `m${i++}@x.jp`, `{"${Array.from({ length: key.length }, (_, j) => `\\u${key.charCodeAt(j).toString(16).padStart(4, '0')}`).join('')}":""}`);
      for (const chunkRows of [1, 7, 4096]) {
        const { lacking } = expectMarksCoverLacking(f, listId, `{{${key}}}様 {{other}}`, chunkRows);
        lackingTotal += lacking;
      }
      expectMarksCoverLacking(f, listId, `{{#if ${key}}}{{${key}}}{{/if}} {{other}}`, 4096);
    }
    // The probe was not vacuous: many rows lacked the field.
    expect(lackingTotal).toBeGreaterThan(KEYS.length * 20);
  });

  // Was a defect (low, hand-edited data only) while fields were keyed JSON: with a key twice,
  // SQLite's ->> read the first value and JSON.parse (the sender) the last, so {"k":"x","k":""} was
  // not marked. Since migration 0017 a name twice can only be in a layout, and both readers take
  // its last value (the layout's paths, fields.ts): the row whose message lacks k is marked.
  it('for a layout that names a column twice (written by hand), the last value blank', () => {
    const f = fixture();
    const listId = f.list();
    const twice = (last: string): string => JSON.stringify([registerLayout(f.db, ['k', 'k']), 'x', last]);
    f.db.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 0, 'a@x.jp', '名', ?)").run(listId, twice(''));
    f.db.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 0, 'b@x.jp', '名', ?)").run(listId, twice('\u3000'));
    const { lacking, marked } = expectMarksCoverLacking(f, listId, '{{k}}様', 4096);
    expect(lacking).toBe(2);
    expect(marked).toBe(2);
  });
});
