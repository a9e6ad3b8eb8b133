// Handlers of sending (cancel window, run control, per-member status) and history/audit.
import { pageSendMembers } from '../../db/repos/sends-repo';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

export function sendHandlers(app: AppContext): DomainHandlers<'send' | 'audit'> {
  const s = () => app.services();
  const status = (campaignId: number) => s().send.status(campaignId);

  return {
    'send:schedule': ({ actorId, campaignId, at }) => {
      s().send.schedule(campaignId, app.actorName(actorId), at);
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
    'send:estimate': ({ campaignId }) => s().send.estimate(campaignId),
    'send:members': ({ campaignId, status: filter, offset, limit }) => ({ offset, ...pageSendMembers(s().db, campaignId, filter ?? null, offset, limit) }),
    'send:resend-failed': ({ actorId, campaignId }) => {
      s().send.resendFailed(campaignId, app.actorName(actorId));
      return status(campaignId);
    },
    'send:resolve-unknown': ({ actorId, campaignId, sendIds, decision }) => {
      s().send.resolveUnknownMany(campaignId, sendIds, decision, app.actorName(actorId));
      return status(campaignId);
    },

    'audit:list': ({ campaignId, listId, afterId, limit, newestFirst }) =>
      s().audit.list({
        limit,
        ...(newestFirst ? { newestFirst } : {}),
        ...(campaignId !== undefined ? { campaignId } : {}),
        ...(listId !== undefined ? { listId } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
      }),
    'audit:export': ({ actorId, campaignId, lang, timeZone }) => {
      const { audit, clock } = s();
      const csv = audit.exportCsv(campaignId !== undefined ? { campaignId } : {}, { lang, timeZone });
      audit.record('audit.exported', { actor: app.actorName(actorId), campaignId: campaignId ?? null });
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `tayori-audit-${campaignId !== undefined ? `campaign-${campaignId}-` : ''}${day}.csv`, csv };
    },
    'audit:recipients': ({ campaignId, status: filter }) =>
      s()
        .audit.recipientsOf(campaignId, filter ? [filter] : undefined)
        .map((r) => ({ email: r.email, name: r.name, status: r.status, smtpResponse: r.smtpResponse, finishedAt: r.finishedAt })),
  };
}
