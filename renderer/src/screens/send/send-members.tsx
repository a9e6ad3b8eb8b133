// Per-member status with a filter for every status; resend failed messages; resolve "unknown"
// ones by hand, one or many at once, with the Message-ID to look up in the server's log.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientStatus, SendStatusDto } from '../../../../shared/contract';
import { RECIPIENT_STATUSES } from '../../../../shared/statuses';
import { ErrorText } from '../../components/error-text';
import { SmtpReply } from '../../components/smtp-reply';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';

const FILTERS: readonly (RecipientStatus | 'all')[] = ['all', ...RECIPIENT_STATUSES];
/** The host resolves up to 1,000 unknown messages per call (send:resolve-unknown). */
const MAX_RESOLVE = 1000;

interface Props {
  campaignId: number;
  actorId: number | null;
  status: SendStatusDto;
  onStatus: (s: SendStatusDto) => void;
}

export function SendMembers({ campaignId, actorId, status, onStatus }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<RecipientStatus | 'all'>('all');
  const page = useQuery('send:members', { campaignId, status: filter === 'all' ? undefined : filter, limit: 200 });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const call = useCall();
  const reload = page.reload;
  const done = status.counts.sent + status.counts.failed + status.counts.unknown;
  useEffect(reload, [done, status.state, reload]);

  const act = async (p: Promise<SendStatusDto | undefined>) => {
    const s = await p;
    if (s) onStatus(s);
    reload();
  };
  const resolve = async (sendIds: readonly number[], decision: 'sent' | 'resend') => {
    if (actorId === null || sendIds.length === 0) return;
    await act(call.run('send:resolve-unknown', { actorId, campaignId, sendIds: sendIds.slice(0, MAX_RESOLVE), decision }));
    setSelected(new Set());
  };
  const unknownOnPage = (page.data?.items ?? []).filter((m) => m.status === 'unknown').map((m) => m.sendId);
  const toggle = (id: number) => setSelected((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section className="card" data-testid="send-members">
      <div className="row">
        <span>{t('send.filter')}</span>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="btn small" aria-pressed={filter === f} data-filter={f} onClick={() => setFilter(f)}>
            {f === 'all' ? t('send.filter_all') : t(`send.status_${f}`)} {f !== 'all' && `(${status.counts[f]})`}
          </button>
        ))}
        {status.counts.failed > 0 && actorId !== null && (
          <button type="button" className="btn" data-action="resend-failed" disabled={call.busy} onClick={() => void act(call.run('send:resend-failed', { actorId, campaignId }))}>
            {t('send.resendFailed')}
          </button>
        )}
      </div>
      {status.counts.unknown > 0 && <p className="warn">{t('send.unknownHelp')}</p>}
      {unknownOnPage.length > 0 && actorId !== null && (
        <div className="row" data-testid="unknown-bulk">
          <button type="button" className="btn small" onClick={() => setSelected(new Set(unknownOnPage))}>
            {t('send.selectAllUnknown', { count: unknownOnPage.length })}
          </button>
          <button type="button" className="btn small" data-action="bulk-mark-sent" disabled={call.busy || selected.size === 0} onClick={() => void resolve([...selected], 'sent')}>
            {t('send.markSelectedSent', { count: selected.size })}
          </button>
          <button type="button" className="btn small" data-action="bulk-resend" disabled={call.busy || selected.size === 0} onClick={() => void resolve([...selected], 'resend')}>
            {t('send.resendSelected', { count: selected.size })}
          </button>
        </div>
      )}
      <ErrorText error={call.error ?? page.error} />
      <div className="list-scroll">
        <table className="data send-table">
          <thead>
            <tr>
              <th />
              <th>#</th>
              <th>{t('lists.name')}</th>
              <th>{t('lists.email')}</th>
              <th>{t('send.state')}</th>
              <th>{t('send.attempts')}</th>
              <th>{t('send.response')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(page.data?.items ?? []).map((m) => (
              <tr key={m.sendId} data-status={m.status}>
                <td>
                  {m.status === 'unknown' && (
                    <input type="checkbox" aria-label={t('send.select')} checked={selected.has(m.sendId)} onChange={() => toggle(m.sendId)} />
                  )}
                </td>
                <td className="nowrap">{m.position + 1}</td>
                <td translate="no" className="nowrap">{m.name}</td>
                <td translate="no">{m.email}</td>
                <td>
                  <span className={`chip ${m.status}`}>{t(`send.status_${m.status}`)}</span>
                </td>
                <td>{m.attempts}</td>
                {/* The server's reply in words with the Message-ID under it (to find the mail in its
                    log): one column, so names, states and the row's buttons keep their width at 1024 px. */}
                <td className="response">
                  <SmtpReply raw={m.smtpResponse} nextAttemptAt={m.status === 'retrying' ? m.nextAttemptAt : null} />
                  {m.messageId && (
                    <div className="message-id" translate="no" title={t('send.messageId')}>
                      {m.messageId}
                    </div>
                  )}
                </td>
                <td>
                  {m.status === 'unknown' && (
                    <span className="row nowrap">
                      <button type="button" className="btn small" onClick={() => void resolve([m.sendId], 'sent')}>
                        {t('send.markSent')}
                      </button>
                      <button type="button" className="btn small" onClick={() => void resolve([m.sendId], 'resend')}>
                        {t('send.resend')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
