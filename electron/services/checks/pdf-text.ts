// PDF text for the address scan. extractPdfText uses unpdf (pdf.js), the well-kept reader, and
// is async; scanPdfText is the synchronous fallback the check uses until unpdf's text is cached:
// it inflates content streams and joins the string operands of text operators, and keeps raw
// literals (mailto: links in annotations), which finds addresses in simple PDFs.
import { inflateSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { latin1 } from './text-decode';

export async function extractPdfText(bytes: Uint8Array): Promise<string | null> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text } = await extractText(pdf, { mergePages: true });
      return text;
    } finally {
      await pdf.destroy();
    }
  } catch {
    // Encrypted or broken PDFs are not readable; the fallback scan still looks at them.
    return null;
  }
}

const STREAM_RE = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n/g;
const MAX_INFLATED = 32 * 1024 * 1024;

function unescapeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3}|\r?\n)/g, (_, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? (e.startsWith('\n') || e.startsWith('\r') ? '' : e);
  });
}

/** Strings shown by Tj, ', " and TJ (a TJ array's pieces joined: kerning splits words). */
function contentStrings(content: string): string {
  const out: string[] = [];
  const literal = /\(((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)/gs;
  const ops = /\[((?:[^\]\\]|\\.)*)\]\s*TJ|\(((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)\s*(?:Tj|'|")/gs;
  for (const m of content.matchAll(ops)) {
    if (m[1] !== undefined) out.push([...m[1].matchAll(literal)].map((x) => unescapeLiteral(x[1]!)).join(''));
    else out.push(unescapeLiteral(m[2]!));
  }
  return out.join('\n');
}

export function scanPdfText(bytes: Uint8Array): string {
  const raw = latin1(bytes);
  const parts: string[] = [contentStrings(raw)];
  // Link annotations keep their target as a literal: /URI (mailto:taro@example.jp).
  for (const m of raw.matchAll(/\/URI\s*\(([^)]*)\)/g)) parts.push(unescapeLiteral(m[1]!));
  let inflated = 0;
  for (const m of raw.matchAll(STREAM_RE)) {
    if (!/\/FlateDecode/.test(m[1]!)) continue;
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      // Skip the 2-byte zlib header and ignore the checksum: the stream length is not trusted,
      // so trailing bytes before 'endstream' must not make the inflate fail.
      const data = inflateSync(bytes.subarray(start + 2, end));
      inflated += data.length;
      if (inflated > MAX_INFLATED) break;
      parts.push(contentStrings(latin1(data)));
    } catch {
      // Not every stream inflates (images with other filters, damaged data): skip it.
    }
  }
  return parts.filter(Boolean).join('\n');
}
