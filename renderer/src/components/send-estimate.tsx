// The estimate before approval and before sending: how long the send takes under the mail
// account's limits and the quiet hours ("at 30/minute your 900 members take about 30 minutes",
// "with 1,000/day the send ends tomorrow around 10:00"). Computed by the host from the same
// sliding windows the send obeys (shared/sending/estimate.ts).
import { useTranslation } from 'react-i18next';
import type { SendEstimateDto } from '../../../shared/contract';
import { useQuery } from '../hooks/use-query';
import { useReloadOnChange } from '../hooks/use-reload-on-change';
import { clockTime, dayWords, durationWords } from './when-words';

/** `version`: anything that changes when the estimate may have (the notice's status, a re-run check). */
export function SendEstimate({ campaignId, version }: { campaignId: number; version?: string | number }) {
  const q = useQuery('send:estimate', { campaignId });
  useReloadOnChange(q.reload, version);
  const e = q.data;
  if (!e || e.count === 0) return null;
  return <EstimateText e={e} />;
}

function EstimateText({ e }: { e: SendEstimateDto }) {
  const { t } = useTranslation();
  const time = clockTime(e.endAt);
  const when = dayWords(t, e.endAt);
  const duration = durationWords(t, e.endAt - e.startAt);
  const count = e.count.toLocaleString();
  const sameDay = new Date(e.endAt).toDateString() === new Date(e.startAt).toDateString();
  const lines: string[] = [];
  if (e.limitedBy === 'day') lines.push(t('limits.perDay', { limit: (e.limits.perDay ?? 0).toLocaleString(), when, time }));
  else if (e.limitedBy === 'quiet') lines.push(t('limits.quiet', { quiet: e.quietHours ?? '', when, time }));
  else {
    if (e.limitedBy === 'minute') lines.push(t('limits.perMinute', { limit: e.limits.perMinute, count, duration }));
    else if (e.limitedBy === 'hour') lines.push(t('limits.perHour', { limit: e.limits.perHour, count, duration }));
    else lines.push(t('limits.unlimited', { count, duration }));
    lines.push(sameDay ? t('limits.endsSameDay', { time }) : t('limits.expectedEnd', { when, time }));
  }
  if (e.quietHours && e.limitedBy !== 'quiet') lines.push(t('limits.quietCounted', { quiet: e.quietHours }));
  if (e.carrierPerMinute) lines.push(t('limits.carrierPacing', { limit: e.carrierPerMinute }));
  return (
    <section className="card" data-testid="send-estimate" data-limited-by={e.limitedBy ?? 'none'} data-end-at={e.endAt}>
      <h3>{t('limits.estimateTitle')}</h3>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </section>
  );
}
