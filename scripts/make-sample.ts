// Writes resources/sample/members.csv: the practice-mode member list, as Excel saves it (CP932, CRLF, no BOM).
// Deterministic: the rows are fixed below, so running it again yields the same bytes (the test checks that).
// Run: npx tsx scripts/make-sample.ts
import Encoding from 'encoding-japanese';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** 会員番号, 部屋番号, 氏名, メールアドレス, 駐車場 — fictional people of a fictional condominium. */
export const HEADER = ['会員番号', '部屋番号', '氏名', 'メールアドレス', '駐車場'] as const;

// Traps the check report must catch are marked; everything else is an ordinary, valid row.
// Addresses use reserved .example domains, except the typo traps, which must look like real
// carrier/free-mail typos; they are only ever sent to the practice outbox on 127.0.0.1.
export const ROWS: readonly (readonly [string, string, string, string, string])[] = [
  ['1001', '101', '青木 一郎', 'aoki.ichiro@mail.example', 'A-01'],
  ['1002', '102', '石川 花子', 'ishikawa.hanako@mail.example', ''],
  ['1003', '103', '上田 健太', 'ueda.kenta@kaiin.example', 'A-02'],
  ['1004', '104', '江口 美咲', 'eguchi.misaki@docomo.ne.jo', ''], // trap: typo of docomo.ne.jp
  ['1005', '105', '大野 誠', 'ohno.makoto@mail.example', 'A-03'],
  ['1006', '201', '髙橋 由美', 'takahashi.yumi@kaiin.example', 'B-01'], // trap: IBM extension 髙
  ['1007', '202', '加藤 直樹', 'kato.naoki@mail.example', ''],
  ['1008', '203', '木村 さくら', 'kimura.sakura＠mail.example', 'B-02'], // trap: full-width ＠
  ['1009', '204', '工藤 大輔', 'kudo.daisuke@gmial.com', ''], // trap: typo of gmail.com
  ['1010', '205', '小林 恵子', 'kobayashi.keiko@kaiin.example', 'B-03'],
  ['1011', '301', '佐々木 翔', 'sasaki.sho@mail.example', ''],
  ['1012', '302', '清水 あゆみ', 'shimizu.ayumi@mail.example', 'C-01'],
  ['1013', '303', '須藤 隆', 'sudo.takashi@kaiin.example', ''],
  ['1014', '304', '山﨑 浩二', 'yamasaki.koji@mail.example', 'C-02'], // trap: IBM extension 﨑
  ['1015', '305', '園田 真理', 'sonoda.mari@mail.example', ''],
  ['1016', '401', '田村 悠斗', 'tamura.yuto@kaiin.example', 'C-03'],
  ['1017', '402', '千葉 文子', 'chiba.fumiko@mail.example', ''],
  ['1018', '403', '土屋 剛', 'tsuchiya.go@mail.example', 'D-01'],
  ['1019', '404', '寺田 理沙', 'terada.risa@kaiin.example', ''],
  ['1020', '405', '戸田 修', 'toda.osamu@mail.example', 'D-02'],
  ['1021', '406', '戸田 修', 'toda.osamu@mail.example', ''], // trap: same owner of two rooms, same address
  ['1022', '501', '中島 千尋', 'nakajima.chihiro@kaiin.example', 'D-03'],
  ['1023', '502', '西村 亮', 'nishimura.ryo@mail.example', ''],
  ['1024', '503', '野口 瞳', 'noguchi.hitomi@mail.example', 'E-01'],
  ['1025', '504', '橋本 一輝', 'hashimoto.kazuki@kaiin.example', ''],
  ['1026', '505', '林 ①子', 'hayashi.ichiko@mail.example', ''], // trap: NEC special character ①
  ['1027', '601', '平野 光', 'hirano.hikaru@mail.example', 'E-02'],
  ['1028', '602', '藤田 奈々', 'fujita.nana@kaiin.example', ''],
  ['1029', '603', '松本 陽介', 'matsumoto.yosuke@mail.example', 'E-03'],
  ['1030', '604', '佐々木 翔子', 'sasaki.shoko@mail.example', ''], // trap: two letters from 1011's address
  ['1031', '605', '森 孝', '', 'F-01'], // trap: no address at all (rejected row)
];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The CSV text (Unicode), CRLF line ends and a final CRLF, as Excel writes it. */
export function sampleCsvText(): string {
  return [HEADER, ...ROWS].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Windows (and so Excel) writes the IBM-extension kanji (髙, 﨑, …) with their FA40–FC4B codes, while
// encoding-japanese picks the NEC-selected duplicates (ED40–EEFC). Build the IBM table by decoding
// that range, and prefer it for kanji, so the file has the bytes Excel would have written.
function ibmExtensionKanji(): Map<string, number[]> {
  const dec = new TextDecoder('shift_jis');
  const map = new Map<string, number[]>();
  for (let lead = 0xfa; lead <= 0xfc; lead++) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && /\p{Script=Han}/u.test(ch)) map.set(ch, [lead, trail]);
    }
  }
  return map;
}

/** CP932 bytes; fails loudly if any character has no CP932 code (it would be silently lost). */
export function sampleCsvBytes(): Uint8Array {
  const text = sampleCsvText();
  const ibm = ibmExtensionKanji();
  const out: number[] = [];
  for (const ch of text) {
    const fixed = ibm.get(ch);
    if (fixed) out.push(...fixed);
    else out.push(...Encoding.convert(Encoding.stringToCode(ch), { to: 'SJIS', from: 'UNICODE', fallback: 'error' }));
  }
  const bytes = Uint8Array.from(out);
  const back = new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
  if (back !== text) throw new Error('sample CSV does not round-trip through CP932');
  return bytes;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'sample', 'members.csv');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, sampleCsvBytes());
  console.log(`wrote ${out} (${ROWS.length} members)`);
}
