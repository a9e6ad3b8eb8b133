// Times as the reader's clock shows them, with the zone stated once (a CSV opened in another
// office, or a report read weeks later, must not leave anyone guessing whether 09:00 was UTC).
// Intl only: the same in main, renderer and tests.

export type ReportLang = 'ja' | 'en';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'time' | 'offset' | 'abbr'): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'time'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        : new Intl.DateTimeFormat(kind === 'abbr' ? 'ja-JP' : 'en-US', { timeZone, timeZoneName: kind === 'abbr' ? 'short' : 'longOffset' });
    formatters.set(key, f);
  }
  return f;
}

/** True for a zone name this runtime knows (an argument from the page is checked with it). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone, 'time');
    return true;
  } catch {
    return false;
  }
}

/** "2026-12-02 10:55:03" on the zone's clock. */
export function formatLocal(ms: number, timeZone: string, withSeconds = true): string {
  const parts = Object.fromEntries(formatter(timeZone, 'time').formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const day = `${parts['year']}-${parts['month']}-${parts['day']}`;
  return withSeconds ? `${day} ${parts['hour']}:${parts['minute']}:${parts['second']}` : `${day} ${parts['hour']}:${parts['minute']}`;
}

/** "JST, UTC+09:00" (a zone with a common abbreviation) or "Europe/Berlin, UTC+01:00", at `at`. */
export function zoneLabel(timeZone: string, at: number): string {
  const name = (p: Intl.DateTimeFormatPart[]) => p.find((x) => x.type === 'timeZoneName')?.value ?? '';
  const offsetName = name(formatter(timeZone, 'offset').formatToParts(new Date(at)));
  const offset = offsetName === 'GMT' ? 'UTC+00:00' : offsetName.replace(/^GMT/, 'UTC');
  const abbr = name(formatter(timeZone, 'abbr').formatToParts(new Date(at)));
  return /^[A-Z]{2,5}$/.test(abbr) && abbr !== 'GMT' ? `${abbr}, ${offset}` : `${timeZone}, ${offset}`;
}
