// Reads and writes the app settings (settings table, key → text) behind settings:get/update,
// using the checks' policy keys so the check report sees what the settings screen stores.
import type { SettingsDto } from '../../shared/contract';
import type { Db } from '../db/connection';
import { SETTING_KEYS } from '../services/checks';
import type { AuditService } from '../services/audit/audit-service';

const ORG_NAME = 'app.organisation_name';
const LANGUAGE = 'app.language';

export type SettingsPatch = Partial<{ -readonly [K in keyof SettingsDto]: SettingsDto[K] }>;

export interface SettingsStore {
  get(): SettingsDto;
  update(patch: SettingsPatch, actor: string | null): SettingsDto;
}

export function createSettingsStore(db: Db, audit: AuditService): SettingsStore {
  const read = (key: string): string | null =>
    (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  const write = (key: string, value: string | null) => (value === null ? remove.run(key) : upsert.run(key, value));

  function get(): SettingsDto {
    const domains = read(SETTING_KEYS.organisationDomains);
    const orgs = read(SETTING_KEYS.recipientsAreOrganisations);
    const language = read(LANGUAGE);
    return {
      organisationName: read(ORG_NAME),
      organisationAddress: read(SETTING_KEYS.organisationAddress),
      organisationDomains: domains ? (JSON.parse(domains) as string[]) : [],
      recipientsAreOrganisations: orgs === '1' || orgs?.toLowerCase() === 'true',
      language: language === 'ja' || language === 'en' ? language : null,
    };
  }

  return {
    get,
    update(patch, actor) {
      db.transaction(() => {
        if (patch.organisationName !== undefined) write(ORG_NAME, patch.organisationName?.trim() || null);
        if (patch.organisationAddress !== undefined) write(SETTING_KEYS.organisationAddress, patch.organisationAddress?.trim() || null);
        if (patch.organisationDomains !== undefined) {
          const clean = patch.organisationDomains.map((d) => d.trim().toLowerCase()).filter(Boolean);
          write(SETTING_KEYS.organisationDomains, clean.length ? JSON.stringify(clean) : null);
        }
        if (patch.recipientsAreOrganisations !== undefined) write(SETTING_KEYS.recipientsAreOrganisations, patch.recipientsAreOrganisations ? '1' : '0');
        if (patch.language !== undefined) write(LANGUAGE, patch.language);
        audit.record('settings.updated', { actor, details: { changed: Object.keys(patch) } });
      })();
      return get();
    },
  };
}
