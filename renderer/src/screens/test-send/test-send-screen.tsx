// Screen 5: send one member's exact message to the operator's own address, marked as a test.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

export function TestSendScreen() {
  const { t } = useTranslation();
  const { campaignId, operatorId, go } = useApp();
  const campaign = useQuery('campaigns:get', campaignId === null ? null : { id: campaignId });
  const profiles = useQuery('profiles:list', {});
  const profile = profiles.data?.find((p) => p.id === campaign.data?.profileId);
  const members = useQuery('members:page', campaign.data ? { listId: campaign.data.listId, offset: 0, limit: 100 } : null);
  const [memberId, setMemberId] = useState<number | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const call = useCall();
  const [sent, setSent] = useState<string | null>(null);
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  const address = to ?? profile?.fromAddress ?? '';
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
      <p>{t('testSend.intro')}</p>
      <label className="field">
        <span>{t('testSend.member')}</span>
        <select name="test-member" value={chosen ?? ''} onChange={(e) => setMemberId(Number(e.target.value))}>
          {(members.data?.members ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} &lt;{m.email}&gt;
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('testSend.to')}</span>
        <input name="test-to" type="email" value={address} onChange={(e) => setTo(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="btn primary" data-action="test-send" disabled={call.busy || operatorId === null}>
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
