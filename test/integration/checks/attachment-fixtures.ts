// Real attachment files for the check tests, built in memory: a forwarded .eml, zips, a .docx
// and .xlsx (Office Open XML written with fflate), a CP932 CSV, and a small valid PDF.
import { strToU8, zipSync, zlibSync } from 'fflate';
import Encoding from 'encoding-japanese';

/** A forwarded message as a mail client saves it, with every address in To. */
export function forwardedEml(addresses: readonly string[]): Uint8Array {
  const text = [
    'Return-Path: <events@city.toyota.example>',
    'Received: from mail.city.toyota.example by mx.city.toyota.example; Mon, 5 Aug 2024 10:00:00 +0900',
    'From: Events Desk <events@city.toyota.example>',
    `To: ${addresses.join(',\r\n ')}`,
    'Subject: =?UTF-8?B?5aSP56Wt44KK44Gu44GK55+l44KJ44Gb?=',
    'Date: Mon, 5 Aug 2024 10:00:00 +0900',
    'Message-ID: <20240805100000.1234@city.toyota.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    '夏祭りのお知らせです。',
    '',
  ].join('\r\n');
  return strToU8(text);
}

export function zipOf(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

const WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal .docx; each paragraph's text is split over two runs, as Word does. */
export function docx(paragraphs: readonly string[]): Uint8Array {
  const body = paragraphs
    .map((p) => {
      const half = Math.floor(p.length / 2);
      return `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p.slice(0, half))}</w:t></w:r><w:r><w:t>${escapeXml(p.slice(half))}</w:t></w:r></w:p>`;
    })
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${WORD_NS}><w:body>${body}</w:body></w:document>`),
  });
}

/** A minimal .xlsx whose cells are shared strings. */
export function xlsx(cells: readonly string[]): Uint8Array {
  const si = cells.map((c) => `<si><t>${escapeXml(c)}</t></si>`).join('');
  const rows = cells.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells.length}">${si}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`),
  });
}

/** A CSV as Excel saves it in Japan: CP932 with CRLF. */
export function cp932Csv(rows: readonly (readonly string[])[]): Uint8Array {
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

/** A valid one-page PDF (Helvetica, one text line per entry) with a correct xref table. */
export function pdf(lines: readonly string[], compress = true): Uint8Array {
  const content = `BT /F1 12 Tf 20 780 Td 14 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, (c) => `\\${c}`)}) '`).join(' ')} ET`;
  const stream = compress ? zlibSync(strToU8(content)) : strToU8(content);
  const parts: (string | Uint8Array)[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (p: string | Uint8Array) => {
    parts.push(p);
    length += typeof p === 'string' ? strToU8(p, true).length : p.length;
  };
  const obj = (n: number, body: string) => {
    offsets[n] = length;
    push(`${n} 0 obj\n${body}\nendobj\n`);
  };
  push('%PDF-1.4\n');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>');
  offsets[4] = length;
  push(`4 0 obj\n<< /Length ${stream.length}${compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`);
  push(stream);
  push('\nendstream\nendobj\n');
  obj(5, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const xref = length;
  push(`xref\n0 6\n0000000000 65535 f \n${[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    const bytes = typeof p === 'string' ? strToU8(p, true) : p;
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
