// Times of a send in the reader's words and on this computer's clock: "tomorrow around 10:00",
// "about 30 minutes". Shared by the estimate (check, approval, send) and the send's progress.
import type { TFunction } from 'i18next';

export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** 'today', 'tomorrow' or 'on 12/9' (local calendar days). */
export function dayWords(t: TFunction, at: number, now: number = Date.now()): string {
  const day = (x: number) => {
    const d = new Date(x);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  const days = Math.round((day(at) - day(now)) / 86_400_000);
  if (days <= 0) return t('limits.today');
  if (days === 1) return t('limits.tomorrow');
  const d = new Date(at);
  return t('limits.onDate', { date: `${d.getMonth() + 1}/${d.getDate()}` });
}

/** "about 30 minutes" / "about 3 hours" / "less than a minute": rounded up to whole minutes, hours past two hours. */
export function durationWords(t: TFunction, ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return t('limits.lessThanMinute');
  if (minutes < 120) return t('limits.minutes', { count: minutes });
  return t('limits.hours', { count: Math.round(minutes / 60) });
}
