// Compiles a parsed template into a flat list of steps and renders ONE row at a time (promise 2:
// a message is built from its own row alone). Data is inserted literally: it is never parsed as
// a template. Nothing here recurses, so no template can overflow the stack (program.ts).
import { AppError } from '../errors';
import { lineColumn, normaliseBody, oneLine, presentValue } from './text';
import { parseTemplate } from './parse';
import { flatten, type Step } from './program';
import type { CompiledTemplate, MessageTemplate, RenderResult, TemplateNode, TemplatePart } from './types';

type Row = Readonly<Record<string, string>>;
/** Missing field names in order of use; the set (made at the first one) keeps them unique. */
interface Missing {
  readonly names: string[];
  seen?: Set<string>;
}

function valueOf(row: Row, name: string): string | undefined {
  // Own properties only: a column called "constructor" or "__proto__" must not reach the prototype.
  if (!Object.prototype.hasOwnProperty.call(row, name)) return undefined;
  return presentValue(row[name]);
}

/** Appends the rendered text to out; records missing field names once each, in order of use. */
function run(steps: readonly Step[], row: Row, out: string[], missing: Missing): void {
  let pc = 0;
  while (pc < steps.length) {
    const s = steps[pc]!;
    switch (s.op) {
      case 'text':
        out.push(s.text);
        pc++;
        break;
      case 'field': {
        const v = valueOf(row, s.name);
        if (v !== undefined) out.push(v);
        else if (s.fallback !== undefined) out.push(s.fallback);
        else if (!(missing.seen ??= new Set()).has(s.name)) {
          missing.seen.add(s.name);
          missing.names.push(s.name);
        }
        pc++;
        break;
      }
      case 'if':
        pc = valueOf(row, s.name) !== undefined ? pc + 1 : s.elseAt;
        break;
      case 'jump':
        pc = s.to;
        break;
    }
  }
}

function collectFields(steps: readonly Step[], into: Set<string>): void {
  for (const s of steps) if (s.op === 'field' || s.op === 'if') into.add(s.name);
}

/** Parses one part or throws AppError('template-syntax') naming the part and the position. */
function parsePartOrThrow(source: string, part: TemplatePart): TemplateNode[] {
  const r = parseTemplate(source);
  if (r.ok) return r.nodes;
  const { line, column } = lineColumn(source, r.offset);
  throw new AppError('template-syntax', `${part === 'subject' ? 'Subject' : 'Body'}, line ${line}, column ${column}: ${r.message}`, {
    part,
    offset: r.offset,
    line,
    column,
  });
}

export function compileTemplate(t: MessageTemplate): CompiledTemplate {
  const source = Object.freeze({ subject: t.subject, body: t.body });
  const subject = flatten(parsePartOrThrow(source.subject, 'subject'));
  const body = flatten(parsePartOrThrow(source.body, 'body'));
  const fields = new Set<string>();
  collectFields(subject, fields);
  collectFields(body, fields);
  return {
    fields: Object.freeze([...fields]),
    source,
    render(row: Row): RenderResult {
      const missing: Missing = { names: [] };
      const s: string[] = [];
      const b: string[] = [];
      run(subject, row, s, missing);
      run(body, row, b, missing);
      if (missing.names.length > 0) return { ok: false, missing: missing.names };
      // The subject becomes a header: data (or the template) must not be able to break the line.
      return { ok: true, subject: oneLine(s.join('')), body: normaliseBody(b.join('')) };
    },
  };
}

// The last compiled template, so repeated renderMessage calls with one template parse it once.
// The cache never changes a result: compilation is a pure function of the template text.
let cached: CompiledTemplate | null = null;

export function renderMessage(t: MessageTemplate, row: Row): RenderResult {
  if (!cached || cached.source.subject !== t.subject || cached.source.body !== t.body) cached = compileTemplate(t);
  return cached.render(row);
}
