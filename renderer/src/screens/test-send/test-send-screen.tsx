// Screen 5: send one member's exact message, marked as a test, to one of the organisation's
// registered test addresses (Settings); no other address can be chosen or typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { ListBadge } from '../../components/list-badge';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { useDebounced } from '../compose/use-debounced';

export function TestSendScreen() {
  const { t } = useTranslation();
  const { campaignId, operatorId, go } = useApp();
  const campaign = useQuery('campaigns:get', campaignId === null ? null : { id: campaignId });
  const profiles = useQuery('profiles:list', {});
  const profile = profiles.data?.find((p) => p.id === campaign.data?.profileId);
  const registered = useQuery('test-addresses:list', {});
  // The host searches every member of the list by name or address (not only the first 100 shown).
  const [memberQuery, setMemberQuery] = useState('');
  const q = useDebounced(memberQuery.trim());
  const members = useQuery('members:page', campaign.data ? { listId: campaign.data.listId, offset: 0, limit: 100, ...(q ? { query: q } : {}) } : null);
  const [memberId, setMemberId] = useState<number | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const call = useCall();
  const [sent, setSent] = useState<string | null>(null);
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  const addresses = (registered.data ?? []).map((a) => a.address);
  const fromRegistered = addresses.find((a) => a.toLowerCase() === profile?.fromAddress.toLowerCase());
  const address = to ?? fromRegistered ?? addresses[0] ?? '';
  const chosen = memberId ?? members.data?.members[0]?.id ?? null;

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    if (operatorId === null) return;
    setSent(null);
    const r = await call.run('test:send', {
      actorId: operatorId,
      campaignId,
      memberId: chosen ?? undefined,
      to: address || undefined,
    });
    if (r) setSent(t('testSend.sent', { to: r.to, response: r.response }));
  };

  return (
    <form data-screen="test-send" className="card" onSubmit={(e) => void send(e)}>
      <h2>{t('testSend.title')}</h2>
      {campaign.data && <ListBadge listId={campaign.data.listId} recipients={campaign.data.recipientCount} />}
      <p>{t('testSend.intro')}</p>
      <label className="field">
        <span>{t('testSend.member')}</span>
        <input type="search" name="test-member-search" placeholder={t('check.search')} value={memberQuery} onChange={(e) => setMemberQuery(e.target.value)} />
        <select name="test-member" translate="no" value={chosen ?? ''} onChange={(e) => setMemberId(Number(e.target.value))}>
          {(members.data?.members ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} &lt;{m.email}&gt;
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('testSend.to')}</span>
        <select name="test-to" value={address} onChange={(e) => setTo(e.target.value)}>
          {addresses.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <small className="hint">{t('testSend.toHint')}</small>
      </label>
      {registered.data?.length === 0 && (
        <p className="warn" data-testid="no-test-address">
          {t('testSend.noAddress')}{' '}
          <button type="button" className="btn small" onClick={() => go('settings')}>
            {t('nav.settings')}
          </button>
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn primary" data-action="test-send" disabled={call.busy || operatorId === null || address === ''}>
          {call.busy ? t('testSend.sending') : t('testSend.send')}
        </button>
        {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
      </div>
      {sent && (
        <p className="notice" data-testid="test-sent">
          {sent}
        </p>
      )}
      <ErrorText error={call.error ?? campaign.error} />
      <button type="button" className="btn" data-action="to-approval" onClick={() => go('approval')}>
        {t('testSend.nextStep')}
      </button>
    </form>
  );
}
