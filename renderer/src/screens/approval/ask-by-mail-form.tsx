// "Ask for approval by mail": the operator picks the approver, sees the one address the mail can
// go to (their registered approval address), and confirms with their own PIN. The code itself
// never reaches this page: only where it went and until when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalCodeSentDto, UserDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { UserSelect } from '../../components/user-select';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';

interface Props {
  campaignId: number;
  users: readonly UserDto[];
  requestedBy: UserDto | null;
  operator: UserDto | undefined;
  onSent: (sent: ApprovalCodeSentDto) => void;
}

export function AskByMailForm({ campaignId, users, requestedBy, operator, onSent }: Props) {
  const { t } = useTranslation();
  const addresses = useQuery('approval-addresses:list', {});
  const call = useCall();
  const [approverId, setApproverId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [sent, setSent] = useState<ApprovalCodeSentDto | null>(null);
  const approvers = users.filter((u) => u.id !== requestedBy?.id);
  const chosen = approvers.find((u) => u.id === approverId);
  const address = addresses.data?.find((a) => a.userId === approverId)?.address ?? null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!operator || approverId === null) return;
    const r = await call.run('approval-mail:ask', { actorId: operator.id, campaignId, approverId, pin });
    setPin('');
    if (r) {
      setSent(r);
      onSent(r);
    }
  };

  return (
    <form className="card" data-testid="ask-by-mail" onSubmit={(e) => void submit(e)}>
      <h3>{t('approvalMail.askTitle')}</h3>
      <p className="hint">{t('approvalMail.askIntro')}</p>
      <div className="row">
        <label className="field">
          <span>{t('approvalMail.approver')}</span>
          <UserSelect name="mail-approver" users={approvers} value={approverId} onChange={setApproverId} />
        </label>
        <label className="field">
          <span>{operator ? t('approvalMail.askerPin', { name: operator.name }) : t('approval.pin')}</span>
          <input name="asker-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <button type="submit" className="btn" data-action="ask-by-mail" disabled={call.busy || !operator || address === null || pin.length < 4}>
          {t('approvalMail.ask')}
        </button>
      </div>
      {chosen && address && <p data-testid="mail-goes-to">{t('approvalMail.goesTo', { address })}</p>}
      {chosen && addresses.data && address === null && <p className="warn">{t('approvalMail.noAddress', { name: chosen.name })}</p>}
      {sent && (
        <p className="notice" data-testid="mail-sent">
          {t('approvalMail.sent', { name: sent.approverName, address: sent.address, time: new Date(sent.expiresAt).toLocaleString() })}
        </p>
      )}
      <ErrorText error={call.error ?? addresses.error} />
    </form>
  );
}
