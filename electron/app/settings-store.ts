// Reads and writes the app settings (settings table, key → text) behind settings:get/update,
// using the checks' policy keys so the check report sees what the settings screen stores.
// Values were validated by the contract's schema (settings:update) before they reach here.
import type { SettingsDto } from '../../shared/contract';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../shared/guards';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../db/repos/settings-repo';
import { readPolicy, SETTING_KEYS } from '../services/checks';
import { APP_SETTING_KEYS, readApprovalValidHours, readDefaultCancelWindowS, readLateLimitHours, readQuietHours } from '../services/settings/app-settings';
import { DEFAULT_QUIET_HOURS, formatQuietHours, type QuietHours } from '../services/send/quiet-hours';
import type { AuditService } from '../services/audit/audit-service';

type SettingsPatch = Partial<{
  -readonly [K in keyof SettingsDto]: K extends 'maxAttachmentBytes' ? SettingsDto[K] | null : SettingsDto[K];
}>;

export interface SettingsStore {
  get(): SettingsDto;
  update(patch: SettingsPatch, actor: string | null): SettingsDto;
  /** When an account's From that was the organisation's address changes, the address follows it. */
  followSenderAddress(before: string, after: string, actor: string | null): void;
}

/** `quietDefault`: the quiet hours in force while the organisation has set none (shown as such). */
export function createSettingsStore(db: Db, audit: AuditService, quietDefault: QuietHours | null = DEFAULT_QUIET_HOURS): SettingsStore {
  const read = (key: string) => readSetting(db, key);
  const write = (key: string, value: string | null) => writeSetting(db, key, value);

  function get(): SettingsDto {
    // The same parsing the check report uses, so the screen shows what the checks apply.
    const policy = readPolicy(db);
    const language = read(APP_SETTING_KEYS.language);
    return {
      organisationName: read(APP_SETTING_KEYS.organisationName),
      organisationAddress: policy.organisationAddress ?? null,
      organisationDomains: policy.organisationDomains ?? [],
      recipientsAreOrganisations: policy.recipientsAreOrganisations ?? false,
      maxAttachmentBytes: policy.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
      defaultCancelWindowS: readDefaultCancelWindowS(db),
      language: language === 'ja' || language === 'en' ? language : null,
      approvalValidHours: readApprovalValidHours(db),
      quietHours: ((q) => (q ? formatQuietHours(q) : null))(readQuietHours(db, quietDefault)),
      lateLimitHours: readLateLimitHours(db),
    };
  }

  return {
    get,
    followSenderAddress(before, after, actor) {
      const current = get().organisationAddress;
      if (!current || before === after || current.toLowerCase() !== before.trim().toLowerCase()) return;
      write(SETTING_KEYS.organisationAddress, after.trim());
      audit.record('settings.updated', { actor, details: { changed: ['organisationAddress'], followed: 'profile.fromAddress' } });
    },
    update(patch, actor) {
      const before = get();
      db.transaction(() => {
        if (patch.organisationName !== undefined) write(APP_SETTING_KEYS.organisationName, patch.organisationName?.trim() || null);
        if (patch.organisationAddress !== undefined) write(SETTING_KEYS.organisationAddress, patch.organisationAddress?.trim() || null);
        if (patch.organisationDomains !== undefined) {
          const clean = [...new Set(patch.organisationDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))];
          write(SETTING_KEYS.organisationDomains, clean.length ? JSON.stringify(clean) : null);
        }
        if (patch.recipientsAreOrganisations !== undefined) write(SETTING_KEYS.recipientsAreOrganisations, patch.recipientsAreOrganisations ? '1' : '0');
        if (patch.maxAttachmentBytes !== undefined) write(SETTING_KEYS.maxAttachmentBytes, patch.maxAttachmentBytes === null ? null : String(patch.maxAttachmentBytes));
        if (patch.defaultCancelWindowS !== undefined) write(APP_SETTING_KEYS.defaultCancelWindowS, String(patch.defaultCancelWindowS));
        if (patch.language !== undefined) write(APP_SETTING_KEYS.language, patch.language);
        if (patch.approvalValidHours !== undefined) write(APP_SETTING_KEYS.approvalValidHours, String(patch.approvalValidHours));
        // '' (not a missing key) records "no quiet hours", so the default does not come back.
        if (patch.quietHours !== undefined) write(APP_SETTING_KEYS.quietHours, patch.quietHours ?? '');
        if (patch.lateLimitHours !== undefined) write(APP_SETTING_KEYS.lateLimitHours, String(patch.lateLimitHours));
        const after = get();
        // Only what actually changed goes on the record (the screen saves every field at once).
        const changed = (Object.keys(patch) as (keyof SettingsDto)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
        if (changed.length > 0) audit.record('settings.updated', { actor, details: { changed } });
      })();
      return get();
    },
  };
}
