// Screen 8: past notices, the audit log (exportable as CSV), who received a notice, follow-ups.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CampaignStatus } from '../../components/campaign-status';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { AuditLog } from './audit-log';
import { BouncesPanel } from './bounces-panel';
import { RecipientsPanel } from './recipients-panel';

export function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const { openCampaign, go } = useApp();
  const campaigns = useQuery('campaigns:list', {});
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div data-screen="history">
      <h2>{t('history.title')}</h2>
      <ErrorText error={campaigns.error} />
      <section className="card">
        <h3>{t('history.campaigns')}</h3>
        <table className="data" data-testid="campaigns">
          <thead>
            <tr>
              <th>{t('history.at')}</th>
              <th>{t('history.name')}</th>
              <th>{t('compose.list')}</th>
              <th>{t('history.status')}</th>
              <th>{t('history.recipients')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...(campaigns.data ?? [])].reverse().map((c) => (
              <tr key={c.id} data-campaign-id={c.id}>
                <td>{new Date(c.updatedAt).toLocaleString(i18n.language)}</td>
                <td>{c.name}</td>
                <td>{c.listName}</td>
                <td>
                  <CampaignStatus status={c.status} />
                </td>
                <td>{c.recipientCount ?? '—'}</td>
                <td className="row">
                  <button type="button" className="btn small" data-action="who" onClick={() => setOpen(open === c.id ? null : c.id)}>
                    {t('history.who')}
                  </button>
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => {
                      openCampaign(c);
                      go(c.status === 'draft' ? 'compose' : 'send');
                    }}
                  >
                    {t('history.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {open !== null && <RecipientsPanel key={open} campaignId={open} onFollowUp={campaigns.reload} />}
      {open !== null && <BouncesPanel key={`bounces-${open}`} campaignId={open} onFollowUp={campaigns.reload} />}
      <AuditLog campaignId={open} />
    </div>
  );
}
