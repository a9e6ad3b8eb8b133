// Times on the reader's own clock, with the zone stated once (in a heading or column title), and
// the reader's language and zone for the exports built on the main side.
import { useTranslation } from 'react-i18next';
import { formatLocal, zoneLabel, type ReportLang } from '../../../shared/reports/local-time';

export interface LocalTime {
  readonly lang: ReportLang;
  readonly timeZone: string;
  /** "JST, UTC+09:00" */
  readonly zone: string;
  /** "2026-12-02 10:55" on the reader's clock. */
  format(ms: number | null | undefined): string;
}

export function useLocalTime(): LocalTime {
  const { i18n } = useTranslation();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return {
    lang: i18n.language === 'ja' ? 'ja' : 'en',
    timeZone,
    zone: zoneLabel(timeZone, Date.now()),
    format: (ms) => (ms === null || ms === undefined ? '' : formatLocal(ms, timeZone, false)),
  };
}
