// Forgotten PIN: the organisation's recovery code (kept away from the users) plus another user's
// PIN give the user a new PIN. The code is then used up and a new one is shown once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { UserSelect } from '../../components/user-select';
import { useCall } from '../../hooks/use-call';

export function RecoverPinForm({ users, onRecovered }: { users: readonly UserDto[]; onRecovered: (nextCode: string) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const [userId, setUserId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [helperId, setHelperId] = useState<number | null>(null);
  const [helperPin, setHelperPin] = useState('');
  const same = userId !== null && userId === helperId;
  const ready = userId !== null && helperId !== null && !same && pin.length >= 4 && helperPin.length >= 4 && code.trim().length >= 16;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const r = await call.run('users:recover', { userId: userId!, pin, recoveryCode: code.trim(), helper: { userId: helperId!, pin: helperPin } });
    setHelperPin('');
    if (!r) return;
    setPin('');
    setCode('');
    setUserId(null);
    setHelperId(null);
    onRecovered(r.recoveryCode);
  };

  return (
    <details className="recover">
      <summary>{t('people.forgotTitle')}</summary>
      <form onSubmit={(e) => void submit(e)} data-testid="recover-form">
        <p className="hint">{t('people.forgotText')}</p>
        <div className="row">
          <label className="field">
            <span>{t('people.forgotWho')}</span>
            <UserSelect name="recover-user" users={users} value={userId} onChange={setUserId} />
          </label>
          <label className="field">
            <span>{t('people.newPin')}</span>
            <input name="recover-pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        </div>
        <label className="field">
          <span>{t('people.recoveryCode')}</span>
          <input name="recover-code" autoComplete="off" spellCheck={false} placeholder="XXXXX-XXXXX-XXXXX-XXXXX" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <div className="row">
          <label className="field">
            <span>{t('people.forgotHelper')}</span>
            <UserSelect name="recover-helper" users={users} value={helperId} onChange={setHelperId} />
          </label>
          <label className="field">
            <span>{t('approval.pin')}</span>
            <input name="recover-helper-pin" type="password" inputMode="numeric" autoComplete="off" value={helperPin} onChange={(e) => setHelperPin(e.target.value)} />
          </label>
        </div>
        {same && <div className="error" role="alert">{t('people.signersSame')}</div>}
        <button type="submit" className="btn" data-action="recover-pin" disabled={call.busy || !ready}>
          {t('people.forgotSubmit')}
        </button>
        <ErrorText error={call.error} />
      </form>
    </details>
  );
}
