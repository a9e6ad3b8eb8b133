// Each approver's own approval address (issue 16): where a one-time approval code for them is
// mailed. Reading that mailbox is enough to approve as the user, so setting, changing or removing
// one takes two users' PINs, like adding an approver.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { UserSelect } from '../../components/user-select';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

export function ApprovalAddressesPanel() {
  const { t } = useTranslation();
  const { users } = useApp();
  const list = useQuery('approval-addresses:list', {});
  const call = useCall();
  const [userId, setUserId] = useState<number | null>(null);
  const [address, setAddress] = useState('');
  const [signers, setSigners] = useState(emptySigners());
  const confirmed = signersOf(signers);

  const save = async (value: string | null, forUser: number | null) => {
    if (forUser === null || !confirmed) return;
    const r = await call.run('approval-addresses:set', { userId: forUser, address: value, signers: confirmed });
    setSigners(emptySigners());
    if (!r) return;
    setAddress('');
    list.reload();
  };

  return (
    <section className="card" data-testid="approval-addresses-panel">
      <h3>{t('approvalMail.addressesTitle')}</h3>
      <p className="hint">{t('approvalMail.addressesIntro')}</p>
      <p className="warn" data-testid="approval-address-warning">{t('approvalMail.addressesWarning')}</p>
      <ul className="plain" data-testid="approval-addresses">
        {(list.data ?? []).map((a) => (
          <li key={a.userId} className="row">
            <span>
              {a.userName}: {a.address} <span className="hint">({t('approvalMail.addressSetBy', { by: a.setBy })})</span>
            </span>
            <button type="button" className="btn small" data-action="remove-approval-address" disabled={call.busy || !confirmed} onClick={() => void save(null, a.userId)}>
              {t('approvalMail.addressRemove')}
            </button>
          </li>
        ))}
        {list.data?.length === 0 && <li className="hint">{t('approvalMail.addressesNone')}</li>}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(address.trim(), userId);
        }}
      >
        <div className="row">
          <label className="field">
            <span>{t('approvalMail.addressUser')}</span>
            <UserSelect name="approval-address-user" users={users} value={userId} onChange={setUserId} />
          </label>
          <label className="field">
            <span>{t('approvalMail.address')}</span>
            <input name="approval-address" type="email" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="chair@example.jp" />
          </label>
        </div>
        <TwoSigners name="approval-address" users={users} value={signers} onChange={setSigners} />
        <button type="submit" className="btn primary" data-action="save-approval-address" disabled={call.busy || userId === null || !address.includes('@') || !confirmed}>
          {t('approvalMail.addressSave')}
        </button>
        <ErrorText error={call.error ?? list.error} />
      </form>
    </section>
  );
}
