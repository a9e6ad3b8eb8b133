// The values every rule needs, computed once per report: lower-cased addresses split at the last @.
// They are computed on first use: when the member findings come from the check service's cache,
// most reports need none of them (only an attachment's text is compared with the addresses).
import type { CheckInput, Prepared } from './types';

interface Split {
  readonly emails: string[];
  readonly locals: string[];
  readonly domains: string[];
}

function split(input: CheckInput): Split {
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
  return { emails, locals, domains };
}

export function prepare(input: CheckInput): Prepared {
  let done: Split | undefined;
  const get = (): Split => (done ??= split(input));
  const orgDomains = (input.policy.organisationDomains ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean);
  return {
    input,
    get emails() {
      return get().emails;
    },
    get locals() {
      return get().locals;
    },
    get domains() {
      return get().domains;
    },
    orgDomains,
  };
}
