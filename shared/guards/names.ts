// Warns about member names that will not go out as they read in the list. A name becomes the
// display name in To, on one line: line breaks are flattened to spaces, text like "Bcc: …"
// is sent as part of the name (never as a header: promise 1), and direction controls make the
// name read differently from what it holds. The approver should know before it is sent.
import { hasBidiControls, showBidiControls } from '../bidi';
import { oneLine } from '../template';
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, CheckRecipient, Prepared } from './types';

// Line and paragraph breaks, and other control characters oneLine turns into a space.
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// A mail header name followed by a colon, at the start or after a break or a space.
const HEADER_TEXT = /(?:^|[\s\u3000])(?:bcc|cc|to|from|reply-to|sender|subject|content-type)[ \t]*[:：]/i;

// Any character one of the three tests needs: one scan per name, the rest only for the few hits.
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069:：]/;

interface Found {
  members: number[];
  examples: string[];
}

function collect(recipients: readonly CheckRecipient[], test: (name: string) => boolean, show: (r: CheckRecipient) => string): Found {
  const found: Found = { members: [], examples: [] };
  for (const r of recipients) {
    if (!r.name || !test(r.name)) continue;
    found.members.push(r.id);
    if (found.examples.length < EXAMPLE_CAP) found.examples.push(show(r));
  }
  return found;
}

const where = (r: CheckRecipient) => (r.line !== undefined ? `line ${r.line}: ` : '');

export function nameRule(p: Prepared): CheckItem[] {
  const recipients = p.input.recipients.filter((r) => r.name && SUSPECT.test(r.name));
  const items: CheckItem[] = [];
  const breaks = collect(recipients, (n) => BREAKS.test(n), (r) => `${where(r)}${oneLine(r.name)}`);
  if (breaks.members.length) {
    const n = breaks.members.length;
    items.push(
      item({
        code: 'name-line-breaks',
        severity: 'warning',
        members: breaks.members,
        params: { count: n, examples: breaks.examples.join('; ') },
        ja: `${n}人の氏名に改行などの制御文字があり、宛名では 1 行につなげて送られます（例: ${listText(breaks.examples, 3)}）。住所などが氏名の欄に入っていないか、名簿の元データで確かめてください。`,
        en: `${n} member name(s) contain line breaks or other control characters; the name is sent joined on one line (e.g. ${listText(breaks.examples, 3)}). Check in the source list that nothing else (an address, a note) ended up in the name column.`,
      }),
    );
  }
  const headers = collect(recipients, (n) => HEADER_TEXT.test(n), (r) => `${where(r)}${oneLine(r.name)}`);
  if (headers.members.length) {
    const n = headers.members.length;
    items.push(
      item({
        code: 'name-header-text',
        severity: 'warning',
        members: headers.members,
        params: { count: n, examples: headers.examples.join('; ') },
        ja: `${n}人の氏名に「Bcc:」「To:」のようなメールの見出しに似た文字があります（例: ${listText(headers.examples, 3)}）。宛先が増えることはなく、氏名の一部として送られますが、名簿が書き換えられていないか確かめてください。`,
        en: `${n} member name(s) contain text that looks like a mail header such as "Bcc:" or "To:" (e.g. ${listText(headers.examples, 3)}). It cannot add a recipient and is sent only as part of the name, but check that the list was not tampered with.`,
      }),
    );
  }
  const bidi = collect(recipients, hasBidiControls, (r) => `${where(r)}${showBidiControls(oneLine(r.name))}`);
  if (bidi.members.length) {
    const n = bidi.members.length;
    items.push(
      item({
        code: 'name-bidi-control',
        severity: 'warning',
        members: bidi.members,
        params: { count: n, examples: bidi.examples.join('; ') },
        ja: `${n}人の氏名に、文字の向きを逆にする見えない文字（< > の所）があり、宛名が実際とは違って見えます（例: ${listText(bidi.examples, 3)}）。名簿の元データを確かめ、その文字を消してから取り込み直してください。`,
        en: `${n} member name(s) contain invisible characters that reverse the direction of the text (shown in < >), so the name reads differently from what it is (e.g. ${listText(bidi.examples, 3)}). Check the source list, remove them and import it again.`,
      }),
    );
  }
  return items;
}
