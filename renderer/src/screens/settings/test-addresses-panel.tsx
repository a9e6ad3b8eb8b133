// The organisation's own addresses a test send may go to. A test carries a real member's data, so
// registering an address takes two people's PINs (none while still setting up); removing one
// only narrows where tests go, and is recorded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

export function TestAddressesPanel() {
  const { t } = useTranslation();
  const { users, operatorId } = useApp();
  const list = useQuery('test-addresses:list', {});
  const setUp = useQuery('setup:status', {});
  const call = useCall();
  const [address, setAddress] = useState('');
  const [signers, setSigners] = useState(emptySigners());
  const needSigners = setUp.data?.usersSetUp ?? true;
  const confirmed = signersOf(signers);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await call.run('test-addresses:add', { address: address.trim(), ...(needSigners && confirmed ? { signers: confirmed } : {}) });
    setSigners(emptySigners());
    if (!r) return;
    setAddress('');
    list.reload();
  };
  const remove = async (a: string) => {
    if (operatorId === null) return;
    if (await call.run('test-addresses:remove', { actorId: operatorId, address: a })) list.reload();
  };

  return (
    <section className="card" data-testid="test-addresses-panel">
      <h3>{t('people.testTitle')}</h3>
      <p className="hint">{t('people.testIntro')}</p>
      <ul className="plain" data-testid="test-addresses">
        {(list.data ?? []).map((a) => (
          <li key={a.address} className="row">
            <span translate="no">{a.address}</span>
            <button type="button" className="btn small" data-action="remove-test-address" disabled={call.busy || operatorId === null} onClick={() => void remove(a.address)}>
              {t('people.testRemove')}
            </button>
          </li>
        ))}
        {list.data?.length === 0 && <li className="hint">{t('people.testNone')}</li>}
      </ul>
      <form onSubmit={(e) => void add(e)}>
        <label className="field">
          <span>{t('people.testAddress')}</span>
          <input name="test-address" type="email" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="office@sakura.example" />
        </label>
        {needSigners && <TwoSigners name="test-address" users={users} value={signers} onChange={setSigners} />}
        <button type="submit" className="btn primary" data-action="add-test-address" disabled={call.busy || !address.includes('@') || (needSigners && !confirmed)}>
          {t('people.testAdd')}
        </button>
        <ErrorText error={call.error ?? list.error} />
      </form>
    </section>
  );
}
