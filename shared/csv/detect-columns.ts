// Finds the email, name and member-key columns among a CSV's headers, as Excel, Google Sheets
// and Japanese office software name them, and reports duplicate or empty header names.

export interface HeaderProblem {
  readonly kind: 'duplicate' | 'empty';
  /** 0-based column index. */
  readonly index: number;
  readonly header: string;
}

export interface DetectedColumns {
  readonly email: string | null;
  readonly name: string | null;
  readonly key: string | null;
  readonly problems: HeaderProblem[];
}

// Compared after normaliseHeader(): NFKC (full-width to ASCII), lower case, and without
// spaces, hyphens, underscores, dots and a trailing "1" (Google's "E-mail 1 - Value").
// Earlier entries win when several headers match.
const EMAIL = [
  'メールアドレス', 'eメールアドレス', 'emailアドレス', '電子メールアドレス', 'email', 'emailaddress',
  'eメール', 'メール', '電子メール', 'mail', 'mailaddress', 'メアド', 'pcメール', '携帯メール',
  'email1value', 'アドレス',
];
const NAME = [
  '氏名', 'お名前', '名前', '姓名', '会員名', '氏名漢字', 'フルネーム', 'fullname', 'name', 'displayname',
  '宛名', '担当者名', '保護者氏名', '児童氏名', '表示名',
];
const KEY = [
  '会員番号', '会員id', '会員no', 'memberid', 'memberno', 'membernumber', 'memberkey', '会員コード',
  '社員番号', '職員番号', '学籍番号', '顧客番号', '顧客id', '管理番号', '登録番号', 'id', 'no', '番号',
];

function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.・:：()（）]/g, '')
    .replace(/1$/, '');
}

function pick(normalised: readonly string[], headers: readonly string[], names: readonly string[]): string | null {
  for (const name of names) {
    const i = normalised.indexOf(name);
    if (i >= 0) return headers[i]!.trim();
  }
  return null;
}

/** Detected names are trimmed, so they equal uniqueColumnNames() for their column. */
export function detectColumns(headers: readonly string[]): DetectedColumns {
  const problems: HeaderProblem[] = [];
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    const h = header.trim();
    if (h === '') problems.push({ kind: 'empty', index, header });
    else if (seen.has(h)) problems.push({ kind: 'duplicate', index, header });
    else seen.add(h);
  });
  const normalised = headers.map(normaliseHeader);
  return {
    email: pick(normalised, headers, EMAIL),
    name: pick(normalised, headers, NAME),
    key: pick(normalised, headers, KEY),
    problems,
  };
}

/**
 * Column names that are unique and non-empty, for keying a row's fields: the first of a
 * duplicated header keeps its name, later ones get " (2)", " (3)"; empty ones "列N" (N 1-based).
 */
export function uniqueColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((header, index) => {
    const base = header.trim() === '' ? `列${index + 1}` : header.trim();
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
    used.add(name);
    return name;
  });
}
