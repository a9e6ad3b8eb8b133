// Recipients of the bounces that are not RFC 3464: qmail's QSBMF ("<a@b>:" then the reason),
// Postfix's and Exchange's plain text, and the Japanese carriers' notices (docomo, au, SoftBank),
// whose reason may be only words ("宛先不明", "User unknown"). What cannot be read as a failure
// of a named address (or of the one message) is not a bounce: nothing is guessed.
import { kindOfCode, type BouncedRecipient } from './bounce-report';

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC = /\b([45]\d\d)[ -]/;

/** Words carriers and MTAs use for an address that does not exist or no longer works: hard. */
const HARD_WORDS = [
  /user unknown/i, /unknown user/i, /no such user/i, /mailbox unavailable/i, /does not exist/i,
  /recipient address rejected/i, /address rejected/i, /mailbox not found/i, /invalid recipient/i,
  /宛先不明/, /存在しません/, /見つかりません/, /受信拒否/, /配信できませんでした/, /送信できませんでした/,
];
/** Words for a temporary failure: soft. */
const SOFT_WORDS = [/mailbox (is )?full/i, /over quota/i, /try again later/i, /temporar/i, /容量/, /一時的/];

function codeIn(text: string): string | null {
  const e = ENHANCED.exec(text);
  if (e) return `${e[1]}.${e[2]}.${e[3]}`;
  return BASIC.exec(text)?.[1] ?? null;
}

function kindOfText(text: string, code: string | null): BouncedRecipient['kind'] | null {
  const byCode = kindOfCode(code);
  if (byCode) return byCode;
  if (SOFT_WORDS.some((w) => w.test(text))) return 'soft';
  if (HARD_WORDS.some((w) => w.test(text))) return 'hard';
  return null;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * Reads "<addr>: reason" paragraphs (qmail, Postfix, au) and, failing that, an address named
 * in the explanation text next to a failure. `explanation` is the human part only (not the
 * returned copy of the message), so a member's own address in the copy's To is never read here.
 */
export function plainRecipients(explanation: string): BouncedRecipient[] {
  const out: BouncedRecipient[] = [];
  const paragraphs = explanation.split(/\r?\n\s*\r?\n/);
  for (const p of paragraphs) {
    const m = /<([^<>\s@]+@[^<>\s]+)>:?\s*([\s\S]*)/.exec(p);
    if (!m) continue;
    const reason = m[2]!.trim() || p;
    const code = codeIn(reason);
    const kind = kindOfText(reason, code);
    if (kind) out.push({ address: m[1]!.toLowerCase(), kind, statusCode: code, diagnostic: oneLine(reason) || null });
  }
  if (out.length > 0) return out;
  // No "<addr>:" paragraph: one address in the text, or none (the report is about the one message).
  const addresses = [...new Set([...explanation.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)].map((a) => a[0].toLowerCase()))]
    .filter((a) => !/^(mailer-daemon|postmaster)@/i.test(a));
  const code = codeIn(explanation);
  const kind = kindOfText(explanation, code);
  if (!kind) return [];
  // The line with the server's code says most; else the line with the failure words.
  const lines = explanation.split(/\r?\n/);
  const diagnosticLine =
    (code ? lines.find((l) => l.includes(code)) : undefined) ?? lines.find((l) => HARD_WORDS.some((w) => w.test(l)) || SOFT_WORDS.some((w) => w.test(l)));
  const diagnostic = diagnosticLine ? oneLine(diagnosticLine) : null;
  if (addresses.length === 0) return [{ address: null, kind, statusCode: code, diagnostic }];
  // Several addresses (the sender's own among them, say): each is a candidate, and the matcher
  // takes only the one that is the message's own recipient.
  return addresses.map((address) => ({ address, kind, statusCode: code, diagnostic }));
}
