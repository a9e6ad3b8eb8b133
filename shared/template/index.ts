// The template engine's public surface: check, compile, render, and report missing fields.
export type {
  CompiledTemplate,
  FieldUse,
  MessageTemplate,
  TemplateIssue,
} from './types';
export { checkTemplate, usedFields } from './check';
export { compileTemplate, renderMessage } from './render';
export { findMissing, type MissingField } from './missing';
export { missingFieldsOf } from './missing-by-presence';
export { suggestColumns } from './suggest';
export { isBlank, oneLine, normaliseBody } from './text';
