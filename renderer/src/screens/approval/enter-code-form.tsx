// "Enter the approval code": for a code mailed to an approver for this request (the list says to
// whom and where, never the code), typed by whoever is at the desk as the approver reads it out.
// Wrong codes count against the approver like wrong PINs, and the error says how many are left.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalCodeSentDto, ApprovalDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';

interface Props {
  campaignId: number;
  operatorId: number | null;
  pending: readonly ApprovalCodeSentDto[];
  onApproved: (a: ApprovalDto) => void;
}

export function EnterCodeForm({ campaignId, operatorId, pending, onApproved }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [chosen, setChosen] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const latest = pending.at(-1);
  const approverId = chosen ?? latest?.approverId ?? null;
  if (!latest) return null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (approverId === null) return;
    const a = await call.run('approval-mail:enter', { actorId: operatorId, campaignId, approverId, code });
    setCode('');
    if (a) onApproved(a);
  };
  const when = (ms: number) => new Date(ms).toLocaleString();

  return (
    <form className="card" data-testid="enter-code" onSubmit={(e) => void submit(e)}>
      <h3>{t('approvalMail.codeTitle')}</h3>
      <p className="hint">{t('approvalMail.codeIntro')}</p>
      <ul className="plain" data-testid="pending-codes">
        {pending.map((p) => (
          <li key={p.id}>{t('approvalMail.pendingFor', { name: p.approverName, address: p.address, sent: when(p.sentAt), until: when(p.expiresAt) })}</li>
        ))}
      </ul>
      <div className="row">
        {pending.length > 1 && (
          <label className="field">
            <span>{t('approvalMail.codeFor')}</span>
            <select name="code-approver" value={approverId ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>
              {pending.map((p) => (
                <option key={p.id} value={p.approverId}>
                  {p.approverName} ({p.address})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('approvalMail.code')}</span>
          <input name="approval-code" inputMode="numeric" autoComplete="one-time-code" maxLength={20} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="btn primary" data-action="enter-code" disabled={call.busy || code.trim().length < 8}>
          {t('approvalMail.enter')}
        </button>
      </div>
      <ErrorText error={call.error} />
    </form>
  );
}
