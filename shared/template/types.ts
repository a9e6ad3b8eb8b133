// Types of the template engine: the template a user writes, what checking and rendering return.

/** A message template as the user composes it: both parts use the same placeholder syntax. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

export type TemplatePart = 'subject' | 'body';

/** A problem found by checkTemplate. Offsets, lines and columns are 1-based lines and columns in UTF-16 units
 * (what a textarea's selection uses); `offset` is 0-based. */
export type TemplateIssue =
  | { code: 'template-syntax'; part: TemplatePart; message: string; offset: number; line: number; column: number }
  | {
      code: 'template-unknown-field';
      part: TemplatePart;
      field: string;
      /** Closest column names, best first (at most three). */
      suggestions: string[];
      line: number;
      column: number;
      offset: number;
    };

export type RenderResult = { ok: true; subject: string; body: string } | { ok: false; missing: string[] };

/** A parsed template, ready to render many rows quickly. */
export interface CompiledTemplate {
  /** Renders from this one row only. Missing values are reported, never rendered blank. */
  render(row: Readonly<Record<string, string>>): RenderResult;
  /** Every distinct field the template refers to (placeholders and conditions), in order of appearance. */
  readonly fields: readonly string[];
  /** The template this was compiled from. */
  readonly source: Readonly<MessageTemplate>;
}

/** One use of a field. hasDefault is true when a blank value can never block the message: the
 * placeholder has a default, or the field is only the condition of an {{#if}}. */
export interface FieldUse {
  field: string;
  hasDefault: boolean;
  part: TemplatePart;
  kind: 'value' | 'condition';
}

/** Parsed template tree. */
export type TemplateNode =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'field'; readonly name: string; readonly fallback: string | undefined; readonly offset: number }
  | {
      readonly t: 'if';
      readonly name: string;
      readonly offset: number;
      readonly then: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
    };
