// The reports of History, assembled from Tayori's own records only: the one-page summary of a
// notice, who received it (CSV), and the incident report (facts, draft, CSV, and what people typed
// into it, kept per notice). Reads, apart from those answers and the audit row of an export.
import { AppError } from '../../../shared/errors';
import type { ReportFormat } from '../../../shared/reports/audit-csv';
import { incidentCsv, type IncidentRecipient } from '../../../shared/reports/incident-csv';
import { buildIncidentDraft, isDay, type IncidentAnswers, type IncidentFacts } from '../../../shared/reports/incident-report';
import type { ReportLang } from '../../../shared/reports/local-time';
import { buildNoticeSummary, type NoticeSummary } from '../../../shared/reports/notice-summary';
import { recipientsCsv } from '../../../shared/reports/recipients-csv';
import { usedFields } from '../../../shared/template';
import type { Db } from '../../db/connection';
import { latestApproval } from '../../db/repos/approvals-repo';
import { listAttachments } from '../../db/repos/attachments-repo';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { readIncidentAnswers, writeIncidentAnswers, type SavedIncidentAnswers } from '../../db/repos/incident-answers-repo';
import { getList } from '../../db/repos/lists-repo';
import { hardBounceCount, lastMemberResultAt, noticeAuditRows } from '../../db/repos/report-queries';
import { countByStatus, sentRecipients, type SentRecipientRow } from '../../db/repos/sends-repo';
import { getUserRecord } from '../../db/repos/users-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';

const ADDRESS_ITEM: Readonly<Record<ReportLang, string>> = { ja: 'メールアドレス', en: 'Email address' };
const NAME_ITEM: Readonly<Record<ReportLang, string>> = { ja: '名前（宛名）', en: 'Name (in the To header)' };

interface IncidentData {
  readonly facts: IncidentFacts;
  /** Members whose message was handed over (sent or unknown), in list order; the screen shows the first ones. */
  readonly recipients: readonly IncidentRecipient[];
  readonly recipientTotal: number;
  /** What was typed into this report last time (null: nothing yet). */
  readonly saved: SavedIncidentAnswers | null;
}

export interface ReportService {
  summary(campaignId: number): NoticeSummary;
  incident(campaignId: number, lang: ReportLang, limit: number): IncidentData;
  exportRecipients(campaignId: number, actor: string | null, format: Omit<ReportFormat, 'now'>): { fileName: string; csv: string };
  exportIncident(campaignId: number, answers: IncidentAnswers, actor: string | null, format: Omit<ReportFormat, 'now'>): { fileName: string; csv: string };
  /** Keeps what was typed into the notice's incident report (replacing the last save). */
  saveIncidentAnswers(campaignId: number, answers: IncidentAnswers, actor: string | null): { savedAt: number };
}

function checkDay(answers: IncidentAnswers): void {
  if (answers.discoveredOn !== null && !isDay(answers.discoveredOn)) {
    throw new AppError('validation', 'The day of discovery is not a date', { field: 'discoveredOn' });
  }
}

/** The members whose data may have left: the server took it, or it may have. */
const REACHED = ['sent', 'unknown'] as const;

export function createReportService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }): ReportService {
  const userName = (id: number | null) => (id === null ? null : (getUserRecord(db, id)?.name ?? `#${id}`));

  function summary(campaignId: number): NoticeSummary {
    const c = mustGetCampaign(db, campaignId);
    const approval = latestApproval(db, campaignId);
    return buildNoticeSummary({
      campaign: { id: c.id, name: c.name, listName: getList(db, c.listId)?.name ?? `#${c.listId}`, subjectTemplate: c.subjectTemplate, status: c.status, followUpOf: c.followUpOf, createdAt: c.createdAt },
      createdBy: userName(c.createdBy),
      approval: approval
        ? { requestedBy: userName(approval.requestedBy) ?? '', approvedBy: userName(approval.approverId) ?? '', approvedAt: approval.approvedAt, voidedAt: approval.voidedAt }
        : null,
      counts: countByStatus(db, campaignId),
      bounced: hardBounceCount(db, campaignId),
      attachments: listAttachments(db, campaignId).map((a) => ({ fileName: a.fileName, sha256: a.sha256, bytes: a.bytes })),
      audit: noticeAuditRows(db, campaignId),
      lastMemberAt: lastMemberResultAt(db, campaignId),
    });
  }

  /** The template's value fields, in order: what a member's message can contain of their row. */
  function templateFields(campaignId: number): string[] {
    const c = mustGetCampaign(db, campaignId);
    const fields = usedFields({ subject: c.subjectTemplate, body: c.bodyTemplate }).filter((u) => u.kind === 'value').map((u) => u.field);
    return [...new Set(fields)];
  }

  function toIncidentRecipient(r: SentRecipientRow, fields: readonly string[], lang: ReportLang): IncidentRecipient {
    const present = fields.filter((f) => (r.fields[f] ?? '').trim() !== '');
    return {
      position: r.position, name: r.name, email: r.email, status: r.status, messageId: r.messageId, finishedAt: r.finishedAt,
      items: [ADDRESS_ITEM[lang], ...(r.name.trim() !== '' ? [NAME_ITEM[lang]] : []), ...present],
    };
  }

  function facts(campaignId: number, lang: ReportLang): IncidentFacts {
    const s = summary(campaignId);
    return { notice: s, dataItems: [ADDRESS_ITEM[lang], NAME_ITEM[lang], ...templateFields(campaignId)], attachments: s.attachments };
  }

  function allReached(campaignId: number, lang: ReportLang): IncidentRecipient[] {
    const fields = templateFields(campaignId);
    return sentRecipients(db, campaignId, REACHED).map((r) => toIncidentRecipient(r, fields, lang));
  }

  const day = () => new Date(clock.now()).toISOString().slice(0, 10);

  return {
    summary,
    incident(campaignId, lang, limit) {
      const recipients = allReached(campaignId, lang);
      return {
        facts: facts(campaignId, lang),
        recipients: recipients.slice(0, limit),
        recipientTotal: recipients.length,
        saved: readIncidentAnswers(db, campaignId),
      };
    },
    exportRecipients(campaignId, actor, format) {
      mustGetCampaign(db, campaignId);
      const rows = sentRecipients(db, campaignId);
      const csv = recipientsCsv(rows, { ...format, now: clock.now() });
      audit.record('report.recipients-exported', { actor, campaignId, details: { count: rows.length } });
      return { fileName: `tayori-recipients-campaign-${campaignId}-${day()}.csv`, csv };
    },
    exportIncident(campaignId, answers, actor, format) {
      checkDay(answers);
      const f = facts(campaignId, format.lang);
      const draft = buildIncidentDraft(f, answers, format.lang, format.timeZone);
      const recipients = allReached(campaignId, format.lang);
      const csv = incidentCsv(f, draft, answers.discoveredOn, recipients, { ...format, now: clock.now() });
      audit.record('report.incident-exported', { actor, campaignId, details: { count: recipients.length, reportRequired: draft.reportRequired } });
      return { fileName: `tayori-incident-campaign-${campaignId}-${day()}.csv`, csv };
    },
    saveIncidentAnswers(campaignId, answers, actor) {
      checkDay(answers);
      mustGetCampaign(db, campaignId);
      const now = clock.now();
      writeIncidentAnswers(db, campaignId, answers, actor, now);
      return { savedAt: now };
    },
  };
}
