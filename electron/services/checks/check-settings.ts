// The settings keys the checks read (table settings, key -> text value). Whoever writes the
// settings screen stores these; absent keys mean "not configured".
//   policy.organisation_address        the one From address the organisation sends from
//   policy.organisation_domains        its own domains: a JSON array or a comma/space separated list
//   policy.recipients_are_organisations '1'/'true': members are organisations (warn on free mail)
//   policy.max_attachment_bytes        per-attachment size limit in bytes (default 10 MiB)
import type { CheckPolicy } from '../../../shared/guards';
import type { Db } from '../../db/connection';
import { readSetting } from '../../db/repos/settings-repo';

export const SETTING_KEYS = {
  organisationAddress: 'policy.organisation_address',
  organisationDomains: 'policy.organisation_domains',
  recipientsAreOrganisations: 'policy.recipients_are_organisations',
  maxAttachmentBytes: 'policy.max_attachment_bytes',
} as const;

function parseDomains(value: string): string[] {
  const v = value.trim();
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    } catch {
      // Not JSON after all: fall through to the plain list.
    }
  }
  return v.split(/[\s,、]+/).filter(Boolean);
}

export function readPolicy(db: Db): CheckPolicy {
  const get = (k: string) => readSetting(db, k) ?? undefined;
  const policy: { -readonly [K in keyof CheckPolicy]: CheckPolicy[K] } = {};
  const address = get(SETTING_KEYS.organisationAddress)?.trim();
  if (address) policy.organisationAddress = address;
  const domains = get(SETTING_KEYS.organisationDomains);
  if (domains) policy.organisationDomains = parseDomains(domains);
  const orgs = get(SETTING_KEYS.recipientsAreOrganisations);
  if (orgs !== undefined) policy.recipientsAreOrganisations = orgs === '1' || orgs.toLowerCase() === 'true';
  const max = Number(get(SETTING_KEYS.maxAttachmentBytes));
  if (Number.isFinite(max) && max > 0) policy.maxAttachmentBytes = max;
  return policy;
}
