// Start the send: as soon as the cancel window has run, or at a chosen date and time (送信予約;
// the window runs before it, and the send can be cancelled until then). Quiet hours are named so
// nobody is surprised that an evening send waits for the morning.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../hooks/use-query';

/** 'YYYY-MM-DDTHH:MM' for a datetime-local field, in local time. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

interface Props {
  cancelWindowS: number;
  again: boolean;
  busy: boolean;
  onSchedule: (at?: number) => void;
}

export function ScheduleForm({ cancelWindowS, again, busy, onSchedule }: Props) {
  const { t } = useTranslation();
  const settings = useQuery('settings:get', {});
  const [mode, setMode] = useState<'now' | 'at'>('now');
  const [when, setWhen] = useState(() => localInput(Date.now() + 24 * 3_600_000));
  const at = new Date(when).getTime();
  const tooSoon = mode === 'at' && (!Number.isFinite(at) || at < Date.now() + cancelWindowS * 1000);
  const quiet = settings.data?.quietHours;
  return (
    <section className="card" data-testid="schedule-form">
      <div className="row" role="radiogroup">
        <label className="check-field">
          <input type="radio" name="send-when" value="now" checked={mode === 'now'} onChange={() => setMode('now')} />
          <span>{t('send.whenNow', { seconds: cancelWindowS })}</span>
        </label>
        <label className="check-field">
          <input type="radio" name="send-when" value="at" checked={mode === 'at'} onChange={() => setMode('at')} />
          <span>{t('send.whenAt')}</span>
        </label>
        {mode === 'at' && (
          <input type="datetime-local" name="send-at" value={when} min={localInput(Date.now())} max={localInput(Date.now() + 60 * 24 * 3_600_000)} onChange={(e) => setWhen(e.target.value)} aria-invalid={tooSoon} />
        )}
      </div>
      {tooSoon && <p className="field-error" role="alert">{t('send.atTooSoon', { seconds: cancelWindowS })}</p>}
      {quiet && <p className="hint" data-testid="quiet-hours">{t('send.quietHours', { hours: quiet.replace('-', '〜') })}</p>}
      <button type="button" className="btn primary big" data-action="schedule" disabled={busy || tooSoon} onClick={() => onSchedule(mode === 'at' ? at : undefined)}>
        {again ? t('send.startAgain') : mode === 'at' ? t('send.scheduleAt') : t('send.schedule')}
      </button>
    </section>
  );
}
