// A notice to be written in ISO-2022-JP (older phones): every character it cannot hold, each
// with the members it affects, blocks approval until the text is changed or UTF-8 is chosen. An
// unwritable character would arrive as "?" or garbage, or the phone would drop the message.
// What is looked at: the templates' own text (every member), the sender's name (every member),
// each member's name (the To header) and the values of the fields the templates use.
import { unwritableInJis } from '../sending/jis';
import { usedFields } from '../template/check';
import { item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** At most this many characters get their own item; the last one says how many more there are. */
const CHAR_CAP = 30;

interface Finding {
  everyone: boolean;
  where: Set<'template' | 'sender' | 'members'>;
  members: number[];
  names: string[];
}

export function encodingRule(p: Prepared): CheckItem[] {
  const { input } = p;
  if (input.encoding !== 'iso-2022-jp') return [];
  const found = new Map<string, Finding>();
  const note = (ch: string, where: 'template' | 'sender' | 'members', member?: { id: number; name: string }) => {
    let f = found.get(ch);
    if (!f) found.set(ch, (f = { everyone: false, where: new Set(), members: [], names: [] }));
    f.where.add(where);
    if (!member) f.everyone = true;
    else if (f.members[f.members.length - 1] !== member.id) {
      f.members.push(member.id);
      if (f.names.length < 5) f.names.push(member.name);
    }
  };
  for (const ch of unwritableInJis(`${input.template.subject}\n${input.template.body}`)) note(ch, 'template');
  for (const ch of unwritableInJis(input.profile?.fromName ?? '')) note(ch, 'sender');
  const fields = [...new Set(usedFields(input.template).map((u) => u.field))];
  for (const r of input.recipients) {
    let text = r.name;
    for (const f of fields) text += '\n' + (r.fields[f] ?? '');
    for (const ch of unwritableInJis(text)) note(ch, 'members', r);
  }
  const all = input.recipients.map((r) => r.id);
  const items: CheckItem[] = [];
  for (const [ch, f] of [...found].slice(0, CHAR_CAP)) {
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const where = [...f.where].join(',');
    const whoJa = f.everyone ? '全員（文面または差出人名）' : `${f.members.length}人: ${listText(f.names)}`;
    const whoEn = f.everyone ? 'everyone (the text or the sender name)' : `${f.members.length}: ${listText(f.names)}`;
    items.push(
      item({
        code: 'encoding-unwritable',
        severity: 'blocking',
        members: f.everyone ? all : f.members,
        params: { char: ch, codePoint: code, where },
        ja: `「${ch}」(${code}) は ISO-2022-JP で書けません（${whoJa}）。別の文字に直すか、文字コードを UTF-8 にしてください。`,
        en: `"${ch}" (${code}) cannot be written in ISO-2022-JP (${whoEn}). Replace it, or choose UTF-8.`,
      }),
    );
  }
  if (found.size > CHAR_CAP) {
    items.push(
      item({
        code: 'encoding-unwritable',
        severity: 'blocking',
        params: { more: found.size - CHAR_CAP },
        ja: `ほかにも ISO-2022-JP で書けない文字が${found.size - CHAR_CAP}種類あります。`,
        en: `${found.size - CHAR_CAP} more character(s) cannot be written in ISO-2022-JP.`,
      }),
    );
  }
  return items;
}
