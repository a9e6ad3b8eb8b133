// "Which mail service?": a provider preset fills a mail account's server, way of logging in and
// limits, with the provider's help and any steps to follow. Used by first-run set-up and by
// Settings' account editor, so both offer Microsoft 365 and Google from the start.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../../shared/contract';
import { MAIL_PRESETS } from '../../../../shared/mail-presets';

type AccountInput = ArgsOf<'profiles:create'>['profile'];

/**
 * The account with preset `id` applied. Its name is the preset's, unless the user typed their
 * own (a name the previous preset filled in is replaced).
 */
export function applyPresetId<T extends AccountInput>(v: T, id: string, previousId: string, t: TFunction): T {
  const preset = MAIL_PRESETS.find((p) => p.id === id);
  if (!preset) return v;
  const previousName = MAIL_PRESETS.some((p) => p.id === previousId) ? t(`accounts.preset_${previousId}`) : null;
  const name = t(`accounts.preset_${preset.id}`);
  return {
    ...v,
    name: !v.name || v.name === previousName ? name : v.name,
    host: preset.host ?? '',
    port: preset.port,
    security: preset.security,
    authMethod: preset.authMethod,
    oauthProvider: preset.oauthProvider,
    perMinute: preset.perMinute,
    perHour: preset.perHour,
    perDay: preset.perDay,
    maxConnections: preset.maxConnections,
  };
}

export function PresetPicker({ name, presetId, onChoose }: { name: string; presetId: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const preset = MAIL_PRESETS.find((p) => p.id === presetId) ?? null;
  return (
    <>
      <label className="field">
        <span>{t('accounts.provider')}</span>
        <select name={name} value={presetId} onChange={(e) => onChoose(e.target.value)}>
          <option value="">{t('accounts.choosePreset')}</option>
          {MAIL_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`accounts.preset_${p.id}`)}
            </option>
          ))}
        </select>
      </label>
      {preset && (
        <div className="preset-notes" data-testid="preset-notes" data-preset={preset.id}>
          <p className="hint">
            {t('accounts.limits')}: {t(`accounts.preset_${preset.id}_limits`)}
          </p>
          {preset.hasSteps && <p className="hint">{t(`accounts.preset_${preset.id}_steps`)}</p>}
          {preset.helpUrl && (
            <p>
              <a href={preset.helpUrl} target="_blank" rel="noopener noreferrer" data-testid="preset-help">
                {t('accounts.helpLink')}
              </a>
            </p>
          )}
        </div>
      )}
    </>
  );
}
