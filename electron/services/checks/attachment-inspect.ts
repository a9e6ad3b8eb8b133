// Inspects one attachment for the guards: is it a mail file (by name or by MIME headers at the
// start, whatever its name or text encoding), does an archive hold one (one nested archive
// deep; deeper archives are reported, never silently skipped), and what text can be read from
// it (txt/csv/tsv, docx/xlsx/pptx XML, PDF) for the address scan.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { isMailFileName, type CheckAttachment } from '../../../shared/guards';
import { scanPdfText } from './pdf-text';
import { decodeText, latin1, utf16Of, xmlText } from './text-decode';

export type Inspection = Omit<CheckAttachment, 'fileName' | 'bytes' | 'sha256'>;

const TEXT_EXT = /\.(txt|text|csv|tsv|tab|md|log|json|xml|html?|vcf|ics)$/i;
const OFFICE_PART = /^(word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|word\/_rels\/document\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels|ppt\/slides\/slide\d+\.xml|ppt\/slides\/_rels\/slide\d+\.xml\.rels)$/i;
/** Entries we decompress to look inside; media is never the risk and can be large. */
const SKIP_INNER = /\.(jpe?g|png|gif|bmp|tiff?|heic|webp|mp[34]|mov|avi|wav|m4a)$/i;
const MAX_ENTRY_BYTES = 20 * 1024 * 1024;
const MAX_TOTAL_BYTES = 100 * 1024 * 1024;
const MAX_TEXT_CHARS = 20 * 1024 * 1024;

const KEY_HEADERS = new Set(['from', 'to', 'subject', 'received', 'message-id', 'date', 'return-path', 'delivered-to', 'mime-version', 'cc', 'reply-to']);

/** The start of the bytes as text for header sniffing: UTF-16 decoded (a mail saved as
 * "Unicode text"), anything else as Latin-1, which never fails. */
function headText(bytes: Uint8Array, max: number): string {
  const utf16 = utf16Of(bytes);
  return utf16 ? new TextDecoder(utf16).decode(bytes.subarray(0, Math.min(bytes.length, max * 2))) : latin1(bytes, max);
}

/**
 * True when the bytes start like a mail message: a block of "Name: value" header lines (an
 * mbox "From " line may come first) with at least two of the usual mail headers, one of them
 * From, Received or Message-ID, in UTF-8, Latin-1 or UTF-16. Also Outlook .msg (OLE with
 * __substg1.0_ streams) and PST.
 */
export function looksLikeMail(bytes: Uint8Array): boolean {
  const magic = latin1(bytes, 4);
  if (magic === '!BDN') return true;
  if (magic === '\xd0\xcf\x11\xe0') return latin1(bytes, 4 * 1024 * 1024).includes('_\0_\0s\0u\0b\0s\0t\0g\x001\0.\x000\0_\0');
  const head = headText(bytes, 16 * 1024);
  const lines = head.replace(/^\ufeff|^\xef\xbb\xbf/, '').replace(/^\s+/, '').split(/\r?\n/);
  let i = lines[0]?.startsWith('From ') ? 1 : 0;
  const seen = new Set<string>();
  for (; i < lines.length && i < 200; i++) {
    const line = lines[i]!;
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    const m = /^([A-Za-z0-9-]+):/.exec(line);
    if (!m) return false;
    seen.add(m[1]!.toLowerCase());
  }
  const known = [...seen].filter((h) => KEY_HEADERS.has(h)).length;
  return known >= 2 && (seen.has('from') || seen.has('received') || seen.has('message-id'));
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

interface ZipLook {
  names: string[];
  /** Entries that are mail files, by name or by content, with their path in the archive. */
  mailEntries: string[];
  text: string[];
  unreadable: boolean;
  /** An archive inside was deeper than we open: its contents were not looked at. */
  tooDeep: boolean;
}

/** Lists an archive and looks into its entries; nested archives are opened `depth` more levels. */
function lookIntoZip(bytes: Uint8Array, prefix: string, depth: number, budget: { left: number }): ZipLook {
  const out: ZipLook = { names: [], mailEntries: [], text: [], unreadable: false, tooDeep: false };
  const wanted = (f: UnzipFileInfo) =>
    !f.name.endsWith('/') && !SKIP_INNER.test(f.name) && f.originalSize <= MAX_ENTRY_BYTES && f.originalSize <= budget.left;
  let files: Record<string, Uint8Array>;
  try {
    // First pass lists names only (nothing decompressed), so even an archive whose contents we
    // cannot read (encrypted, "PPAP") still shows the names of what it holds.
    unzipSync(bytes, { filter: (f) => (out.names.push(prefix + f.name), false) });
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f)) return false;
        budget.left -= f.originalSize;
        return true;
      },
    });
  } catch {
    out.unreadable = true;
    return out;
  }
  for (const [name, data] of Object.entries(files)) {
    const full = prefix + name;
    if (isMailFileName(name) || looksLikeMail(data)) out.mailEntries.push(full);
    if (isZip(data)) {
      if (depth > 0) {
        const inner = lookIntoZip(data, `${full}/`, depth - 1, budget);
        out.names.push(...inner.names);
        out.mailEntries.push(...inner.mailEntries);
        out.text.push(...inner.text);
        out.unreadable ||= inner.unreadable;
        out.tooDeep ||= inner.tooDeep;
      } else out.tooDeep = true;
    } else if (OFFICE_PART.test(name) || /\.xml$/i.test(name)) out.text.push(xmlText(decodeText(data)));
    else if (TEXT_EXT.test(name) || isMailFileName(name)) out.text.push(decodeText(data));
    else if (/\.pdf$/i.test(name)) out.text.push(scanPdfText(data));
  }
  return out;
}

/** A PDF by its name or by its first bytes: the files whose text is read with unpdf (attachment-text.ts). */
export function isPdf(fileName: string, bytes: Uint8Array): boolean {
  return /\.pdf$/i.test(fileName) || latin1(bytes, 5) === '%PDF-';
}

/**
 * Inspects an attachment synchronously. pdfText, when given (unpdf's text, stored when the file
 * was added), replaces the fallback PDF scan for a top-level PDF.
 */
export function inspectAttachment(fileName: string, bytes: Uint8Array, pdfText?: string | null): Inspection {
  const mailByContent = looksLikeMail(bytes);
  const texts: string[] = [];
  let innerNames: string[] | undefined;
  let containsMailFile = false;
  let unreadable = false;
  let tooDeep = false;
  let mailEntries: string[] = [];
  if (isZip(bytes)) {
    // Office documents are archives too: list and read them the same way, so a mail file
    // embedded in a .docx is caught like one in a .zip.
    const z = lookIntoZip(bytes, '', 1, { left: MAX_TOTAL_BYTES });
    innerNames = z.names;
    // Listed names count even when an entry was not decompressed (too large, encrypted).
    mailEntries = [...new Set([...z.mailEntries, ...z.names.filter(isMailFileName)])];
    containsMailFile = mailEntries.length > 0;
    unreadable = z.unreadable;
    tooDeep = z.tooDeep;
    texts.push(...z.text);
  } else if (isPdf(fileName, bytes)) {
    texts.push(pdfText ?? scanPdfText(bytes));
  } else if (TEXT_EXT.test(fileName) || isMailFileName(fileName) || mailByContent) {
    texts.push(decodeText(bytes));
  }
  const text = texts.join('\n').slice(0, MAX_TEXT_CHARS);
  const out: { -readonly [K in keyof Inspection]: Inspection[K] } = { looksLikeMail: mailByContent, containsMailFile };
  if (text) out.text = text;
  if (innerNames) out.innerNames = innerNames;
  if (mailEntries.length) out.mailEntries = mailEntries;
  if (unreadable) out.unreadable = true;
  if (tooDeep) out.tooDeep = true;
  return out;
}
