// Static checks of a template against a list's columns (syntax, unknown fields with suggestions)
// and the list of fields it uses, for the compose screen and the pre-approval guards.
import { parseTemplate } from './parse';
import { flatten } from './program';
import { columnSuggester } from './suggest';
import { lineIndex } from './text';
import type { FieldUse, MessageTemplate, TemplateIssue, TemplatePart } from './types';

const PARTS: readonly TemplatePart[] = ['subject', 'body'];

/** Unknown fields past this many (per check) are reported without suggestions: nobody reads
 * "did you mean" for the 500th field, and each suggestion compares against every column. */
export const MAX_SUGGESTED_FIELDS = 20;

interface Use {
  name: string;
  offset: number;
  hasDefault: boolean;
  kind: 'value' | 'condition';
}

type Uses = readonly Use[] | { message: string; offset: number };

// The compose screen checks a template and lists its fields in one go: the last parts' uses are
// kept so that the second pass does not parse 200,000 characters again. Pure, so never stale.
const recent: { source: string; uses: Uses }[] = [];

function uses(source: string): Uses {
  const hit = recent.find((r) => r.source === source);
  if (hit) return hit.uses;
  const found = parseUses(source);
  recent.unshift({ source, uses: found });
  recent.length = Math.min(recent.length, 2);
  return found;
}

/** Field uses of a parsed part in source order (the flattened steps are in source order). */
function parseUses(source: string): Uses {
  const r = parseTemplate(source);
  if (!r.ok) return { message: r.message, offset: r.offset };
  const out: Use[] = [];
  for (const s of flatten(r.nodes)) {
    if (s.op === 'field') out.push({ name: s.name, offset: s.offset, hasDefault: s.fallback !== undefined, kind: 'value' });
    else if (s.op === 'if') out.push({ name: s.name, offset: s.offset, hasDefault: true, kind: 'condition' });
  }
  return out;
}

function isUses(u: Uses): u is readonly Use[] {
  return Array.isArray(u);
}

/** Syntax errors (the first per part) and unknown fields (once per field and part, at its first use). */
export function checkTemplate(t: MessageTemplate, columns: readonly string[]): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const known = new Set(columns);
  const suggest = columnSuggester(columns);
  let suggested = 0;
  for (const part of PARTS) {
    const source = t[part];
    const where = lineIndex(source);
    const found = uses(source);
    if (!isUses(found)) {
      issues.push({ code: 'template-syntax', part, message: found.message, offset: found.offset, ...where(found.offset) });
      continue;
    }
    const reported = new Set<string>();
    for (const u of found) {
      if (known.has(u.name) || reported.has(u.name)) continue;
      reported.add(u.name);
      issues.push({
        code: 'template-unknown-field',
        part,
        field: u.name,
        suggestions: suggested++ < MAX_SUGGESTED_FIELDS ? suggest(u.name) : [],
        offset: u.offset,
        ...where(u.offset),
      });
    }
  }
  return issues;
}

/** Distinct field uses per part, in order of appearance. A part with a syntax error contributes nothing. */
export function usedFields(t: MessageTemplate): FieldUse[] {
  const out: FieldUse[] = [];
  const seen = new Set<string>();
  for (const part of PARTS) {
    const found = uses(t[part]);
    if (!isUses(found)) continue;
    for (const u of found) {
      const key = `${part}\u0000${u.kind}\u0000${u.hasDefault ? 1 : 0}\u0000${u.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ field: u.name, hasDefault: u.hasDefault, part, kind: u.kind });
    }
  }
  return out;
}
