// Screen 4: the check report, recipients by domain, and every member's exact message.
import { useTranslation } from 'react-i18next';
import { CheckFindings } from '../../components/check-findings';
import { DomainChart } from '../../components/domain-chart';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { ListBadge } from '../../components/list-badge';
import { MessageBrowser } from './message-browser';
import { SharedAddressResolver } from './shared-address-resolver';
import { CarrierNotice } from './carrier-notice';
import { SendEstimate } from '../../components/send-estimate';

export function CheckScreen() {
  const { t } = useTranslation();
  const { campaignId, go } = useApp();
  const report = useQuery('checks:run', campaignId === null ? null : { campaignId });
  const campaign = useQuery('campaigns:get', campaignId === null ? null : { id: campaignId });
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  const r = report.data;
  return (
    <div data-screen="check">
      <div className="row">
        <h2>{t('check.title')}</h2>
        {r && <span className="chip info">{t('check.recipients', { count: r.counts.members })}</span>}
        <button type="button" className="btn small" onClick={report.reload} disabled={report.loading}>
          {t('check.run')}
        </button>
        <button type="button" className="btn primary" data-action="to-test-send" onClick={() => go('test-send')}>
          {t('check.nextStep')}
        </button>
      </div>
      {campaign.data && <ListBadge listId={campaign.data.listId} recipients={r?.counts.members ?? null} />}
      <ErrorText error={report.error} />
      {r && campaign.data && <SharedAddressResolver listId={campaign.data.listId} report={r} onChanged={report.reload} />}
      {r && <CarrierNotice campaignId={campaignId} report={r} />}
      {r && <SendEstimate campaignId={campaignId} version={r.counts.members} />}
      <div className="grid2">
        <div>
          {r && (
            <section className="card">
              <CheckFindings report={r} campaignId={campaignId} />
              <DomainChart domains={r.byDomain} />
            </section>
          )}
        </div>
        {/* Asked for once the report is in: the host answers one request at a time, and at 50,000
            members a preview waited for first would hold the report back by a second. */}
        {r && <MessageBrowser campaignId={campaignId} />}
      </div>
    </div>
  );
}
