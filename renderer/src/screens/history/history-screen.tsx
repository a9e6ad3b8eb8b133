// Screen 8: past notices in local time; per notice, who received it (and a follow-up), a summary
// to print, or the incident report; below, the audit log (of the notice opened, or of all).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CampaignStatus } from '../../components/campaign-status';
import { ErrorText } from '../../components/error-text';
import { useLocalTime } from '../../hooks/use-local-time';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { AuditLog } from './audit-log';
import { BouncesPanel } from './bounces-panel';
import { IncidentReport } from './incident-report';
import { NoticeSummary } from './notice-summary';
import { RecipientsPanel } from './recipients-panel';
import '../../styles/reports.css';

type Panel = 'who' | 'summary' | 'incident';

export function HistoryScreen() {
  const { t } = useTranslation();
  const time = useLocalTime();
  const { openCampaign, go } = useApp();
  const campaigns = useQuery('campaigns:list', {});
  const [open, setOpen] = useState<{ id: number; panel: Panel } | null>(null);
  const toggle = (id: number, panel: Panel) => setOpen(open?.id === id && open.panel === panel ? null : { id, panel });
  const close = () => setOpen(null);
  return (
    <div data-screen="history">
      <h2>{t('history.title')}</h2>
      <ErrorText error={campaigns.error} />
      <section className="card no-print">
        <h3>{t('history.campaigns')}</h3>
        <table className="data history-table" data-testid="campaigns">
          <thead>
            <tr>
              <th className="when">
                {t('history.at')} ({time.zone})
              </th>
              <th>{t('history.name')}</th>
              <th>{t('compose.list')}</th>
              <th>{t('history.status')}</th>
              <th>{t('history.recipients')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...(campaigns.data ?? [])].reverse().map((c) => (
              <tr key={c.id} data-campaign-id={c.id} aria-selected={open?.id === c.id}>
                <td className="when">{time.format(c.updatedAt)}</td>
                <td>{c.name}</td>
                <td>{c.listName}</td>
                <td>
                  <CampaignStatus status={c.status} />
                </td>
                <td>{c.recipientCount ?? '—'}</td>
                <td className="row actions">
                  <button type="button" className="btn small" data-action="who" aria-pressed={open?.id === c.id && open.panel === 'who'} onClick={() => toggle(c.id, 'who')}>
                    {t('history.who')}
                  </button>
                  {c.status !== 'draft' && (
                    <button type="button" className="btn small" data-action="summary" aria-pressed={open?.id === c.id && open.panel === 'summary'} onClick={() => toggle(c.id, 'summary')}>
                      {t('reports.history.summary')}
                    </button>
                  )}
                  {c.recipientCount !== null && (
                    <button type="button" className="btn small danger-outline" data-action="incident" aria-pressed={open?.id === c.id && open.panel === 'incident'} onClick={() => toggle(c.id, 'incident')}>
                      {t('reports.history.incident')}
                    </button>
                  )}
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
      {open?.panel === 'who' && <RecipientsPanel key={open.id} campaignId={open.id} onFollowUp={campaigns.reload} />}
      {open?.panel === 'who' && <BouncesPanel key={`bounces-${open.id}`} campaignId={open.id} onFollowUp={campaigns.reload} />}
      {open?.panel === 'summary' && <NoticeSummary key={open.id} campaignId={open.id} onClose={close} />}
      {open?.panel === 'incident' && <IncidentReport key={open.id} campaignId={open.id} onClose={close} />}
      <div className="no-print">
        <AuditLog campaignId={open?.id ?? null} />
      </div>
    </div>
  );
}
