// Keeps the template rule's findings (shared/guards/template.ts: every recipient rendered, ~35 ms at
// 100k members) for the recipient arrays the check service keeps, so a report over rows already
// checked with the same template does not render them all again. The approval request's report,
// computed inside its transaction over the rows it has just frozen, is the case this is for: those
// rows are the very array the check screen's draft report rendered a moment before
// (approval-service.ts, whileFrozenAs), and the start-of-send check's report reads the frozen rows
// kept since approve.
//
// The findings are a pure function of the template, the list's columns and the recipients. A kept
// array is keyed by identity, which is sound only while neither it nor any row nor any row's
// fields can change: so only arrays frozen all the way down (draft-recipients-cache.ts and
// frozen-recipients-cache.ts freeze the array, each row and each row's fields) are kept, checked
// once per array; any other array is rendered on every call. Under an array the key is the
// template's subject and body and the columns.
import { computeTemplateFindings, type CheckInput, type CheckItem, type CheckRecipient, type TemplateFindingsSource } from '../../../shared/guards';

/** Templates kept per array (a notice's text edited between checks of the same rows). */
const TEMPLATES_PER_ROWS = 4;

export interface TemplateFindingsCache {
  /** templateRule's findings for the input, computed or reused. */
  readonly findingsFor: TemplateFindingsSource;
}

/** Whether no part of the rows can change: the array, every row and every row's fields frozen. */
function frozenThrough(rows: readonly CheckRecipient[]): boolean {
  return Object.isFrozen(rows) && rows.every((r) => Object.isFrozen(r) && Object.isFrozen(r.fields));
}

export function createTemplateFindingsCache(): TemplateFindingsCache {
  /** Per deeply frozen array: findings by template and columns, the most recently used last. */
  const byRows = new WeakMap<readonly CheckRecipient[], Map<string, readonly CheckItem[]>>();
  /** Arrays found not frozen all the way down (not kept; a frozen array stays as it was found). */
  const unfrozen = new WeakSet<readonly CheckRecipient[]>();

  function keptFor(rows: readonly CheckRecipient[]): Map<string, readonly CheckItem[]> | undefined {
    const kept = byRows.get(rows);
    if (kept || unfrozen.has(rows)) return kept;
    if (!frozenThrough(rows)) {
      // An array that is not frozen can still be frozen later: only a frozen one is remembered as such.
      if (Object.isFrozen(rows)) unfrozen.add(rows);
      return undefined;
    }
    const made = new Map<string, readonly CheckItem[]>();
    byRows.set(rows, made);
    return made;
  }

  return {
    findingsFor(input: CheckInput): readonly CheckItem[] {
      const kept = keptFor(input.recipients);
      if (!kept) return computeTemplateFindings(input);
      const key = JSON.stringify([input.template.subject, input.template.body, input.columns]);
      const hit = kept.get(key);
      if (hit) {
        kept.delete(key);
        kept.set(key, hit);
        return hit;
      }
      // runChecks copies each item into its report, so the kept ones are never handed out.
      const made = computeTemplateFindings(input);
      kept.set(key, made);
      if (kept.size > TEMPLATES_PER_ROWS) kept.delete(kept.keys().next().value!);
      return made;
    },
  };
}
