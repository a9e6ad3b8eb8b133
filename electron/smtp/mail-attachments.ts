// The campaign's attachments as MIME parts: content type from the file name, base64, the file name
// encoded by nodemailer (RFC 2231 filename*, RFC 2047 name), each part encoded once and reused.
import MimeNode from 'nodemailer/lib/mime-node';

/** One file every member of a campaign receives; only bytes at hand, never a path or a URL. */
export interface MailAttachment {
  readonly fileName: string;
  readonly content: Buffer;
}

// A short, fixed table rather than nodemailer's full one: an unknown or risky extension (.eml,
// .html, .exe…) goes out as opaque bytes, which mail clients neither render inline nor run.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
};

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return DEFAULT_CONTENT_TYPE;
  return CONTENT_TYPES[fileName.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * nodemailer's attachment options for one file. base64 always: the bytes arrive unchanged
 * (a text file sent quoted-printable could have its line ends rewritten on the way).
 */
export function attachmentOptions(a: MailAttachment) {
  if (!Buffer.isBuffer(a.content)) throw new TypeError('An attachment must be bytes in memory');
  return {
    filename: a.fileName,
    content: a.content,
    contentType: contentTypeFor(a.fileName),
    contentTransferEncoding: 'base64' as const,
    contentDisposition: 'attachment' as const,
  };
}

// Encoding a large file for each of thousands of members would cost more than sending it; the
// part is the same for every member, so it is built once per attachment object (one per run).
const parts = new WeakMap<MailAttachment, Promise<Buffer>>();

/** The whole MIME part (headers and base64 body) of one attachment, as MailComposer would emit it. */
export function encodedPart(a: MailAttachment): Promise<Buffer> {
  let part = parts.get(a);
  if (!part) {
    const o = attachmentOptions(a);
    const safe = { disableFileAccess: true, disableUrlAccess: true };
    // A child of a throwaway multipart, so that no message-level header (MIME-Version, Date) is added.
    const node = new MimeNode('multipart/mixed', safe).createChild(o.contentType, { ...safe, filename: o.filename });
    node.setHeader('Content-Transfer-Encoding', o.contentTransferEncoding);
    node.setHeader('Content-Disposition', o.contentDisposition);
    node.setContent(o.content);
    part = node.build();
    parts.set(a, part);
    // A failed build is not kept: the next message tries again.
    part.catch(() => parts.delete(a));
  }
  return part;
}
