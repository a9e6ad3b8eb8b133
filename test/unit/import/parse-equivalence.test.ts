// The import parser was rewritten for speed (issue 15): its own CSV scanner instead of
// papaparse's Parser, batches written into one buffer, text decoded in small pieces. Nothing a
// user sees may change, so random files go through the old parser (kept unchanged in
// ./reference) and the new one, and every batch (rows, Excel row numbers, offsets, key flags,
// the text byte for byte), the tally (counts, rejected/normalised/ragged rows with their lines),
// the header, the hash and any error must be the same.
import Encoding from 'encoding-japanese';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportDelimiter, ImportEncoding } from '../../../electron/services/import/import-report';
import { createParseEngine, type EngineArgs } from '../../../electron/services/import/parse-engine';
import { fieldsText, type RowBatch } from '../../../electron/services/import/row-batch';
import { createParseEngine as createReferenceEngine } from './reference/parse-engine';

type Engine = typeof createParseEngine;

interface Outcome {
  batches: Array<{ count: number; excelRows: number[]; ends: number[]; keyNull: number[]; text: string }>;
  result?: unknown;
  error?: { code: unknown; message: string; details: unknown };
}

type ReferenceBatch = Parameters<Parameters<typeof createReferenceEngine>[1]>[0];

/**
 * The reference's shape of a batch: one text, each row's email, name, key and fields JSON in turn.
 * The new parser keeps the fields apart as UTF-8 (row-batch.ts); decoded, they must be the same.
 */
function referenceShape(b: RowBatch): { text: string; ends: number[] } {
  let text = '';
  const ends: number[] = [];
  for (let r = 0; r < b.count; r++) {
    text += b.text.slice(r === 0 ? 0 : b.ends[3 * r - 1], b.ends[3 * r + 2]);
    const base = text.length - b.ends[3 * r + 2]!;
    ends.push(base + b.ends[3 * r]!, base + b.ends[3 * r + 1]!, base + b.ends[3 * r + 2]!);
    text += fieldsText(b, r);
    ends.push(text.length);
  }
  return { text, ends };
}

function run(make: Engine | typeof createReferenceEngine, args: EngineArgs, chunks: Uint8Array[], batchRows: number): Outcome {
  const out: Outcome = { batches: [] };
  const onBatch = (b: RowBatch | ReferenceBatch): void => {
    const { text, ends } = 'fields' in b ? referenceShape(b) : b;
    out.batches.push({ count: b.count, excelRows: [...b.excelRows], ends: [...ends], keyNull: [...b.keyNull], text });
  };
  try {
    const engine = make(args, onBatch, batchRows);
    // The engine may keep a chunk (the worker transfers them): each run gets its own copies.
    for (const c of chunks) engine.push(new Uint8Array(c));
    // The reference also hashed the file; that is now the runner's (import-encodings.test.ts checks it).
    const { header, tally } = engine.finish();
    out.result = JSON.parse(JSON.stringify({ header, tally }));
  } catch (e) {
    const err = e as { code?: unknown; message: string; details?: unknown };
    out.error = { code: err.code, message: err.message, details: JSON.parse(JSON.stringify(err.details ?? null)) };
  }
  return out;
}

function encode(text: string, encoding: ImportEncoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') return new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);
  if (encoding === 'utf-16le') return new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    chunks.push(bytes.slice(i, i + n));
    i += n;
  }
  return chunks;
}

// Pieces of CSV text that stress the scanner: quotes (doubled, stray, closing before spaces),
// every line ending, delimiters of all dialects, white space JavaScript trims, full-width
// characters, control characters, backslashes (JSON escapes), addresses clean and not.
const SJIS_SAFE = [
  'a', 'Z', '9', ' ', ' ', ',', ',', ';', '\t', '"', '"', '""', '\n', '\r', '\r\n', '\r\n', '\u3000',
  '山田', '髙﨑', '①', '㈱', '～', 'ｱ', '＠', '．', '\\', '\x00', '\x01', '\x0b', '\x0c', '\x1f', '\x7f',
  'taro@example.jp', 'Hanako@Example.JP', ' x@ex.jp ', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'mailto:a@b.jp', '<a@b.jp>',
  'bad@@x.jp', 'a..b@docomo.ne.jp', 'no-at', '@', '.', '-', 'e',
];
const UNICODE_ONLY = ['\ufeff', '\u00a0', '\u2028', '\u200b', '😀', 'ü', '\u0085', '\u2003', 'a@例え.jp'];

function csvText(unicode: boolean): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...SJIS_SAFE) },
    { weight: unicode ? 1 : 0, arbitrary: fc.constantFrom(...UNICODE_ONLY) },
  );
  const cell = fc.oneof(
    fc.array(token, { maxLength: 6 }).map((t) => t.join('')),
    // Well-quoted cells: what spreadsheets write.
    fc.array(token, { maxLength: 6 }).map((t) => `"${t.join('').replace(/"/g, '""')}"`),
  );
  const header = fc.constantFrom(
    'id,name,email,note',
    '会員番号,氏名,メールアドレス,備考',
    'email',
    'メール\t氏名\tキー',
    'a;email;name;key',
    '\r\n,email,,',
    'x,y,z',
  );
  const row = fc.array(cell, { minLength: 0, maxLength: 6 }).chain((cells) =>
    fc.constantFrom(',', ';', '\t').map((d) => cells.join(d)),
  );
  const nl = fc.constantFrom('\n', '\r\n', '\r', '\r\n', '\r\n');
  return fc
    .tuple(header, fc.array(fc.tuple(row, nl), { maxLength: 25 }), fc.boolean(), nl)
    .map(([h, rows, trailing, first]) => h + first + rows.map(([r, n]) => r + n).join('') + (trailing ? '' : 'tail,x@y.jp'));
}

const dialect = fc.record({
  delimiter: fc.constantFrom<ImportDelimiter>(',', '\t', ';'),
  newline: fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'),
});

const columns = fc.oneof(
  fc.constant({}),
  fc.record({
    emailColumn: fc.constantFrom('email', 'メールアドレス', 'a', 'nope'),
    nameColumn: fc.constantFrom<string | null | undefined>(undefined, null, 'name', '氏名', 'note'),
    keyColumn: fc.constantFrom<string | null | undefined>(undefined, null, 'id', 'key', '会員番号'),
  }),
);

function compare(args: EngineArgs, chunks: Uint8Array[], batchRows: number): void {
  const reference = run(createReferenceEngine as unknown as Engine, args, chunks, batchRows);
  const now = run(createParseEngine, args, chunks, batchRows);
  expect(now).toEqual(reference);
}

describe('the rewritten import parser reads every file exactly as the old one', () => {
  it('random small files, any encoding, dialect, chunking and batch size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ImportEncoding>('utf-8', 'shift_jis', 'utf-16le'),
        fc.boolean(),
        fc.boolean().chain((unicode) => fc.tuple(fc.constant(unicode), csvText(unicode))),
        dialect,
        columns,
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (encoding, bom, [unicode, text], d, cols, sizes, batchRows) => {
          fc.pre(!(unicode && encoding === 'shift_jis'));
          const bytes = encode(text, encoding, bom);
          compare({ encoding, dialect: d, ...cols }, split(bytes, sizes), batchRows);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('files larger than a decoding piece, in chunks of tens of kilobytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ImportEncoding>('utf-8', 'shift_jis'),
        csvText(false),
        fc.integer({ min: 100, max: 400 }),
        dialect,
        fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 300 }),
        (encoding, text, times, d, sizes, batchRows) => {
          // The header once, then the body many times: rows cross chunk and piece boundaries.
          const nl = text.search(/[\r\n]/);
          const body = nl < 0 ? text : text.slice(nl);
          const bytes = encode(text + body.repeat(times), encoding, false);
          compare({ encoding, dialect: d }, split(bytes, sizes), batchRows);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the benchmark-like file: Japanese cells, quoted notes, CRLF, 1 MiB chunks', () => {
    const rows = ['会員番号,氏名,フリガナ,メールアドレス,住所,電話,所属,備考'];
    for (let i = 0; i < 20_000; i++) {
      const note = i % 5 === 3 ? '"""引継ぎ"" 要確認, 次回総会"' : '特になし';
      rows.push(`${100000 + i},山田 太郎,ヤマダ タロウ,member${i}@example.jp,東京都千代田区丸の内${i % 9}丁目,090-0000-${i % 10000},㈱テスト事業部,${note}`);
    }
    const bytes = encode(rows.join('\r\n') + '\r\n', 'shift_jis', false);
    compare({ encoding: 'shift_jis', dialect: { delimiter: ',', newline: '\r\n' } }, split(bytes, [1 << 20]), 8192);
  });

  it('every UTF-16 code unit as a lone cell and around a name: blank rows, extra cells, trimming', () => {
    const rows = ['email,name'];
    for (let c = 0; c < 0x10000; c++) {
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0x0a || c === 0x0d || c === 0x2c || c === 0x22) continue;
      const ch = String.fromCharCode(c);
      rows.push(`,${ch}`, `x${c}@example.jp,n,${ch}`, `${ch},${ch}`, `y${c}@example.jp,${ch}n${ch}${ch}`);
    }
    const bytes = encode(rows.join('\n') + '\n', 'utf-16le', true);
    compare({ encoding: 'utf-16le', dialect: { delimiter: ',', newline: '\n' } }, split(bytes, [1 << 20]), 8192);
  });

  it('rows refused after their cells grew the fields buffer: nothing of them stays in the batch', () => {
    // The fields are written before a row's other checks (they are its control-character check,
    // row-batch.ts): a refused row's bytes are dropped, also when writing them moved the buffer.
    const big = 'x'.repeat(400_000);
    const kana = '\u3042'.repeat(300_000);
    const text = [
      'id,email,note',
      '1,a@example.jp,ok',
      `2,c@example.jp,"${big}\u0001"`,
      `3,e@example.jp,"${big}"`,
      `4,g@example.jp,"${kana}\u0085"`,
      `5,bad@@example.jp,"${big}"`,
      `6,i@example.jp,"${big}",extra`,
      '7,k@example.jp,\u000b,\u007f',
      '8,m@example.jp,z',
    ].join('\n');
    for (const batchRows of [1, 2, 8192]) compare({ encoding: 'utf-8', dialect: { delimiter: ',', newline: '\n' } }, split(encode(text, 'utf-8', false), [1 << 16]), batchRows);
  });

  it('errors: invalid bytes (line of the error) and an unclosed quote', () => {
    const good = encode('email,name\r\na@b.jp,x\r\n'.repeat(3000), 'shift_jis', false);
    const bad = new Uint8Array([...good, 0x82, 0x0a, ...good]);
    compare({ encoding: 'shift_jis', dialect: { delimiter: ',', newline: '\r\n' } }, split(bad, [40_000]), 100);
    compare({ encoding: 'utf-8', dialect: { delimiter: ',', newline: '\n' } }, [new Uint8Array([...encode('email\na@b.jp\n', 'utf-8', false), 0xe3, 0x81])], 100);
    compare({ encoding: 'utf-8', dialect: { delimiter: ',', newline: '\n' } }, [encode('email,n\na@b.jp,"x\ny\n', 'utf-8', false)], 100);
  });
});
