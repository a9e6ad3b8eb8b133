// Parser for the placeholder syntax: {{field}}, {{field|default}}, {{#if field}}…{{else}}…{{/if}}.
// Names are trimmed and may be Japanese or contain inner spaces (CSV headers do). A block tag
// alone on its line takes the whole line with it, so conditional paragraphs leave no blank lines.
import type { TemplateNode } from './types';

export type ParseResult =
  | { ok: true; nodes: TemplateNode[] }
  | { ok: false; message: string; offset: number };

class SyntaxIssue extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Frame {
  readonly name: string;
  readonly offset: number;
  readonly then: TemplateNode[];
  otherwise: TemplateNode[] | null;
}

const SPACE = /^[ \t\u3000]*$/;
const BAD_NAME_CHAR = /[{}\u0000-\u001f\u007f]/;

function checkName(name: string, offset: number, what: string): string {
  if (name === '') throw new SyntaxIssue(`${what} has no field name.`, offset);
  if (BAD_NAME_CHAR.test(name)) {
    throw new SyntaxIssue(`The field name "${name}" contains a brace or a line break.`, offset);
  }
  return name;
}

/** [start of the text kept before the tag, position after the tag's line] when the tag stands alone. */
function standaloneSpan(s: string, open: number, end: number): [number, number] | null {
  let lineStart = open;
  while (lineStart > 0 && s[lineStart - 1] !== '\n' && s[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = end;
  while (lineEnd < s.length && s[lineEnd] !== '\n' && s[lineEnd] !== '\r') lineEnd++;
  if (!SPACE.test(s.slice(lineStart, open)) || !SPACE.test(s.slice(end, lineEnd))) return null;
  const newline = s.startsWith('\r\n', lineEnd) ? 2 : lineEnd < s.length ? 1 : 0;
  return [lineStart, lineEnd + newline];
}

export function parseTemplate(source: string): ParseResult {
  try {
    return { ok: true, nodes: parseOrThrow(source) };
  } catch (e) {
    if (e instanceof SyntaxIssue) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

function parseOrThrow(s: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  const target = (): TemplateNode[] => {
    const top = stack[stack.length - 1];
    return top ? (top.otherwise ?? top.then) : root;
  };
  const pushText = (text: string) => {
    if (text !== '') target().push({ t: 'text', text });
  };

  let pos = 0;
  for (;;) {
    const open = s.indexOf('{{', pos);
    if (open < 0) break;
    const close = s.indexOf('}}', open + 2);
    if (close < 0) throw new SyntaxIssue('This {{ is never closed with }}.', open);
    const inner = s.slice(open + 2, close);
    if (inner.includes('{{')) throw new SyntaxIssue('This {{ is not closed before the next {{.', open);
    const end = close + 2;
    const tag = inner.trim();
    const isBlock = tag.startsWith('#') || tag.startsWith('/') || tag === 'else';
    if (!isBlock) {
      pushText(s.slice(pos, open));
      pos = end;
      const bar = inner.indexOf('|');
      const name = checkName((bar < 0 ? inner : inner.slice(0, bar)).trim(), open, 'This placeholder');
      const fallback = bar < 0 ? undefined : inner.slice(bar + 1).trim();
      target().push({ t: 'field', name, fallback, offset: open });
      continue;
    }
    const span = standaloneSpan(s, open, end);
    pushText(s.slice(pos, span ? span[0] : open));
    pos = span ? span[1] : end;

    if (tag.startsWith('#')) {
      const m = /^#if(?:\s+([\s\S]*))?$/.exec(tag);
      if (!m) throw new SyntaxIssue(`Unknown block "{{${tag}}}"; only {{#if field}} is supported.`, open);
      const name = checkName((m[1] ?? '').trim(), open, 'This {{#if}}');
      if (name.includes('|')) throw new SyntaxIssue('A condition takes a field name only, without a default.', open);
      const frame: Frame = { name, offset: open, then: [], otherwise: null };
      stack.push(frame);
    } else if (tag === 'else') {
      const top = stack[stack.length - 1];
      if (!top) throw new SyntaxIssue('{{else}} appears outside any {{#if}}.', open);
      if (top.otherwise) throw new SyntaxIssue('This {{#if}} already has an {{else}}.', open);
      top.otherwise = [];
    } else {
      if (!/^\/if$/.test(tag.replace(/\s+/g, ''))) {
        throw new SyntaxIssue(`Unknown closing tag "{{${tag}}}"; only {{/if}} is supported.`, open);
      }
      const top = stack.pop();
      if (!top) throw new SyntaxIssue('{{/if}} has no matching {{#if}}.', open);
      target().push({ t: 'if', name: top.name, offset: top.offset, then: top.then, otherwise: top.otherwise ?? [] });
    }
  }
  pushText(s.slice(pos));
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw new SyntaxIssue(`{{#if ${unclosed.name}}} is never closed with {{/if}}.`, unclosed.offset);
  return root;
}
