// The values every rule needs, computed once per report: lower-cased addresses split at the last @.
import type { CheckInput, Prepared } from './types';

export function prepare(input: CheckInput): Prepared {
  const n = input.recipients.length;
  const emails = new Array<string>(n);
  const locals = new Array<string>(n);
  const domains = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const e = input.recipients[i]!.email.trim().toLowerCase();
    const at = e.lastIndexOf('@');
    emails[i] = e;
    locals[i] = at < 0 ? e : e.slice(0, at);
    domains[i] = at < 0 ? '' : e.slice(at + 1);
  }
  const orgDomains = (input.policy.organisationDomains ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean);
  return { input, emails, locals, domains, orgDomains };
}
