// Builds check items the same way everywhere: capped member lists with their full count.
import type { CheckCode } from './codes';
import type { CheckItem, Severity } from './types';

/**
 * At most this many member ids travel with one item (the check screen's "show all" lists them by
 * name and address); params.memberCount keeps the full count. 1,000 covers a common name's rows in
 * a 50,000-member list and keeps the report small.
 */
export const CHECK_MEMBERS_MAX = 1000;
/** At most this many examples (addresses, pairs) are spelled out in params. */
export const EXAMPLE_CAP = 10;

export interface ItemSpec {
  code: CheckCode;
  severity: Severity;
  members?: readonly number[];
  files?: readonly string[];
  params?: Record<string, string | number>;
  ja: string;
  en: string;
}

export function item(spec: ItemSpec): CheckItem {
  const params: Record<string, string | number> = { ...(spec.params ?? {}) };
  const out: { -readonly [K in keyof CheckItem]: CheckItem[K] } = {
    code: spec.code,
    severity: spec.severity,
    params,
    message: { ja: spec.ja, en: spec.en },
  };
  if (spec.members) {
    params.memberCount = spec.members.length;
    out.members = spec.members.slice(0, CHECK_MEMBERS_MAX);
  }
  if (spec.files) out.files = [...spec.files];
  return out;
}

/** "a, b, c (+4 more)" for messages; keeps messages short on big lists. */
export function listText(values: readonly string[], cap = 5): string {
  const head = values.slice(0, cap).join(', ');
  return values.length > cap ? `${head} (+${values.length - cap})` : head;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

export function bySeverity(a: CheckItem, b: CheckItem): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
