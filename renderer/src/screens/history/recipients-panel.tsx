// "Who received this": the recipients of one notice by status, and a follow-up to exactly them.
import { followUpName } from './follow-up-name';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientStatus } from '../../../../shared/contract';
import { downloadText } from '../../components/download';
import { ErrorText } from '../../components/error-text';
import { SmtpReply } from '../../components/smtp-reply';
import { useCall } from '../../hooks/use-call';
import { useLocalTime } from '../../hooks/use-local-time';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

type FollowStatus = 'sent' | 'failed' | 'unknown' | 'cancelled';
const STATUSES: readonly FollowStatus[] = ['sent', 'failed', 'unknown', 'cancelled'];

export function RecipientsPanel({ campaignId, onFollowUp }: { campaignId: number; onFollowUp: () => void }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const { operatorId, openCampaign, go } = useApp();
  const [status, setStatus] = useState<FollowStatus>('sent');
  const recipients = useQuery('audit:recipients', { campaignId, status: status as RecipientStatus });
  const campaign = useQuery('campaigns:get', { id: campaignId });
  const call = useCall();
  const followUp = async () => {
    if (operatorId === null || !campaign.data) return;
    const name = followUpName(campaign.data.name, t('ux.followUpName'));
    const c = await call.run('campaigns:follow-up', { actorId: operatorId, campaignId, name, statuses: [status] });
    if (c) {
      onFollowUp();
      openCampaign(c);
      go('compose');
    }
  };
  const exportCsv = async () => {
    if (operatorId === null) return;
    const r = await call.run('report:recipients-csv', { actorId: operatorId, campaignId, lang: time.lang, timeZone: time.timeZone });
    if (r) downloadText(r.fileName, r.csv);
  };
  const rows = recipients.data ?? [];
  return (
    <section className="card" data-testid="recipients">
      <h3>
        {t('history.who')} — {campaign.data?.name}
      </h3>
      <div className="row">
        <span>{t('history.followUpStatuses')}</span>
        {STATUSES.map((s) => (
          <button key={s} type="button" className="btn small" aria-pressed={status === s} data-filter={s} onClick={() => setStatus(s)}>
            {t(`send.status_${s}`)}
          </button>
        ))}
        <button type="button" className="btn primary" data-action="follow-up" disabled={call.busy || operatorId === null || rows.length === 0} onClick={() => void followUp()}>
          {t('history.followUp')} ({rows.length})
        </button>
        <button type="button" className="btn" data-action="recipients-csv" disabled={call.busy || operatorId === null} onClick={() => void exportCsv()}>
          {t('reports.history.recipientsCsv')}
        </button>
      </div>
      <ErrorText error={recipients.error ?? call.error} />
      <div className="list-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>{t('lists.name')}</th>
              <th>{t('lists.email')}</th>
              <th>{t('history.status')}</th>
              <th>{t('send.response')}</th>
              <th className="when">
                {t('history.at')} ({time.zone})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.email}-${i}`}>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{t(`send.status_${r.status}`)}</td>
                <td>
                  <SmtpReply raw={r.status === 'sent' ? null : r.smtpResponse} />
                </td>
                <td className="when">{time.format(r.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
