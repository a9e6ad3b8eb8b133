// Screen 6: ask for approval (freezes the recipients), then hand over to a second person.
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { ApprovalSummary } from './approval-summary';
import { ApproveForm } from './approve-form';

export function ApprovalScreen() {
  const { t } = useTranslation();
  const { campaignId, operatorId, users, go } = useApp();
  const campaign = useQuery('campaigns:get', campaignId === null ? null : { id: campaignId });
  const status = campaign.data?.status;
  const waiting = status !== undefined && status !== 'draft';
  const summary = useQuery('approval:summary', campaignId !== null && waiting ? { campaignId } : null);
  const request = useCall();
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  const approval = campaign.data?.approval;
  const approved = approval && approval.voidedAt === null;

  const ask = async () => {
    if (operatorId === null) return;
    if ((await request.run('approval:request', { actorId: operatorId, campaignId })) !== undefined) {
      campaign.reload();
      summary.reload();
    }
  };

  return (
    <div data-screen="approval">
      <h2>{t('approval.title')}</h2>
      <ErrorText error={campaign.error} />
      {status === 'draft' && (
        <section className="card">
          <p>{t('approval.requestText')}</p>
          <button type="button" className="btn primary" data-action="request-approval" onClick={() => void ask()} disabled={request.busy || operatorId === null}>
            {t('approval.request')}
          </button>
          {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
          <ErrorText error={request.error} />
        </section>
      )}
      {approved ? (
        <section className="card">
          <p className="notice" data-testid="approved">
            {t('approval.approved', { name: approval.approverName })}
          </p>
          <button type="button" className="btn primary" data-action="to-send" onClick={() => go('send')}>
            {t('approval.nextStep')}
          </button>
        </section>
      ) : (
        waiting && <p className="warn">{t('approval.requested')}</p>
      )}
      <ErrorText error={summary.error} />
      {summary.data && !approved && (
        <ApproveForm
          campaignId={campaignId}
          users={users}
          requestedBy={summary.data.requestedBy}
          onApproved={() => campaign.reload()}
        />
      )}
      {summary.data && <ApprovalSummary summary={summary.data} />}
    </div>
  );
}
