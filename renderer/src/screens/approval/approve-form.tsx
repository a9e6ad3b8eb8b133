// The approver picks their own name and types their PIN. The requester is refused here already,
// before the service (which refuses too) is asked.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto, UserDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { UserSelect } from '../../components/user-select';
import { useCall } from '../../hooks/use-call';

interface Props {
  campaignId: number;
  users: readonly UserDto[];
  requestedBy: UserDto | null;
  onApproved: (a: ApprovalDto) => void;
}

export function ApproveForm({ campaignId, users, requestedBy, onApproved }: Props) {
  const { t } = useTranslation();
  const [approverId, setApproverId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const call = useCall();
  const sameUser = requestedBy !== null && approverId === requestedBy.id;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (approverId === null || sameUser) return;
    const a = await call.run('approval:approve', { campaignId, approverId, pin });
    setPin('');
    if (a) onApproved(a);
  };
  return (
    <form className="card" data-testid="approve-form" onSubmit={(e) => void submit(e)}>
      <div className="row">
        <label className="field">
          <span>{t('approval.approver')}</span>
          <UserSelect name="approver" users={users} value={approverId} onChange={setApproverId} />
        </label>
        <label className="field">
          <span>{t('approval.pin')}</span>
          <input name="approver-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <button type="submit" className="btn primary" data-action="approve" disabled={call.busy || approverId === null || sameUser || pin.length < 4}>
          {call.busy ? t('approval.approving') : t('approval.approve')}
        </button>
      </div>
      {sameUser && requestedBy && (
        <div className="error" role="alert" data-testid="same-user">
          {t('approval.sameUser', { name: requestedBy.name })}
        </div>
      )}
      <ErrorText error={call.error} />
    </form>
  );
}
