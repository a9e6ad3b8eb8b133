// Static checks of a template against a list's columns (syntax, unknown fields with suggestions)
// and the list of fields it uses, for the compose screen and the pre-approval guards.
import { parseTemplate } from './parse';
import { suggestColumns } from './suggest';
import { lineColumn } from './text';
import type { FieldUse, MessageTemplate, TemplateIssue, TemplateNode, TemplatePart } from './types';

const PARTS: readonly TemplatePart[] = ['subject', 'body'];

interface Use {
  name: string;
  offset: number;
  hasDefault: boolean;
  kind: 'value' | 'condition';
}

function walk(nodes: readonly TemplateNode[], into: Use[]): void {
  for (const n of nodes) {
    if (n.t === 'field') into.push({ name: n.name, offset: n.offset, hasDefault: n.fallback !== undefined, kind: 'value' });
    if (n.t === 'if') {
      into.push({ name: n.name, offset: n.offset, hasDefault: true, kind: 'condition' });
      walk(n.then, into);
      walk(n.otherwise, into);
    }
  }
}

/** Syntax errors (the first per part) and unknown fields (once per field and part, at its first use). */
export function checkTemplate(t: MessageTemplate, columns: readonly string[]): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const known = new Set(columns);
  for (const part of PARTS) {
    const source = t[part];
    const r = parseTemplate(source);
    if (!r.ok) {
      issues.push({ code: 'template-syntax', part, message: r.message, offset: r.offset, ...lineColumn(source, r.offset) });
      continue;
    }
    const uses: Use[] = [];
    walk(r.nodes, uses);
    const reported = new Set<string>();
    for (const u of uses) {
      if (known.has(u.name) || reported.has(u.name)) continue;
      reported.add(u.name);
      issues.push({
        code: 'template-unknown-field',
        part,
        field: u.name,
        suggestions: suggestColumns(u.name, columns),
        offset: u.offset,
        ...lineColumn(source, u.offset),
      });
    }
  }
  return issues;
}

/** Distinct field uses per part, in order of appearance. A part with a syntax error contributes nothing. */
export function usedFields(t: MessageTemplate): FieldUse[] {
  const out: FieldUse[] = [];
  for (const part of PARTS) {
    const r = parseTemplate(t[part]);
    if (!r.ok) continue;
    const uses: Use[] = [];
    walk(r.nodes, uses);
    for (const u of uses) {
      const same = out.find((o) => o.part === part && o.field === u.name && o.kind === u.kind && o.hasDefault === u.hasDefault);
      if (!same) out.push({ field: u.name, hasDefault: u.hasDefault, part, kind: u.kind });
    }
  }
  return out;
}
