// Parser for the placeholder syntax: {{field}}, {{field|default}}, {{#if field}}…{{else}}…{{/if}}.
// Names are trimmed and may be Japanese or contain inner spaces (CSV headers do). A block tag
// alone on its line takes the whole line with it, so conditional paragraphs leave no blank lines.
// One pass, no recursion: a template is user input (up to 200,000 characters per part), and a
// parser that rescanned a line per tag or recursed per {{#if}} froze or crashed the main process.
import type { TemplateNode } from './types';

export type ParseResult =
  | { ok: true; nodes: TemplateNode[] }
  | { ok: false; message: string; offset: number };

/** Deepest {{#if}} nesting accepted. Real notices use two or three levels; the cap keeps every
 * walk of the tree (compile, check, the renderer's highlighting) small and predictable. */
export const MAX_IF_DEPTH = 32;

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

const BAD_NAME_CHAR = /[{}\u0000-\u001f\u007f]/;

function checkName(name: string, offset: number, what: string): string {
  if (name === '') throw new SyntaxIssue(`${what} has no field name.`, offset);
  if (BAD_NAME_CHAR.test(name)) {
    throw new SyntaxIssue(`The field name "${name}" contains a brace or a line break.`, offset);
  }
  return name;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d;

/**
 * [start of the text kept before the tag, position after the tag's line] when the block tag
 * at [open, end) stands alone on its line, else null. `from` is where the text before the tag
 * begins (just after the previous tag or its line): only [from, open) and the spaces after the
 * tag are looked at, so the whole parse stays linear however many tags share a line.
 */
function standaloneSpan(s: string, from: number, open: number, end: number): [number, number] | null {
  let lineStart = open;
  while (lineStart > from && !isBreak(s.charCodeAt(lineStart - 1))) lineStart--;
  // Reaching `from` without a line break: the line started there only if `from` is itself the
  // start of a line; otherwise the previous tag sits earlier on this same line.
  if (lineStart === from && from > 0 && !isBreak(s.charCodeAt(from - 1))) return null;
  for (let i = lineStart; i < open; i++) if (!isSpace(s.charCodeAt(i))) return null;
  let lineEnd = end;
  while (lineEnd < s.length && isSpace(s.charCodeAt(lineEnd))) lineEnd++;
  if (lineEnd < s.length && !isBreak(s.charCodeAt(lineEnd))) return null;
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
    const span = standaloneSpan(s, pos, open, end);
    pushText(s.slice(pos, span ? span[0] : open));
    pos = span ? span[1] : end;

    if (tag.startsWith('#')) {
      const m = /^#if(?:\s+([\s\S]*))?$/.exec(tag);
      if (!m) throw new SyntaxIssue(`Unknown block "{{${tag}}}"; only {{#if field}} is supported.`, open);
      const name = checkName((m[1] ?? '').trim(), open, 'This {{#if}}');
      if (name.includes('|')) throw new SyntaxIssue('A condition takes a field name only, without a default.', open);
      if (stack.length >= MAX_IF_DEPTH) {
        throw new SyntaxIssue(`{{#if}} blocks are nested more than ${MAX_IF_DEPTH} deep; close some with {{/if}} first.`, open);
      }
      stack.push({ name, offset: open, then: [], otherwise: null });
    } else if (tag === 'else') {
      const top = stack[stack.length - 1];
      if (!top) throw new SyntaxIssue('{{else}} appears outside any {{#if}}.', open);
      if (top.otherwise) throw new SyntaxIssue('This {{#if}} already has an {{else}}.', open);
      top.otherwise = [];
    } else {
      if (tag !== '/if' && !/^\/if$/.test(tag.replace(/\s+/g, ''))) {
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
