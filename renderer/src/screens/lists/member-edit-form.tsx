// Edit one member in Tayori: the address and the other cells of their row (members:update). The
// service normalises the address, marks the row as changed for the next check, and audits it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListDto, MemberDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';

interface Props {
  member: MemberDto;
  list: ListDto;
  actorId: number | null;
  onSaved: (m: MemberDto) => void;
  onClose: () => void;
}

export function MemberEditForm({ member, list, actorId, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [email, setEmail] = useState(member.email);
  // The address column is edited as the address above (the service keeps both the same).
  const columns = list.columns.filter((c) => c !== list.emailColumn);
  const [cells, setCells] = useState<Record<string, string>>(() => Object.fromEntries(columns.map((c) => [c, member.fields[c] ?? ''])));
  const changedCells = Object.fromEntries(Object.entries(cells).filter(([c, v]) => v !== (member.fields[c] ?? '')));
  const emailChanged = email.trim() !== member.email;
  const dirty = emailChanged || Object.keys(changedCells).length > 0;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (actorId === null || !dirty) return;
    const m = await call.run('members:update', {
      actorId,
      memberId: member.id,
      ...(emailChanged ? { email: email.trim() } : {}),
      ...(Object.keys(changedCells).length ? { fields: changedCells } : {}),
    });
    if (m) onSaved(m);
  };

  return (
    <form className="card inset" data-testid="member-edit" noValidate onSubmit={(e) => void save(e)}>
      <h4>{t('members.editTitle', { name: member.name || member.email })}</h4>
      <p className="hint">{t('members.editHint')}</p>
      <label className="field">
        <span>{t('lists.email')}</span>
        <input name="edit-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <div className="grid2 list-scroll">
        {columns.map((c, i) => (
          <label key={c} className="field">
            <span>{c}</span>
            <input name={`edit-cell-${i}`} data-column={c} value={cells[c] ?? ''} onChange={(e) => setCells({ ...cells, [c]: e.target.value })} />
          </label>
        ))}
      </div>
      <div className="row">
        <button type="submit" className="btn primary" data-action="save-member" disabled={call.busy || !dirty || actorId === null || !email.trim()}>
          {t('members.save')}
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
