// The findings that depend only on who the recipients are — their addresses, names, changes since
// the last import, the list's shared addresses and the recipient policy — and not on the notice
// (templates, attachments, sender). They are most of the check report's cost at 100k members and
// are the same for every notice sent to the same rows, so the check service may reuse them.
//
// Why reuse is safe: these rules are given a MemberView, a copy of the input holding nothing but
// what they read (fields, templates and files are left out), so their result is a pure function of
// the view. A cache keyed by the view's full content (memberViewText) can never serve findings
// for other rows. Adding a rule here: it must read only the view; anything else belongs in runChecks.
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

// memberView and memberViewText read the same properties: keep the two side by side.
export function memberView(from: MemberSource): MemberView {
  return {
    // Only the properties the member rules read; `fields` is what a template renders, not theirs.
    recipients: from.recipients.map((r) => ({ id: r.id, email: r.email, name: r.name, fields: NO_FIELDS, change: r.change, line: r.line, editedBy: r.editedBy })),
    sharedAddresses: from.sharedAddresses ?? [],
    policy: { organisationDomains: from.policy.organisationDomains ?? [], recipientsAreOrganisations: from.policy.recipientsAreOrganisations ?? false },
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
 * The view that memberView(from) gives, as text: equal text means an equal view, so it (or a hash
 * of it) is a complete cache key. Read from the source directly, so a cache hit builds no view;
 * emitted in pieces so a caller can hash it without one big string.
 */
export function memberViewText(from: MemberSource, emit: (text: string) => void): void {
  const shared = from.sharedAddresses ?? [];
  const orgs = from.policy.organisationDomains ?? [];
  emit(`${part(shared.length)}${shared.map(part).join('')}${part(orgs.length)}${orgs.map(part).join('')}`);
  emit(`${part(from.policy.recipientsAreOrganisations ?? false)}${part(from.recipients.length)}`);
  for (const r of from.recipients) emit(part(r.id) + part(r.email) + part(r.name) + part(r.change) + part(r.line) + part(r.editedBy));
}

export function memberFindings(view: MemberView): MemberFindings {
  const input: CheckInput = {
    template: { subject: '', body: '' },
    columns: [],
    recipients: view.recipients,
    attachments: [],
    profile: null,
    policy: { organisationDomains: view.policy.organisationDomains, recipientsAreOrganisations: view.policy.recipientsAreOrganisations },
    sharedAddresses: view.sharedAddresses,
  };
  const p = prepare(input);
  const groups = groupByDomain(p);
  const byDomain = [...groups]
    .filter(([d]) => d !== '')
    .map(([domain, rows]) => ({ domain, count: rows.length }))
    .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1));
  return {
    address: addressRule(p),
    typoDomain: typoDomainRule(p, groups),
    lookalike: lookalikeRule(p),
    name: nameRule(p),
    duplicate: duplicateRule(p),
    changes: changesRule(p),
    recipientPolicy: recipientPolicyRule(p, groups),
    carrier: carrierRule(p),
    byDomain,
  };
}
