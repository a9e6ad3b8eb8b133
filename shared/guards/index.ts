// The pre-approval check report: runs every guard over plain data and orders the findings.
// Adding a rule: write it in its own file returning CheckItem[], call it in runChecks, add a
// unit test in test/unit/guards/, and give it ja/en text that says what to do.
import { addressRule } from './address-rules';
import { attachmentRule } from './attachments';
import { carrierRule } from './carriers';
import { changesRule } from './changes';
import { encodingRule } from './encoding';
import { groupByDomain } from './domain-groups';
import { duplicateRule } from './duplicates';
import { bySeverity } from './item';
import { leftOutRule } from './left-out';
import { lookalikeRule } from './lookalikes';
import { nameRule } from './names';
import { approverRule, recipientPolicyRule, senderRule } from './policy';
import { buildSample } from './sample';
import { sizeRule } from './size';
import { templateRule } from './template';
import type { CheckInput, CheckItem, CheckReport, Prepared } from './types';
import { typoDomainRule } from './typo-domains';

export type * from './types';
export { CHECK_CODES } from './codes';
export { DEFAULT_MAX_ATTACHMENT_BYTES, isMailFileName } from './attachments';
export { findAddresses } from './address-text';
export { suggestDomain } from './typo-domains';
export { findLookalikes } from './lookalike-index';

/** How many domains byDomain lists; counts.domains has the full number. */
const BY_DOMAIN_CAP = 50;

function prepare(input: CheckInput): Prepared {
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

export function runChecks(input: CheckInput): CheckReport {
  const p = prepare(input);
  const groups = groupByDomain(p);
  const found: CheckItem[] = [
    ...sizeRule(p),
    ...addressRule(p),
    ...templateRule(p),
    ...attachmentRule(p),
    ...senderRule(p),
    ...approverRule(p),
    ...typoDomainRule(p, groups),
    ...lookalikeRule(p),
    ...nameRule(p),
    ...duplicateRule(p),
    ...leftOutRule(p),
    ...changesRule(p),
    ...recipientPolicyRule(p, groups),
    ...carrierRule(p),
    ...encodingRule(p),
  ];
  // Array.prototype.sort is stable: rule order is kept within each severity.
  const items = found.sort(bySeverity);
  const byDomain = [...groups]
    .filter(([d]) => d !== '')
    .map(([domain, rows]) => ({ domain, count: rows.length }))
    .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1));
  const count = (s: CheckItem['severity']) => items.filter((i) => i.severity === s).length;
  return {
    items,
    sample: buildSample(input),
    counts: {
      members: input.recipients.length,
      domains: byDomain.length,
      attachments: input.attachments.length,
      blocking: count('blocking'),
      warning: count('warning'),
      info: count('info'),
    },
    byDomain: byDomain.slice(0, BY_DOMAIN_CAP),
  };
}

/** Approval is impossible while this is true. */
export function hasBlocking(report: Pick<CheckReport, 'items'>): boolean {
  return report.items.some((i) => i.severity === 'blocking');
}
