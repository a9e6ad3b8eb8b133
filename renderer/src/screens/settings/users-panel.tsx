// The people who prepare and approve sends. Once two exist, adding, renaming, removing a user or
// giving one a new PIN needs two of them to enter their PINs; a forgotten PIN is recovered with
// the organisation's recovery code plus another user's PIN.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { RecoveryCodeNotice } from '../../components/recovery-code-notice';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { UserSelect } from '../../components/user-select';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';
import { RecoverPinForm } from './recover-pin-form';

type Action = 'add' | 'rename' | 'set-pin' | 'remove' | 'new-code';
const ACTIONS: readonly Action[] = ['add', 'rename', 'set-pin', 'remove', 'new-code'];

export function UsersPanel() {
  const { t } = useTranslation();
  const { users, reload } = useApp();
  const call = useCall();
  const [action, setAction] = useState<Action>('add');
  const [target, setTarget] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [signers, setSigners] = useState(emptySigners());
  const [done, setDone] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const confirmed = signersOf(signers);
  const needsTarget = action === 'rename' || action === 'set-pin' || action === 'remove';
  const ready = confirmed !== null && (!needsTarget || target !== null) && (action !== 'add' || (name.trim() && pin.length >= 4)) && (action !== 'rename' || name.trim()) && (action !== 'set-pin' || pin.length >= 4);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!confirmed) return;
    setDone(null);
    let ok = false;
    if (action === 'add') ok = (await call.run('users:create', { name: name.trim(), pin, signers: confirmed })) !== undefined;
    else if (action === 'new-code') {
      const r = await call.run('users:new-recovery-code', { signers: confirmed });
      if (r) setCode(r.recoveryCode);
      ok = r !== undefined;
    } else if (target !== null) {
      if (action === 'rename') ok = (await call.run('users:rename', { userId: target, name: name.trim(), signers: confirmed })) !== undefined;
      if (action === 'set-pin') ok = (await call.run('users:set-pin', { userId: target, pin, signers: confirmed })) !== undefined;
      if (action === 'remove') ok = (await call.run('users:remove', { userId: target, signers: confirmed })) !== undefined;
    }
    setSigners(emptySigners());
    if (!ok) return;
    setDone(t(`people.done_${action}`));
    setName('');
    setPin('');
    setTarget(null);
    reload();
  };

  return (
    <section className="card" data-testid="users-panel">
      <h3>{t('people.title')}</h3>
      <p className="hint">{t('people.intro')}</p>
      <ul className="plain" data-testid="users-list">
        {users.map((u) => (
          <li key={u.id}>
            <span translate="no">{u.name}</span>
            {u.locked && u.lockedUntil !== null && <span className="warn"> {t('people.lockedUntil', { time: new Date(u.lockedUntil).toLocaleTimeString() })}</span>}
          </li>
        ))}
      </ul>
      {code && <RecoveryCodeNotice code={code} onDone={() => setCode(null)} />}
      <form onSubmit={(e) => void submit(e)} data-testid="users-change">
        <label className="field">
          <span>{t('people.action')}</span>
          <select name="user-action" value={action} onChange={(e) => setAction(e.target.value as Action)}>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`people.action_${a}`)}
              </option>
            ))}
          </select>
        </label>
        {needsTarget && (
          <label className="field">
            <span>{t('people.target')}</span>
            <UserSelect name="user-target" users={users} value={target} onChange={setTarget} />
          </label>
        )}
        {(action === 'add' || action === 'rename') && (
          <label className="field">
            <span>{t('setup.userName')}</span>
            <input name="user-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        {(action === 'add' || action === 'set-pin') && (
          <label className="field">
            <span>{t('people.newPin')}</span>
            <input name="user-pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
            <small className="hint">{t('people.pinRule')}</small>
          </label>
        )}
        <TwoSigners name="users" users={users} value={signers} onChange={setSigners} />
        <button type="submit" className="btn primary" data-action="user-change" disabled={call.busy || !ready}>
          {t(`people.action_${action}`)}
        </button>
        {done && <p className="notice" role="status">{done}</p>}
        <ErrorText error={call.error} />
      </form>
      <RecoverPinForm users={users} onRecovered={(next) => { setCode(next); reload(); }} />
    </section>
  );
}
