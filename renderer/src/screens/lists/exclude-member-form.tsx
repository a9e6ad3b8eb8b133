// The confirm step of "exclude from sending": names the member, takes an optional reason, and
// only then calls exclusions:add (audited). The member stays on the list and is left out of every
// notice to it, also after a re-import, until included again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';

interface Props {
  member: MemberDto;
  listId: number;
  actorId: number | null;
  onDone: () => void;
  onClose: () => void;
}

export function ExcludeMemberForm({ member, listId, actorId, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [reason, setReason] = useState('');
  const exclude = async (e: React.FormEvent) => {
    e.preventDefault();
    if (actorId === null) return;
    const r = await call.run('exclusions:add', { actorId, listId, memberId: member.id, reason: reason.trim() || null });
    if (r !== undefined) onDone();
  };
  return (
    <form className="card inset warn-card" data-testid="exclude-member" onSubmit={(e) => void exclude(e)}>
      <h4>{t('members.excludeTitle')}</h4>
      <p>{t('members.excludeQuestion', { name: member.name || '—', email: member.email })}</p>
      <label className="field">
        <span>{t('members.excludeReason')}</span>
        <input name="exclude-reason" maxLength={200} value={reason} placeholder={t('members.excludeReasonExample')} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="btn danger" data-action="confirm-exclude" disabled={call.busy || actorId === null}>
          {t('members.excludeYes')}
        </button>
        <button type="button" className="btn" data-action="close-member-form" onClick={onClose}>
          {t('members.cancel')}
        </button>
        {actorId === null && <span className="warn">{t('app.noOperator')}</span>}
      </div>
      <ErrorText error={call.error} />
    </form>
  );
}
