// The benchmarks' member list: row i's 8 cells of Japanese text, and the CP932 CSV file of
// them, in file order or in a fixed random address order. Shared by the import benchmark, its raw
// reference (raw-insert-reference.ts, which inserts the same cells) and the parser benchmark, so
// all time the same rows.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import Encoding from 'encoding-japanese';

const SURNAMES = ['山田', '佐藤', '鈴木', '髙橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '﨑村', '斎藤'];
const GIVEN = ['太郎', '花子', '一郎', '次郎', '美咲', '翔太', '結衣', '大輔', '陽子', '健一'];
const KANA = ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ジロウ', 'タナカ ミサキ'];
const CITIES = ['東京都千代田区丸の内', '大阪府大阪市北区梅田', '愛知県名古屋市中村区名駅', '福岡県福岡市博多区博多駅前', '北海道札幌市中央区北一条西'];
const GROUPS = ['第一班', '第二班', '㈱テスト事業部', '①地区', '役員会～理事'];
const NOTES = ['特になし', '回覧板は郵送希望', '平日夜間のみ連絡可', '"引継ぎ" 要確認, 次回総会', 'メール配信希望'];

export const toCp932 = (s: string): Buffer => Buffer.from(Encoding.convert(Encoding.stringToCode(s), { to: 'SJIS', from: 'UNICODE' }));
const quoted = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Which member number each row carries: in file order (null), or (what real lists look like,
 * sorted by name or district rather than by address) a fixed pseudo-random permutation of 0..n-1.
 */
export type MemberOrder = Uint32Array | null;
export function randomOrder(n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  let seed = 2463534242;
  for (let i = n - 1; i > 0; i--) {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    const j = seed % (i + 1);
    const t = p[i]!; p[i] = p[j]!; p[j] = t;
  }
  return p;
}

/** The 8 cells of row `row` (as text). */
export function memberCells(row: number, order: MemberOrder): string[] {
  const i = order ? order[row]! : row;
  return [
    String(100000 + i),
    `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]}`,
    KANA[i % KANA.length]!,
    `member${i}@example.jp`,
    `${CITIES[i % CITIES.length]}${(i % 9) + 1}丁目${i % 100}番`,
    `090-${String(i % 10000).padStart(4, '0')}-${String((i * 7) % 10000).padStart(4, '0')}`,
    GROUPS[i % GROUPS.length]!,
    NOTES[i % NOTES.length]!,
  ];
}

/** Writes `rows` members as a CP932 CSV with a header; returns the file's size in bytes. */
export function writeMemberCsv(path: string, rows: number, order: MemberOrder): number {
  // Encoding each distinct Japanese cell once keeps generation fast; ASCII needs no mapping.
  const cache = new Map<string, Buffer>();
  const cellBytes = (s: string): Buffer => {
    if (/^[\x00-\x7f]*$/.test(s)) return Buffer.from(s, 'latin1');
    let b = cache.get(s);
    if (!b) cache.set(s, (b = toCp932(s)));
    return b;
  };
  const fd = openSync(path, 'w');
  writeSync(fd, toCp932('会員番号,氏名,フリガナ,メールアドレス,住所,電話,所属,備考\r\n'));
  const comma = Buffer.from(','), crlf = Buffer.from('\r\n');
  let parts: Buffer[] = [];
  for (let i = 0; i < rows; i++) {
    memberCells(i, order).forEach((c, k) => parts.push(k ? comma : Buffer.alloc(0), cellBytes(quoted(c))));
    parts.push(crlf);
    if (parts.length > 50_000) {
      writeSync(fd, Buffer.concat(parts));
      parts = [];
    }
  }
  writeSync(fd, Buffer.concat(parts));
  closeSync(fd);
  return statSync(path).size;
}
