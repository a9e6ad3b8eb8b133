// Preview service against a real SQLite file: exact messages by id, position and neighbour,
// search over name/address/field values, and the missing-field report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/tmp';
import { createPreviewService, type PreviewService } from '../../../electron/services/preview-service';
import type { Db } from '../../../electron/db/connection';
import { seedList, type SeedMember } from './helpers';
import { SEARCH_COUNT_CAP } from '../../../electron/db/repos/member-search';

const columns = ['氏名', 'メールアドレス', '会社', '住所'];
const member = (name: string, email: string, 会社: string, 住所: string): SeedMember => ({
  email,
  name,
  fields: { 氏名: name, メールアドレス: email, 会社, 住所 },
});
const members = [
  member('山田 太郎', 'taro@example.jp', 'ACME', '東京都千代田区'),
  member('田中 花子', 'hanako@example.jp', '', '大阪府大阪市'),
  member('Bob Smith', 'Bob.Smith@Example.com', 'ACME_50%', ''),
  member('{{メールアドレス}}', 'eve@example.net', '', '住所不定'),
];
const sender = { address: 'office@example.org', name: '事務局' };
const template = { subject: '{{氏名}}様へのお知らせ', body: '{{氏名}}様\n{{#if 会社}}{{会社}} 御中\n{{/if}}住所: {{住所}}' };

let t: ReturnType<typeof tempDb>;
let db: Db;
let svc: PreviewService;
let listId: number;
let ids: number[];

beforeEach(() => {
  t = tempDb();
  db = t.db;
  ({ listId, ids } = seedList(db, columns, members));
  svc = createPreviewService({ db });
});
afterEach(() => t.cleanup());

describe('preview', () => {
  it('returns the exact message for a member by id', () => {
    const p = svc.preview({ listId, template, sender, memberId: ids[0]! });
    expect(p).toMatchObject({
      ok: true,
      member: { id: ids[0], email: 'taro@example.jp' },
      message: {
        from: sender,
        to: { address: 'taro@example.jp', name: '山田 太郎' },
        subject: '山田 太郎様へのお知らせ',
        text: '山田 太郎様\nACME 御中\n住所: 東京都千代田区',
      },
    });
  });

  it('reports missing fields for a member instead of rendering them blank', () => {
    expect(svc.preview({ listId, template, sender, memberId: ids[2]! })).toMatchObject({ ok: false, missing: ['住所'] });
  });

  it('inserts data literally: a name that looks like a placeholder pulls in nothing', () => {
    const p = svc.preview({ listId, template, sender, memberId: ids[3]! });
    expect(p.ok && p.message.subject).toBe('{{メールアドレス}}様へのお知らせ');
    expect(p.ok && p.message.text).not.toContain('eve@example.net');
  });

  it('keeps the subject and To name on one line when stored data tries header injection', () => {
    const evil = seedList(db, columns, [member('Eve\r\nBcc: all@example.com', 'eve2@example.jp', 'X\nCc: a@b.c', '1')], 'evil');
    const p = svc.preview({ listId: evil.listId, template: { subject: '{{会社}} {{氏名}}', body: '{{会社}}' }, sender, memberId: evil.ids[0]! });
    expect(p.ok && p.message.subject).toBe('X Cc: a@b.c Eve Bcc: all@example.com');
    expect(p.ok && p.message.to).toEqual({ address: 'eve2@example.jp', name: 'Eve Bcc: all@example.com' });
    expect(p.ok && p.message.text).toBe('X\nCc: a@b.c');
  });

  it('refuses a member of another list and unknown ids', () => {
    const other = seedList(db, columns, [member('X', 'x@example.jp', '', 'y')], '別名簿');
    expect(() => svc.preview({ listId, template, sender, memberId: other.ids[0]! })).toThrowError(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(() => svc.preview({ listId, template, sender, memberId: 999_999 })).toThrowError(
      expect.objectContaining({ code: 'not-found' }),
    );
  });

  it('throws a coded error for a template with bad syntax', () => {
    expect(() => svc.preview({ listId, template: { subject: '{{氏名', body: '' }, sender, memberId: ids[0]! })).toThrowError(
      expect.objectContaining({ code: 'template-syntax' }),
    );
  });

  it('steps by position and by neighbour', () => {
    const p = svc.previewByPosition({ listId, template, sender, index: 1 });
    expect(p).toMatchObject({ index: 1, total: 4, member: { id: ids[1] }, ok: true });
    expect(() => svc.previewByPosition({ listId, template, sender, index: 4 })).toThrowError(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(() => svc.previewByPosition({ listId, template, sender, index: -1 })).toThrowError(
      expect.objectContaining({ code: 'validation' }),
    );
    expect(svc.previewAdjacent({ listId, template, sender, memberId: ids[1]!, direction: 'next' })?.member.id).toBe(ids[2]);
    expect(svc.previewAdjacent({ listId, template, sender, memberId: ids[1]!, direction: 'previous' })?.member.id).toBe(ids[0]);
    expect(svc.previewAdjacent({ listId, template, sender, memberId: ids[3]!, direction: 'next' })).toBeNull();
  });
});

describe('search', () => {
  const names = (query: string, limit = 50, offset = 0) =>
    svc.search({ listId, query, limit, offset }).members.map((m) => m.name);

  it('matches name, address and field values as substrings', () => {
    expect(names('田')).toEqual(['山田 太郎', '田中 花子']);
    expect(names('hanako@')).toEqual(['田中 花子']);
    expect(names('千代田')).toEqual(['山田 太郎']);
    expect(names('ACME')).toEqual(['山田 太郎', 'Bob Smith']);
  });

  it('is case-insensitive for ASCII and treats % and _ literally', () => {
    expect(names('bob.smith@example.COM')).toEqual(['Bob Smith']);
    expect(names('_50%')).toEqual(['Bob Smith']);
    expect(names('%')).toEqual(['Bob Smith']);
  });

  it('does not match column names, only values', () => {
    expect(names('住所')).toEqual(['{{メールアドレス}}']); // its value 住所不定, not the key 住所
    expect(names('メールアドレス')).toEqual(['{{メールアドレス}}']);
  });

  it('matches values holding JSON-escaped characters', () => {
    const extra = seedList(db, ['備考'], [{ email: 'q@example.jp', name: 'Q', fields: { 備考: 'say "hi" \\ back' } }], 'q');
    expect(svc.search({ listId: extra.listId, query: '"hi" \\', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('pages with a total, and an empty query lists everyone', () => {
    expect(svc.search({ listId, query: 'example', limit: 2, offset: 0 })).toMatchObject({ total: 4, totalExact: true });
    expect(names('example', 2, 2)).toEqual(['Bob Smith', '{{メールアドレス}}']);
    expect(svc.search({ listId, query: '  ', limit: 3, offset: 1 }).members.map((m) => m.id)).toEqual(ids.slice(1, 4));
    expect(svc.search({ listId, query: 'nobody', limit: 10, offset: 0 })).toEqual({ total: 0, totalExact: true, members: [] });
  });

  it('stays inside the list and validates paging', () => {
    seedList(db, columns, [member('山田 次郎', 'jiro@example.jp', '', 'x')], '別名簿');
    expect(names('山田')).toEqual(['山田 太郎']);
    expect(() => svc.search({ listId, query: 'a', limit: 0, offset: 0 })).toThrowError(expect.objectContaining({ code: 'validation' }));
    expect(() => svc.search({ listId: 9999, query: 'a', limit: 5, offset: 0 })).toThrowError(expect.objectContaining({ code: 'not-found' }));
  });
});

describe('search over many members', () => {
  it('counts exactly up to the cap, then reports a lower bound; pages past the cap still work', () => {
    const many = Array.from({ length: SEARCH_COUNT_CAP + 30 }, (_, i) =>
      member(`会員${i}`, `m${i}@example.jp`, i % 2 === 0 ? 'ACME' : '', '東京'),
    );
    const big = seedList(db, columns, many, '大名簿');
    const broad = svc.search({ listId: big.listId, query: 'example', limit: 10, offset: 0 });
    expect(broad).toMatchObject({ total: SEARCH_COUNT_CAP, totalExact: false });
    expect(broad.members.map((m) => m.id)).toEqual(big.ids.slice(0, 10));
    const deep = svc.search({ listId: big.listId, query: 'example', limit: 10, offset: SEARCH_COUNT_CAP + 20 });
    expect(deep.members.map((m) => m.id)).toEqual(big.ids.slice(SEARCH_COUNT_CAP + 20));
    expect(deep).toMatchObject({ total: SEARCH_COUNT_CAP + 30, totalExact: true });
    expect(svc.search({ listId: big.listId, query: 'ACME', limit: 5, offset: 0 })).toMatchObject({ total: Math.ceil((SEARCH_COUNT_CAP + 30) / 2), totalExact: true });
  });
});

describe('missingReport', () => {
  it('names which members lack which field, streaming the whole list', () => {
    const r = svc.missingReport({ listId, template: { subject: '{{会社}}', body: '{{氏名}} {{住所}}' } });
    expect(r).toEqual({
      checked: 4,
      missing: [
        { field: '会社', count: 2, memberIds: [ids[1], ids[3]] },
        { field: '住所', count: 1, memberIds: [ids[2]] },
      ],
    });
  });

  it('is empty when defaults cover the gaps', () => {
    expect(svc.missingReport({ listId, template: { subject: '{{会社|個人}}', body: '{{住所|-}}' } }).missing).toEqual([]);
  });
});
