// The PPC checklist and deadlines, and the zone-stated local times the reports print.
import { describe, expect, it } from 'vitest';
import { addDays, buildIncidentDraft, isDay, PPC_ITEMS, reportDeadlines, type IncidentFacts } from '../../../shared/reports/incident-report';
import { formatLocal, isTimeZone, zoneLabel } from '../../../shared/reports/local-time';
import { toExcelCsv } from '../../../shared/reports/csv';

const counts = { queued: 0, in_flight: 0, sent: 0, retrying: 0, failed: 0, cancelled: 0, unknown: 0, bounced: 0 };
function facts(sent: number, unknown = 0): IncidentFacts {
  const notice = {
    id: 1, name: '総会のお知らせ', listName: '会員', subjectTemplate: '', status: 'completed', followUpOf: null, createdAt: 0, createdBy: 'a',
    requestedBy: 'a', requestedAt: 1, approvedBy: 'b', approvedAt: 2, approvalVoided: false, counts: { ...counts, sent, unknown },
    total: sent + unknown, reached: sent + unknown, bounced: null, attachments: [], sendStartedAt: Date.UTC(2026, 11, 1, 1, 0), sendEndedAt: null, timeline: [],
  };
  return { notice, dataItems: ['メールアドレス', '氏名'], attachments: [] };
}
const none = { discoveredOn: null, sensitive: false, financial: false, improperPurpose: false, texts: {} };

describe('incident draft', () => {
  it('a report is mandatory above 1,000 people, or for sensitive, financial or improper-purpose cases', () => {
    expect(buildIncidentDraft(facts(1000), none, 'ja', 'Asia/Tokyo').reportRequired).toBe(false);
    expect(buildIncidentDraft(facts(1000, 1), none, 'ja', 'Asia/Tokyo').mandatory.overThousand).toBe(true);
    for (const k of ['sensitive', 'financial', 'improperPurpose'] as const) {
      const d = buildIncidentDraft(facts(3), { ...none, [k]: true }, 'ja', 'Asia/Tokyo');
      expect(d.reportRequired, k).toBe(true);
      expect(d.mandatory[k]).toBe(true);
    }
  });

  it('deadlines run from the day of discovery: prompt in about 3–5 days, full in 30 (60 for an improper purpose)', () => {
    expect(reportDeadlines('2026-12-28', false)).toEqual({ promptFrom: '2026-12-31', promptTo: '2027-01-02', final: '2027-01-27' });
    expect(reportDeadlines('2026-02-27', true)!.final).toBe('2026-04-28');
    expect(buildIncidentDraft(facts(3), none, 'ja', 'Asia/Tokyo').deadlines).toBeNull();
    expect(isDay('2026-02-30')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('drafts from the records where they know, keeps what people typed, leaves the rest to them', () => {
    const d = buildIncidentDraft(facts(12, 1), { ...none, texts: { cause: '  列の取り違え ', summary: '' } }, 'ja', 'Asia/Tokyo');
    expect(d.items.map((i) => i.item)).toEqual([...PPC_ITEMS]);
    const by = Object.fromEntries(d.items.map((i) => [i.item, i]));
    expect(by['summary']!.text).toContain('2026-12-01 10:00 (JST)');
    expect(by['summary']!.fromRecords).toBe(true);
    expect(by['people']!.text).toBe('13 人（送信記録による。うち届いたか不明 1 人）');
    expect(by['dataItems']!.text).toBe('メールアドレス、氏名');
    expect(by['cause']).toMatchObject({ text: '列の取り違え', fromRecords: false });
    expect(by['prevention']).toMatchObject({ text: '', fromRecords: false });
    expect(buildIncidentDraft(facts(2), none, 'en', 'UTC').items[0]!.title).toBe('Summary');
  });
});

describe('local time with the zone stated', () => {
  it('formats on the zone\'s clock and names the zone and its offset', () => {
    const t = Date.UTC(2026, 0, 15, 23, 30, 5);
    expect(formatLocal(t, 'Asia/Tokyo')).toBe('2026-01-16 08:30:05');
    expect(zoneLabel('Asia/Tokyo', t)).toBe('JST, UTC+09:00');
    expect(zoneLabel('UTC', t)).toBe('UTC, UTC+00:00');
    expect(zoneLabel('America/New_York', t)).toBe('America/New_York, UTC-05:00');
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('CSV cells are quoted and formula-safe, with BOM and CRLF', () => {
    expect(toExcelCsv([['=1+1', 'a"b', '－全角']])).toBe('\uFEFF"\'=1+1","a""b","－全角"\r\n');
  });
});
