// Per-member status with filters; resend failed messages; resolve "unknown" ones by hand.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientStatus, SendStatusDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';

const FILTERS: readonly (RecipientStatus | 'all')[] = ['all', 'sent', 'failed', 'unknown', 'queued'];

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
  const call = useCall();
  const reload = page.reload;
  const done = status.counts.sent + status.counts.failed + status.counts.unknown;
  useEffect(reload, [done, status.state, reload]);

  const act = async (p: Promise<SendStatusDto | undefined>) => {
    const s = await p;
    if (s) onStatus(s);
    reload();
  };
  const resolve = (sendId: number, decision: 'sent' | 'resend') =>
    actorId !== null && act(call.run('send:resolve-unknown', { actorId, campaignId, sendIds: [sendId], decision }));

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
      <ErrorText error={call.error ?? page.error} />
      <div className="list-scroll">
        <table className="data">
          <thead>
            <tr>
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
                <td>{m.position + 1}</td>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <span className={`chip ${m.status}`}>{t(`send.status_${m.status}`)}</span>
                </td>
                <td>{m.attempts}</td>
                <td>{m.smtpResponse}</td>
                <td>
                  {m.status === 'unknown' && (
                    <span className="row">
                      <button type="button" className="btn small" onClick={() => void resolve(m.sendId, 'sent')}>
                        {t('send.markSent')}
                      </button>
                      <button type="button" className="btn small" onClick={() => void resolve(m.sendId, 'resend')}>
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
