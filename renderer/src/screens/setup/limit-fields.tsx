// The mail account's per-day limit and per-carrier pacing, next to its per-minute limit. Empty
// per-day: no daily limit; empty per-carrier: no pacing (the account's default is 20 a minute).
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../../shared/contract';

/** The two fields of the account form this edits (declared here: the form imports this file). */
type LimitInput = Pick<ArgsOf<'profiles:create'>['profile'], 'perDay' | 'carrierPerMinute'>;

const num = (v: string): number | null => (v ? Number(v) : null);

export function LimitFields({ value, set }: { value: LimitInput; set: (patch: Partial<LimitInput>) => void }) {
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
