// Writes a compiled nodemailer MIME tree out synchronously, byte for byte what its stream would
// emit, for the shapes the sender makes (a text part, base64 or 7bit, and pre-encoded parts).
// Why: the stream machinery cost ~4 times the rest of composing, for every member; anything
// this does not recognise returns null and the caller uses nodemailer's own stream instead.
import * as base64 from 'nodemailer/lib/base64';
import type MimeNode from 'nodemailer/lib/mime-node';

/** Fields of MimeNode that its type declarations keep private; read only, and checked. */
interface NodeInternals {
  readonly _raw?: unknown;
  readonly _transforms?: unknown[];
  readonly _processFuncs?: unknown[];
}

function internals(node: MimeNode): NodeInternals {
  return node as unknown as NodeInternals;
}

/** Appends the node's bytes (as MimeNode.stream writes them); false for anything unfamiliar. */
function write(node: MimeNode, out: Buffer[], raws: Set<Buffer>): boolean {
  const raw = internals(node)._raw;
  if (raw) {
    // Only the parts the caller pre-encoded (see encodedPart) are taken as they are.
    if (!Buffer.isBuffer(raw) || !raws.has(raw)) return false;
    raws.delete(raw);
    out.push(raw);
    return true;
  }
  out.push(Buffer.from(node.buildHeaders() + '\r\n\r\n'));
  const content = node.content;
  if (content) {
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    const encoding = node.getTransferEncoding();
    // The stream's base64 encoder gives wrap(encode(input), 76) whatever the chunking (its doc).
    if (encoding === 'quoted-printable') return false;
    if (encoding === 'base64') out.push(Buffer.from(base64.wrap(base64.encode(content), 76), 'latin1'));
    // Like the stream: anything that is neither QP nor base64 passes as it is.
    else out.push(typeof content === 'string' ? Buffer.from(content) : content);
  }
  if (node.multipart) {
    if (typeof node.boundary !== 'string') return false;
    for (let i = 0; i < node.childNodes.length; i++) {
      out.push(Buffer.from((i > 0 ? '\r\n' : '') + '--' + node.boundary + '\r\n'));
      if (!write(node.childNodes[i]!, out, raws)) return false;
    }
    out.push(Buffer.from('\r\n--' + node.boundary + '--\r\n'));
  } else if (node.childNodes.length > 0) {
    return false;
  }
  return true;
}

/**
 * The message bytes of a compiled tree, or null when it holds something only the stream can
 * write (quoted-printable, streamed or linked content, transforms, an unexpected raw part).
 * `raws` are the pre-encoded parts placed in the tree: each must be found exactly once.
 */
export function serializeMime(root: MimeNode, raws: readonly Buffer[]): Buffer | null {
  const r = internals(root);
  if (!Array.isArray(r._transforms) || r._transforms.length > 0) return null;
  if (!Array.isArray(r._processFuncs) || r._processFuncs.length > 0) return null;
  if (root.newline) return null;
  const expected = new Set(raws);
  if (expected.size !== raws.length) return null;
  const out: Buffer[] = [];
  if (!write(root, out, expected) || expected.size > 0) return null;
  // The stream ends with a line break whatever the content (its LastNewline stage).
  let end: number | undefined;
  for (let i = out.length - 1; i >= 0 && end === undefined; i--) end = out[i]![out[i]!.length - 1];
  if (end !== 0x0a) out.push(Buffer.from(end === 0x0d ? '\n' : '\r\n'));
  return Buffer.concat(out);
}
