// Compiles a parsed template into closures and renders ONE row at a time (promise 2: a message is
// built from its own row alone). Data is inserted literally: it is never parsed as a template.
import { AppError } from '../errors';
import { lineColumn, normaliseBody, oneLine, presentValue } from './text';
import { parseTemplate } from './parse';
import type { CompiledTemplate, MessageTemplate, RenderResult, TemplateNode, TemplatePart } from './types';

type Row = Readonly<Record<string, string>>;
/** Appends the rendered text to out; records missing field names in missing (no duplicates). */
type Emit = (row: Row, out: string[], missing: string[]) => void;

function valueOf(row: Row, name: string): string | undefined {
  // Own properties only: a column called "constructor" or "__proto__" must not reach the prototype.
  if (!Object.prototype.hasOwnProperty.call(row, name)) return undefined;
  return presentValue(row[name]);
}

function compileNodes(nodes: readonly TemplateNode[]): Emit {
  const parts = nodes.map(compileNode);
  if (parts.length === 1) return parts[0]!;
  return (row, out, missing) => {
    for (const p of parts) p(row, out, missing);
  };
}

function compileNode(node: TemplateNode): Emit {
  switch (node.t) {
    case 'text': {
      const text = node.text;
      return (_row, out) => {
        out.push(text);
      };
    }
    case 'field': {
      const { name, fallback } = node;
      return (row, out, missing) => {
        const v = valueOf(row, name);
        if (v !== undefined) out.push(v);
        else if (fallback !== undefined) out.push(fallback);
        else if (!missing.includes(name)) missing.push(name);
      };
    }
    case 'if': {
      const name = node.name;
      const then = compileNodes(node.then);
      const otherwise = compileNodes(node.otherwise);
      return (row, out, missing) => (valueOf(row, name) !== undefined ? then : otherwise)(row, out, missing);
    }
  }
}

function collectFields(nodes: readonly TemplateNode[], into: string[]): void {
  for (const n of nodes) {
    if (n.t === 'text') continue;
    if (!into.includes(n.name)) into.push(n.name);
    if (n.t === 'if') {
      collectFields(n.then, into);
      collectFields(n.otherwise, into);
    }
  }
}

/** Parses one part or throws AppError('template-syntax') naming the part and the position. */
export function parsePartOrThrow(source: string, part: TemplatePart): TemplateNode[] {
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
  const subjectNodes = parsePartOrThrow(source.subject, 'subject');
  const bodyNodes = parsePartOrThrow(source.body, 'body');
  const subject = compileNodes(subjectNodes);
  const body = compileNodes(bodyNodes);
  const fields: string[] = [];
  collectFields(subjectNodes, fields);
  collectFields(bodyNodes, fields);
  return {
    fields: Object.freeze(fields),
    source,
    render(row: Row): RenderResult {
      const missing: string[] = [];
      const s: string[] = [];
      const b: string[] = [];
      subject(row, s, missing);
      body(row, b, missing);
      if (missing.length > 0) return { ok: false, missing };
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
