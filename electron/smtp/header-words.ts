// How member text becomes header words. nodemailer leaves printable ASCII as it is, which let a
// name or subject holding "=?utf-8?B?…?=" be decoded by mail clients into other text (an address
// that is not the recipient's), and a word longer than a line could never be folded (RFC 5322
// caps a line at 998 characters). Such text is sent as encoded words instead, which decode back
// to exactly the text written and fold between words.
import { encodeWord, quoteString } from 'nodemailer/lib/mime-funcs';
import type MimeNode from 'nodemailer/lib/mime-node';
import { AppError } from '../../shared/errors';

/** Longest run without spaces written as is; longer ones could not be folded under 78 columns. */
const MAX_PLAIN_WORD = 66;
/** Characters of text per encoded word (nodemailer's own choice): each word stays under 76. */
const WORD_CHARS = 52;

const LONG_WORD = new RegExp(`[^ \\t]{${MAX_PLAIN_WORD + 1}}`);
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** True when written as is, the text would be read as something else or could not be folded. */
function needsEncodedWords(text: string): boolean {
  return text.includes('=?') || LONG_WORD.test(text);
}

function encoded(text: string): string {
  return encodeWord(text, 'B', WORD_CHARS);
}

/**
 * A subject nodemailer will write safely: printable ASCII that needs it is given as encoded
 * words (nodemailer passes ASCII through and folds at the spaces between them); anything else
 * nodemailer encodes whole by itself.
 */
export function subjectForHeader(subject: string): string {
  return PRINTABLE_ASCII.test(subject) && needsEncodedWords(subject) ? encoded(subject) : subject;
}

/** A display name as it goes into From or To: plain words, a quoted string, or encoded words. */
function displayNameForHeader(name: string): string {
  if (needsEncodedWords(name) || !PRINTABLE_ASCII.test(name)) return encoded(name);
  return /^[\w ]*$/.test(name) ? name : quoteString(name);
}

interface AddressNameHook {
  _encodeAddressName?: (name: string) => string;
}

/**
 * Makes a compiled message write its From and To names with displayNameForHeader. nodemailer
 * has no option for this; its method for it is replaced on this one message's root node, and
 * if a future nodemailer lacks it the message is refused rather than sent with unsafe names.
 */
export function useSafeDisplayNames(root: MimeNode): void {
  const node = root as unknown as AddressNameHook;
  if (typeof node._encodeAddressName !== 'function') {
    throw new AppError('internal', 'This version of nodemailer cannot be told how to write names safely.');
  }
  node._encodeAddressName = displayNameForHeader;
}
