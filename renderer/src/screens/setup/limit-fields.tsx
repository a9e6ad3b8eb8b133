// The mail account's per-day limit and per-carrier pacing, next to its per-minute limit. Empty
// per-day: no daily limit; empty per-carrier: no pacing (the account's default is 20 a minute).
import { useTranslation } from 'react-i18next';
import type { ProfileInput } from './profile-form';

const num = (v: string): number | null => (v ? Number(v) : null);

export function LimitFields({ value, set }: { value: ProfileInput; set: (patch: Partial<ProfileInput>) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t('limits.perDayField')}</span>
        <input name="smtp-per-day" type="number" min={1} value={value.perDay ?? ''} onChange={(e) => set({ perDay: num(e.target.value) })} />
      </label>
      <label className="field">
        <span>{t('limits.carrierField')}</span>
        <input
          name="smtp-carrier-per-minute"
          type="number"
          min={1}
          value={value.carrierPerMinute ?? ''}
          onChange={(e) => set({ carrierPerMinute: num(e.target.value) })}
        />
      </label>
    </>
  );
}
