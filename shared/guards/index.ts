// The pre-approval check report: runs every guard over plain data and orders the findings.
// Adding a rule: write it in its own file returning CheckItem[], call it in runChecks, add a
// unit test in test/unit/guards/, and give it ja/en text that says what to do.
import { attachmentRule } from './attachments';
import { encodingRule } from './encoding';
import { bySeverity } from './item';
import { leftOutRule } from './left-out';
import { memberFindings, memberView, type MemberFindings } from './member-findings';
import { approverRule, senderRule } from './policy';
import { prepare } from './prepare';
import { buildSample } from './sample';
import { sizeRule } from './size';
import { templateRule } from './template';
import type { CheckInput, CheckItem, CheckReport } from './types';

export type * from './types';
export { CHECK_CODES } from './codes';
export { DEFAULT_MAX_ATTACHMENT_BYTES, isMailFileName } from './attachments';
export { findAddresses } from './address-text';
export { suggestDomain } from './typo-domains';
export { findLookalikes } from './lookalike-index';
export { AddressIndex } from './address-index';
export { fieldsChecksRead } from './read-fields';
export {
  addressFindings,
  addressView,
  joinMemberFindings,
  memberViewTexts,
  rowMarkFindings,
  rowMarkView,
  type AddressFindings,
  type MemberFindings,
  type MemberSource,
  type RowMarkFindings,
} from './member-findings';

/** How many domains byDomain lists; counts.domains has the full number. */
const BY_DOMAIN_CAP = 50;

/**
 * Where runChecks gets the member findings of an input: computed here by default, or from a cache
 * keyed by memberViewTexts (check service). Either way they are memberFindings(memberView(input)).
 */
export type MemberFindingsSource = (input: CheckInput) => MemberFindings;
const computeMemberFindings: MemberFindingsSource = (input) => memberFindings(memberView(input));

/**
 * Where runChecks gets the template rule's findings (every recipient rendered): computed here by
 * default, or from a cache keyed by the rows and the template (check service). Either way they
 * are templateRule over the input's template, columns and recipients.
 */
export type TemplateFindingsSource = (input: CheckInput) => readonly CheckItem[];
export const computeTemplateFindings: TemplateFindingsSource = (input) => templateRule(prepare(input));

/** A copy of each item, so a report never shares objects with a cached MemberFindings. */
const fresh = (items: readonly CheckItem[]): CheckItem[] =>
  items.map((i) => ({ ...i, params: { ...i.params }, message: { ...i.message }, ...(i.members ? { members: [...i.members] } : {}), ...(i.files ? { files: [...i.files] } : {}) }));

export function runChecks(
  input: CheckInput,
  findingsFor: MemberFindingsSource = computeMemberFindings,
  templateFindingsFor: TemplateFindingsSource = computeTemplateFindings,
): CheckReport {
  const p = prepare(input);
  const m = findingsFor(input);
  const found: CheckItem[] = [
    ...sizeRule(p),
    ...fresh(m.address),
    ...fresh(templateFindingsFor(input)),
    ...attachmentRule(p),
    ...senderRule(p),
    ...approverRule(p),
    ...fresh(m.typoDomain),
    ...fresh(m.lookalike),
    ...fresh(m.name),
    ...fresh(m.duplicate),
    ...leftOutRule(p),
    ...fresh(m.changes),
    ...fresh(m.recipientPolicy),
    ...fresh(m.carrier),
    ...encodingRule(p),
  ];
  // Array.prototype.sort is stable: rule order is kept within each severity.
  const items = found.sort(bySeverity);
  const count = (s: CheckItem['severity']) => items.filter((i) => i.severity === s).length;
  return {
    items,
    sample: buildSample(input),
    counts: {
      members: input.recipients.length,
      domains: m.byDomain.length,
      attachments: input.attachments.length,
      blocking: count('blocking'),
      warning: count('warning'),
      info: count('info'),
    },
    byDomain: m.byDomain.slice(0, BY_DOMAIN_CAP).map((d) => ({ ...d })),
  };
}

/** Approval is impossible while this is true. */
export function hasBlocking(report: Pick<CheckReport, 'items'>): boolean {
  return report.items.some((i) => i.severity === 'blocking');
}
