// The one-page summary of a notice, from Tayori's own records: who made, requested and approved
// it, how many it reached, and its timeline. Pure: the report service gathers the records, the
// History screen prints the result.
import type { AuditEntryDto } from '../contract/dto/send';
import type { RecipientStatus } from '../statuses';

type NoticeCounts = Readonly<Record<RecipientStatus, number>>;

export interface NoticeRecords {
  readonly campaign: {
    readonly id: number;
    readonly name: string;
    readonly listName: string;
    readonly subjectTemplate: string;
    readonly status: string;
    readonly followUpOf: number | null;
    readonly createdAt: number;
  };
  readonly createdBy: string | null;
  readonly approval: {
    readonly requestedBy: string;
    readonly approvedBy: string;
    readonly approvedAt: number;
    readonly voidedAt: number | null;
  } | null;
  readonly counts: NoticeCounts;
  /** Members whose message came back as a hard bounce; null where bounces are not read. */
  readonly bounced: number | null;
  readonly attachments: readonly { readonly fileName: string; readonly sha256: string; readonly bytes: number }[];
  /** The notice's audit rows, oldest first, without the one row per member's result. */
  readonly audit: readonly AuditEntryDto[];
  /** When the last member's result was recorded, or null. */
  readonly lastMemberAt: number | null;
}

export interface TimelineEntry {
  readonly at: number;
  readonly action: string;
  readonly actor: string | null;
}

export interface NoticeSummary {
  readonly id: number;
  readonly name: string;
  readonly listName: string;
  readonly subjectTemplate: string;
  readonly status: string;
  readonly followUpOf: number | null;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly requestedBy: string | null;
  readonly requestedAt: number | null;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  readonly approvalVoided: boolean;
  readonly counts: NoticeCounts;
  readonly total: number;
  /** Handed to the mail server and accepted (sent), or perhaps (unknown): whose data may have left. */
  readonly reached: number;
  readonly bounced: number | null;
  readonly attachments: NoticeRecords['attachments'];
  readonly sendStartedAt: number | null;
  readonly sendEndedAt: number | null;
  /** What happened to the notice, oldest first; one row per member is left to the recipient list. */
  readonly timeline: readonly TimelineEntry[];
}

const END_ACTIONS = new Set(['send.completed', 'send.stopped', 'send.cancelled', 'send.not-sent-late']);

export function buildNoticeSummary(r: NoticeRecords): NoticeSummary {
  const timeline = r.audit.map((e) => ({ at: e.at, action: e.action, actor: e.actor }));
  const last = (action: string) => [...r.audit].reverse().find((e) => e.action === action);
  const requested = last('approval.requested');
  const started = r.audit.find((e) => e.action === 'send.started');
  const ended = [...r.audit].reverse().find((e) => END_ACTIONS.has(e.action));
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  return {
    id: r.campaign.id,
    name: r.campaign.name,
    listName: r.campaign.listName,
    subjectTemplate: r.campaign.subjectTemplate,
    status: r.campaign.status,
    followUpOf: r.campaign.followUpOf,
    createdAt: r.campaign.createdAt,
    createdBy: r.createdBy,
    requestedBy: r.approval?.requestedBy ?? requested?.actor ?? null,
    requestedAt: requested?.at ?? null,
    approvedBy: r.approval?.approvedBy ?? null,
    approvedAt: r.approval?.approvedAt ?? null,
    approvalVoided: r.approval?.voidedAt != null,
    counts: r.counts,
    total,
    reached: r.counts.sent + r.counts.unknown,
    bounced: r.bounced,
    attachments: r.attachments,
    sendStartedAt: started?.at ?? null,
    // A run still going has no end; otherwise the end of the run, or its last member's result.
    sendEndedAt:
      ended?.at ?? (started && r.lastMemberAt !== null && r.counts.queued + r.counts.in_flight + r.counts.retrying === 0 ? r.lastMemberAt : null),
    timeline,
  };
}
