// Screen 6: ask for approval (the requester confirms with their PIN; the recipients are frozen),
// then hand over to a second person: at the desk (PIN), or by a code mailed to the approver's own
// address (issue 16). Shows who requested, who approved and how, and until when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { ListBadge } from '../../components/list-badge';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { ApprovalSummary } from './approval-summary';
import { ApproveForm } from './approve-form';
import { AskByMailForm } from './ask-by-mail-form';
import { EnterCodeForm } from './enter-code-form';
import { SendEstimate } from '../../components/send-estimate';

export function ApprovalScreen() {
  const { t } = useTranslation();
  const { campaignId, operatorId, users, go } = useApp();
  const campaign = useQuery('campaigns:get', campaignId === null ? null : { id: campaignId });
  const status = campaign.data?.status;
  const waiting = status !== undefined && status !== 'draft';
  const summary = useQuery('approval:summary', campaignId !== null && waiting ? { campaignId } : null);
  const pending = useQuery('approval-mail:pending', campaignId !== null && status === 'pending_approval' ? { campaignId } : null);
  const request = useCall();
  const [pin, setPin] = useState('');
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  const approval = campaign.data?.approval;
  const approved = approval && approval.voidedAt === null;

  const operator = users.find((u) => u.id === operatorId);
  const ask = async (e: React.FormEvent) => {
    e.preventDefault();
    if (operatorId === null) return;
    const r = await request.run('approval:request', { actorId: operatorId, campaignId, pin });
    setPin('');
    if (r !== undefined) {
      campaign.reload();
      summary.reload();
    }
  };

  return (
    <div data-screen="approval">
      <h2>{t('approval.title')}</h2>
      {campaign.data && <ListBadge listId={campaign.data.listId} recipients={campaign.data.recipientCount} />}
      <ErrorText error={campaign.error} />
      {campaign.data && <SendEstimate campaignId={campaignId} version={campaign.data.status} />}
      {status === 'draft' && (
        <form className="card" onSubmit={(e) => void ask(e)}>
          <p>{t('approval.requestText')}</p>
          <div className="row">
            <label className="field">
              <span>{operator ? t('approval.requesterPin', { name: operator.name }) : t('approval.pin')}</span>
              <input name="requester-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
            </label>
            <button type="submit" className="btn primary" data-action="request-approval" disabled={request.busy || operatorId === null || pin.length < 4}>
              {t('approval.request')}
            </button>
          </div>
          {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
          <ErrorText error={request.error} />
        </form>
      )}
      {approved ? (
        <section className="card">
          <p className="notice" data-testid="approved">
            {t(approval.method === 'mail-code' ? 'approvalMail.approvedByCode' : 'approval.approvedBy', { requester: approval.requesterName, approver: approval.approverName })}
          </p>
          <p data-testid="approval-how" data-method={approval.method}>
            {approval.method === 'mail-code' && approval.codeAddress
              ? t('approvalMail.howMail', { address: approval.codeAddress })
              : t('approvalMail.howPin', { name: approval.approverName })}
          </p>
          <p className="hint" data-testid="approval-expires">
            {t('approval.expires', { time: new Date(approval.expiresAt).toLocaleString() })}
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
      {summary.data && !approved && status === 'pending_approval' && (
        <>
          <AskByMailForm campaignId={campaignId} users={users} requestedBy={summary.data.requestedBy} operator={operator} onSent={() => pending.reload()} />
          <EnterCodeForm campaignId={campaignId} operatorId={operatorId} pending={pending.data ?? []} onApproved={() => campaign.reload()} />
        </>
      )}
      {summary.data && <ApprovalSummary summary={summary.data} />}
    </div>
  );
}
