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

/** The part of a CheckInput the member rules see: recipients without their fields, shared addresses, policy. */
export interface MemberView {
  readonly recipients: readonly CheckRecipient[];
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

export function memberView(input: CheckInput): MemberView {
  return {
    // Only the properties the member rules read; `fields` is what a template renders, not theirs.
    recipients: input.recipients.map((r) => ({ id: r.id, email: r.email, name: r.name, fields: NO_FIELDS, change: r.change, line: r.line, editedBy: r.editedBy })),
    sharedAddresses: input.sharedAddresses ?? [],
    policy: { organisationDomains: input.policy.organisationDomains ?? [], recipientsAreOrganisations: input.policy.recipientsAreOrganisations ?? false },
  };
}

/**
 * The whole view as text, one line per recipient: equal text means an equal view, so it (or a
 * hash of it) is a complete cache key. Emitted in pieces so a caller can hash without one big string.
 */
export function memberViewText(view: MemberView, emit: (text: string) => void): void {
  emit(JSON.stringify([view.sharedAddresses, view.policy.organisationDomains, view.policy.recipientsAreOrganisations, view.recipients.length]));
  for (const r of view.recipients) {
    emit(`\n${JSON.stringify([r.id, r.email, r.name, r.change === undefined ? '~' : r.change, r.line === undefined ? '~' : r.line, r.editedBy === undefined ? '~' : r.editedBy])}`);
  }
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
