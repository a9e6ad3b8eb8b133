// The incident report is assembled from Tayori's own records of a real send: who received what
// (the fields their message contained, the attachments by SHA-256), the timeline from request
// to the end of sending, the PPC draft and checklist, and a CSV for Excel with all of it.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createReportService } from '../../../electron/services/reports/report-service';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const PDF = new TextEncoder().encode('%PDF-1.4\n% 会費の案内\n');
const noAnswers = { discoveredOn: null, sensitive: false, financial: false, improperPurpose: false, texts: {} };

async function sentNotice() {
  // Member 3 is refused for good; everyone else receives the notice and its attachment.
  h = await sendHarness({
    members: 5,
    maxConnections: 1,
    attachments: [{ fileName: '会費のご案内.pdf', content: PDF }],
    capture: { fault: (tx) => (tx === 3 ? { at: 'rcpt', code: 550, message: '5.1.1 User unknown' } : undefined) },
  });
  h.start();
  await h.svc.settled(h.fx.campaignId);
  return createReportService({ db: h.db, clock: h.clock, audit: h.fx.audit });
}

describe('incident report from the records', () => {
  it('lists who received what, the attachments by hash and the timeline', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    const data = reports.incident(fx.campaignId, 'ja', 500);
    expect(data.recipientTotal).toBe(4);
    expect(data.recipients.map((r) => r.email)).toEqual(fx.members.filter((_, i) => i !== 2).map((m) => m.email));
    // The template uses 氏名, 地区 and 会費: exactly these of the member's row were in the message.
    expect(data.recipients[0]!.items).toEqual(['メールアドレス', '名前（宛名）', '氏名', '地区', '会費']);
    expect(data.facts.dataItems).toEqual(['メールアドレス', '名前（宛名）', '氏名', '地区', '会費']);
    expect(data.facts.attachments).toEqual([
      { fileName: '会費のご案内.pdf', sha256: createHash('sha256').update(PDF).digest('hex'), bytes: PDF.length },
    ]);
    const n = data.facts.notice;
    expect(n).toMatchObject({ requestedBy: '佐藤 operator', approvedBy: '鈴木 approver', reached: 4, total: 5, bounced: null, counts: { sent: 4, failed: 1 } });
    const actions = n.timeline.map((e) => e.action);
    for (const a of ['campaign.created', 'approval.requested', 'approval.given', 'send.scheduled', 'send.started', 'send.completed']) expect(actions).toContain(a);
    expect(actions).not.toContain('send.member');
    expect(n.requestedAt).toBeLessThanOrEqual(n.approvedAt!);
    expect(n.sendStartedAt).toBeGreaterThanOrEqual(n.approvedAt!);
    expect(n.sendEndedAt).toBeGreaterThanOrEqual(n.sendStartedAt!);
  });

  it('exports the draft, checklist, deadlines and recipients as one CSV, and records the export', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    const answers = { ...noAnswers, discoveredOn: '2026-12-01', financial: true, texts: { cause: '別の名簿の列を差し込んだ' } };
    const { csv, fileName } = reports.exportIncident(fx.campaignId, answers, '鈴木 approver', { lang: 'ja', timeZone: 'Asia/Tokyo' });
    expect(fileName).toMatch(/^tayori-incident-campaign-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    const find = (first: string) => rows.find((r) => r[0] === first);
    expect(find('原因')![1]).toBe('別の名簿の列を差し込んだ');
    expect(find('漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数')![1]).toContain('4 人');
    expect(find('概要')![1]).toContain('会費のご案内.pdf');
    expect(find('不正に利用されると財産的被害が生じるおそれがある（口座番号、カード番号など）')![1]).toBe('該当');
    expect(find('個人情報保護委員会への報告')![1]).toBe('必要');
    expect(find('速報（おおむね 3〜5 日以内）')![1]).toBe('2026-12-04 – 2026-12-06');
    expect(find('確報')![1]).toBe('2026-12-31');
    expect(find('会費のご案内.pdf')![1]).toBe(createHash('sha256').update(PDF).digest('hex'));
    const people = rows.filter((r) => /@example\.jp$/.test(r[2] ?? ''));
    expect(people).toHaveLength(4);
    expect(people[0]!.slice(3, 5)).toEqual(['送信済み', 'メールアドレス、名前（宛名）、氏名、地区、会費']);
    expect(rows.some((r) => r[2] === '承認')).toBe(true);
    expect(fx.audit.list({ action: 'report.incident-exported' })).toEqual([expect.objectContaining({ actor: '鈴木 approver', campaignId: fx.campaignId })]);
  });

  it('exports the recipients, every status, with replies in words, in English on request', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    const { csv } = reports.exportRecipients(fx.campaignId, 'x', { lang: 'en', timeZone: 'Asia/Tokyo' });
    const rows = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual(['No.', 'Name', 'Email', 'Status', 'Server reply (meaning)', 'Server reply (as received)', 'Message-ID', 'Time (JST, UTC+09:00)']);
    expect(rows).toHaveLength(6);
    expect(rows[3]!.slice(3, 6)).toEqual(['failed', 'The address does not exist. Check its spelling or ask the member for their current address.', '550 5.1.1 User unknown']);
    expect(rows[1]![7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('keeps what was typed into the report per notice: read back on opening, replaced by the next save', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    expect(reports.incident(fx.campaignId, 'ja', 500).saved).toBeNull();
    const first = { ...noAnswers, discoveredOn: '2026-12-01', sensitive: true, texts: { cause: '列の取り違え', people: '4 人' } };
    h!.clock.set(h!.clock.now() + 60_000);
    const { savedAt } = reports.saveIncidentAnswers(fx.campaignId, first, '鈴木 approver');
    expect(savedAt).toBe(h!.clock.now());
    expect(reports.incident(fx.campaignId, 'ja', 500).saved).toEqual({ answers: first, savedAt, savedBy: '鈴木 approver' });
    // The next save replaces the whole answer: an item emptied on the screen is empty here too.
    const second = { ...first, sensitive: false, texts: { cause: '列の取り違え（確認済み）' } };
    reports.saveIncidentAnswers(fx.campaignId, second, '佐藤 operator');
    expect(reports.incident(fx.campaignId, 'ja', 500).saved).toMatchObject({ answers: second, savedBy: '佐藤 operator' });
    expect(h!.db.prepare('SELECT count(*) FROM incident_answers').pluck().get()).toBe(1);
  });

  it('refuses a day that is not one and a notice that does not exist, saving nothing', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    expect(() => reports.saveIncidentAnswers(fx.campaignId, { ...noAnswers, discoveredOn: '2026-02-30' }, 'x')).toThrow(/not a date/);
    expect(() => reports.saveIncidentAnswers(fx.campaignId + 99, noAnswers, 'x')).toThrow();
    expect(h!.db.prepare('SELECT count(*) FROM incident_answers').pluck().get()).toBe(0);
  });

  it('reads a damaged saved row without losing the report: what has the right shape is kept', async () => {
    const reports = await sentNotice();
    const { fx } = h!;
    const bad = JSON.stringify({ discoveredOn: 'yesterday', sensitive: 'yes', financial: true, texts: { cause: '原因', summary: 5, nope: 'x' } });
    h!.db.prepare('INSERT INTO incident_answers (campaign_id, answers_json, saved_at, saved_by) VALUES (?, ?, 1, NULL)').run(fx.campaignId, bad);
    expect(reports.incident(fx.campaignId, 'ja', 500).saved!.answers).toEqual({
      discoveredOn: null, sensitive: false, financial: true, improperPurpose: false, texts: { cause: '原因' },
    });
    h!.db.prepare('UPDATE incident_answers SET answers_json = ? WHERE campaign_id = ?').run('{not json', fx.campaignId);
    expect(reports.incident(fx.campaignId, 'ja', 500).saved!.answers).toEqual(noAnswers);
  });
});
