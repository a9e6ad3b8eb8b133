// Blocks templates that cannot be rendered for every member: a field that is not a column of
// the list, or a member with no value for a field used without a default (promise 2: a
// missing field is an error, never a blank).
import { compileTemplate } from '../template';
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

export function templateRule(p: Prepared): CheckItem[] {
  const { template, columns, recipients } = p.input;
  let compiled: ReturnType<typeof compileTemplate>;
  let used: string[];
  try {
    compiled = compileTemplate(template);
    used = [...compiled.fields];
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return [
      item({
        code: 'template-syntax',
        severity: 'blocking',
        params: { detail },
        ja: `本文か件名の書き方に誤りがあります（${detail}）。差し込みの {{ }} を直してください。`,
        en: `The subject or body cannot be read (${detail}). Fix the {{ }} placeholders.`,
      }),
    ];
  }
  const items: CheckItem[] = [];
  if (!template.subject.trim() || !template.body.trim()) {
    items.push(
      item({
        code: 'template-empty',
        severity: 'blocking',
        params: { part: !template.subject.trim() ? 'subject' : 'body' },
        ja: `${!template.subject.trim() ? '件名' : '本文'}が空です。空のメールは送れません。文面を入力してください。`,
        en: `The ${!template.subject.trim() ? 'subject' : 'body'} is empty. An empty mail cannot be sent: write it first.`,
      }),
    );
  }
  const renderedEmpty: number[] = [];
  const known = new Set(columns);
  const unknown = [...new Set(used.filter((f) => !known.has(f)))].sort();
  if (unknown.length) {
    items.push(
      item({
        code: 'template-unknown-field',
        severity: 'blocking',
        params: { fields: unknown.join(', ') },
        ja: `差し込み項目「${listText(unknown)}」は名簿の列にありません。名簿の列名に合わせて直してください。`,
        en: `The placeholder(s) ${listText(unknown)} are not columns of the list. Change them to the list's column names.`,
      }),
    );
  }
  const unknownSet = new Set(unknown);
  const missingByField = new Map<string, number[]>();
  for (const r of recipients) {
    const out = compiled.render(r.fields);
    if (out.ok) {
      // A template made only of placeholders (or conditions) can still come out empty for someone.
      if (template.subject.trim() && template.body.trim() && (!out.subject.trim() || !out.body.trim())) renderedEmpty.push(r.id);
      continue;
    }
    for (const f of out.missing) {
      if (unknownSet.has(f)) continue;
      const l = missingByField.get(f);
      if (l) l.push(r.id);
      else missingByField.set(f, [r.id]);
    }
  }
  if (renderedEmpty.length) {
    items.push(
      item({
        code: 'template-empty',
        severity: 'blocking',
        members: renderedEmpty,
        params: { part: 'rendered' },
        ja: `${renderedEmpty.length}人あてのメールは、件名か本文が空になります。差し込み項目と条件を見直してください。`,
        en: `For ${renderedEmpty.length} member(s) the subject or body comes out empty. Check the placeholders and conditions.`,
      }),
    );
  }
  if (missingByField.size) {
    const fields = [...missingByField.keys()].sort();
    const members = [...new Set(fields.flatMap((f) => missingByField.get(f)!))].sort((a, b) => a - b);
    const perField = fields.slice(0, EXAMPLE_CAP).map((f) => `${f}:${missingByField.get(f)!.length}`);
    items.push(
      item({
        code: 'template-missing-field',
        severity: 'blocking',
        members,
        params: { fields: fields.join(', '), perField: perField.join(', ') },
        ja: `${members.length}人の行で「${listText(fields)}」が空です。空欄のまま送ることはできません。名簿を埋めるか、{{項目|代わりの文字}} の形で既定値を書いてください。`,
        en: `${members.length} member(s) have no value for ${listText(fields)}. Mail is never sent with a blank: fill the list, or give a default as {{field|default}}.`,
      }),
    );
  }
  return items;
}
