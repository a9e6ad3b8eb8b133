// Builds member CSV files as Excel saves them in Japan: CP932 (Shift_JIS), CRLF line ends.
import Encoding from 'encoding-japanese';

export interface TestMember {
  no: string;
  name: string;
  email: string;
  room: string;
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function membersCsvText(members: readonly TestMember[]): string {
  const lines = ['会員番号,氏名,メールアドレス,部屋番号', ...members.map((m) => [m.no, m.name, m.email, m.room].map(cell).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export function toCp932(text: string): Buffer {
  const codes = Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' });
  return Buffer.from(codes);
}
