// Handlers of sending (cancel window, run control, per-member status) and history/audit.
import type { RecipientStatus, SendMemberDto } from '../../../shared/contract';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

interface SendMemberRow {
  id: number;
  position: number;
  email: string;
  name: string;
  status: RecipientStatus;
  attempts: number;
  smtp_response: string | null;
  message_id: string | null;
  finished_at: number | null;
}

export function sendHandlers(app: AppContext): DomainHandlers<'send' | 'audit'> {
  const s = () => app.services();
  const status = (campaignId: number) => s().send.status(campaignId);

  return {
    'send:schedule': ({ actorId, campaignId }) => {
      s().send.schedule(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:cancel': ({ actorId, campaignId }) => {
      s().send.cancel(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:pause': ({ actorId, campaignId }) => {
      s().send.pause(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:resume': ({ actorId, campaignId }) => {
      s().send.resume(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:stop': ({ actorId, campaignId }) => {
      s().send.stop(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:status': ({ campaignId }) => status(campaignId),
    'send:members': ({ campaignId, status: filter, offset, limit }) => {
      const { db } = s();
      const where = 'sends.campaign_id = ? AND (? IS NULL OR sends.status = ?)';
      const args = [campaignId, filter ?? null, filter ?? null];
      const total = (db.prepare(`SELECT count(*) AS n FROM sends WHERE ${where}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT sends.id, snapshots.position, snapshots.email, snapshots.name, sends.status, sends.attempts,
                  sends.smtp_response, sends.message_id, sends.finished_at
           FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
           WHERE ${where} ORDER BY snapshots.position LIMIT ? OFFSET ?`,
        )
        .all(...args, limit, offset) as SendMemberRow[];
      const items: SendMemberDto[] = rows.map((r) => ({
        sendId: r.id,
        position: r.position,
        email: r.email,
        name: r.name,
        status: r.status,
        attempts: r.attempts,
        smtpResponse: r.smtp_response,
        messageId: r.message_id,
        finishedAt: r.finished_at,
      }));
      return { total, offset, items };
    },
    'send:resend-failed': ({ actorId, campaignId }) => {
      s().send.resendFailed(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:resolve-unknown': ({ actorId, campaignId, sendIds, decision }) => {
      const actor = app.actorName(actorId);
      for (const sendId of sendIds) s().send.resolveUnknown(campaignId, sendId, decision, actor);
      return status(campaignId);
    },

    'audit:list': ({ campaignId, listId, afterId, limit }) =>
      s().audit.list({
        limit,
        ...(campaignId !== undefined ? { campaignId } : {}),
        ...(listId !== undefined ? { listId } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
      }),
    'audit:export': ({ actorId, campaignId }) => {
      const { audit, clock } = s();
      const csv = audit.exportCsv(campaignId !== undefined ? { campaignId } : {});
      audit.record('audit.exported', { actor: app.actorName(actorId), campaignId: campaignId ?? null });
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `tayori-audit-${campaignId !== undefined ? `campaign-${campaignId}-` : ''}${day}.csv`, csv };
    },
    'audit:recipients': ({ campaignId, status: filter }) =>
      s()
        .audit.recipientsOf(campaignId, filter ? [filter] : undefined)
        .map((r) => ({ email: r.email, name: r.name, status: r.status, finishedAt: r.finishedAt })),
  };
}
