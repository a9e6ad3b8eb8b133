// Which of a recipient's fields the check rules read: the template renders (template.ts, sample.ts)
// and the ISO-2022-JP check (encoding.ts) read only the fields the template names, and the member
// rules read none. So the check input need carry only those, and a row's stored JSON need not be
// copied into a record of every column for 100k members.
import { compileTemplate, usedFields, type MessageTemplate } from '../template';

/** The fields any rule may read for this template (compiled and used fields, if each can be read). */
export function fieldsChecksRead(template: MessageTemplate): readonly string[] {
  const names = new Set<string>();
  try {
    for (const f of compileTemplate(template).fields) names.add(f);
  } catch {
    // A template that does not compile is rendered by no rule (templateRule reports the syntax).
  }
  try {
    for (const u of usedFields(template)) names.add(u.field);
  } catch {
    // usedFields reads what it can; a throw leaves the encoding rule nothing to read either.
  }
  return [...names];
}
