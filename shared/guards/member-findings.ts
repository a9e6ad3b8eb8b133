// The findings that depend only on who the recipients are — their addresses, names, changes since
// the last import, the list's shared addresses and the recipient policy — and not on the notice
// (templates, attachments, sender). They are most of the check report's cost at 100k members and
// are the same for every notice sent to the same rows, so the check service may reuse them.
//
// Why reuse is safe: these rules are given a MemberView, a copy of the input holding nothing but
// what they read (fields, templates and files are left out), so their result is a pure function of
// the view. A cache keyed by the view's full content (memberViewTexts) can never serve findings
// for other rows. The rules come in two parts (addressFindings, rowMarkFindings), each given only
// what it reads, so each part is keyed by less. Adding a rule here: it must read only its part's
// view (add what it reads to that view and its text); anything else belongs in runChecks.
import { addressRule } from './address-rules';
import { carrierRule } from './carriers';
import { changesRule } from './changes';
import { groupByDomain } from './domain-groups';
import { duplicateRule } from './duplicates';
import { lookalikeRule } from './lookalikes';
import { nameRule } from './names';
import { recipientPolicyRule } from './policy';
import { prepare } from './prepare';
import type { CheckInput, CheckItem, CheckRecipient } from './types';
import { typoDomainRule } from './typo-domains';

const NO_FIELDS: Readonly<Record<string, string>> = Object.freeze({});

/** What a MemberView is made from: a CheckInput has it all, a MemberView too. */
export interface MemberSource {
  readonly recipients: readonly CheckRecipient[];
  readonly sharedAddresses?: readonly string[];
  readonly policy: { readonly organisationDomains?: readonly string[]; readonly recipientsAreOrganisations?: boolean };
}

/** The part of a CheckInput the member rules see: recipients without their fields, shared addresses, policy. */
export interface MemberView extends MemberSource {
  readonly sharedAddresses: readonly string[];
  readonly policy: { readonly organisationDomains: readonly string[]; readonly recipientsAreOrganisations: boolean };
}

export interface MemberFindings {
  readonly address: readonly CheckItem[];
  readonly typoDomain: readonly CheckItem[];
  readonly lookalike: readonly CheckItem[];
  readonly name: readonly CheckItem[];
  readonly duplicate: readonly CheckItem[];
  readonly changes: readonly CheckItem[];
  readonly recipientPolicy: readonly CheckItem[];
  readonly carrier: readonly CheckItem[];
  /** Recipients per domain (the empty domain left out), largest first. */
  readonly byDomain: readonly { readonly domain: string; readonly count: number }[];
}

// memberView, the two part views and memberViewTexts read the same properties: keep them side by side.
export function memberView(from: MemberSource): MemberView {
  return {
    // Only the properties the member rules read; `fields` is what a template renders, not theirs.
    recipients: from.recipients.map((r) => ({ id: r.id, email: r.email, name: r.name, fields: NO_FIELDS, change: r.change, line: r.line, editedBy: r.editedBy })),
    sharedAddresses: from.sharedAddresses ?? [],
    policy: { organisationDomains: from.policy.organisationDomains ?? [], recipientsAreOrganisations: from.policy.recipientsAreOrganisations ?? false },
  };
}

/**
 * The member findings come in two parts, each a pure function of less than the whole view, so a
 * cache can reuse one part when only what the other reads has changed: a member's edit in the app
 * records its editor (and often touches only a field no member rule reads), which leaves every
 * address the same and the costly part (look-alikes, duplicates, domains: most of a report after
 * a member's edit) reusable.
 * - the address part reads each row's id, address and name, the shared addresses and the policy;
 * - the row-mark part reads each row's id, name, line, change since the last import and editor.
 */
export type AddressFindings = Omit<MemberFindings, 'name' | 'changes'>;
export type RowMarkFindings = Pick<MemberFindings, 'name' | 'changes'>;

/** The view the address part is given: rows with nothing but id, address and name. */
export function addressView(from: MemberSource): MemberView {
  return {
    recipients: from.recipients.map((r) => ({ id: r.id, email: r.email, name: r.name, fields: NO_FIELDS })),
    sharedAddresses: from.sharedAddresses ?? [],
    policy: { organisationDomains: from.policy.organisationDomains ?? [], recipientsAreOrganisations: from.policy.recipientsAreOrganisations ?? false },
  };
}

/** The view the row-mark part is given: rows without their address, no shared addresses, no policy. */
export function rowMarkView(from: MemberSource): MemberView {
  return {
    recipients: from.recipients.map((r) => ({ id: r.id, email: '', name: r.name, fields: NO_FIELDS, change: r.change, line: r.line, editedBy: r.editedBy })),
    sharedAddresses: [],
    policy: { organisationDomains: [], recipientsAreOrganisations: false },
  };
}

/** A prefix-free spelling of one value: no two different sequences of values give the same text. */
function part(v: string | number | boolean | null | undefined): string {
  if (v === undefined) return 'u';
  if (v === null) return 'n';
  if (typeof v === 'string') return `${v.length}:${v}`;
  return `${typeof v === 'number' ? '#' : '?'}${String(v)};`;
}

/**
 * The views addressView(from) and rowMarkView(from) give, as text, in one pass over the rows:
 * equal text means an equal view, so it (or a hash of it) is a complete cache key for that part.
 * Read from the source directly, so a cache hit builds no view; emitted in pieces so a caller can
 * hash it without one big string.
 */
export function memberViewTexts(from: MemberSource, emitAddress: (text: string) => void, emitMarks: (text: string) => void): void {
  const shared = from.sharedAddresses ?? [];
  const orgs = from.policy.organisationDomains ?? [];
  emitAddress(`${part(shared.length)}${shared.map(part).join('')}${part(orgs.length)}${orgs.map(part).join('')}`);
  emitAddress(`${part(from.policy.recipientsAreOrganisations ?? false)}${part(from.recipients.length)}`);
  emitMarks(part(from.recipients.length));
  for (const r of from.recipients) {
    const idName = part(r.id) + part(r.name);
    emitAddress(idName + part(r.email));
    emitMarks(idName + part(r.change) + part(r.line) + part(r.editedBy));
  }
}

/** The rules given a view's rows as the rules' input (no template, no files). */
function prepared(view: MemberView) {
  const input: CheckInput = {
    template: { subject: '', body: '' },
    columns: [],
    recipients: view.recipients,
    attachments: [],
    profile: null,
    policy: { organisationDomains: view.policy.organisationDomains, recipientsAreOrganisations: view.policy.recipientsAreOrganisations },
    sharedAddresses: view.sharedAddresses,
  };
  return prepare(input);
}

/** The address part: reads only the rows' ids, addresses and names, the shared addresses and the policy. */
export function addressFindings(view: MemberView): AddressFindings {
  const p = prepared(view);
  const groups = groupByDomain(p);
  const byDomain = [...groups]
    .filter(([d]) => d !== '')
    .map(([domain, rows]) => ({ domain, count: rows.length }))
    .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1));
  return {
    address: addressRule(p),
    typoDomain: typoDomainRule(p, groups),
    lookalike: lookalikeRule(p),
    duplicate: duplicateRule(p),
    recipientPolicy: recipientPolicyRule(p, groups),
    carrier: carrierRule(p),
    byDomain,
  };
}

/** The row-mark part: reads only the rows' ids, names, lines, changes and editors. */
export function rowMarkFindings(view: MemberView): RowMarkFindings {
  const p = prepared(view);
  return { name: nameRule(p), changes: changesRule(p) };
}

/** The two parts joined, in the order a MemberFindings lists them. */
export function joinMemberFindings(a: AddressFindings, m: RowMarkFindings): MemberFindings {
  return {
    address: a.address,
    typoDomain: a.typoDomain,
    lookalike: a.lookalike,
    name: m.name,
    duplicate: a.duplicate,
    changes: m.changes,
    recipientPolicy: a.recipientPolicy,
    carrier: a.carrier,
    byDomain: a.byDomain,
  };
}

export function memberFindings(view: MemberView): MemberFindings {
  return joinMemberFindings(addressFindings(view), rowMarkFindings(view));
}
