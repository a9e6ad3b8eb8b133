// Settings → Sign-in apps: which OAuth client each provider signs in with (the organisation's own,
// the one built into this copy, or none), and the organisation's own, set with two PINs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

type Patch = Omit<ArgsOf<'oauth:set-config'>, 'actorId' | 'signers'>;

export function OAuthAppsPanel() {
  const { t } = useTranslation();
  const { users, operatorId } = useApp();
  const config = useQuery('oauth:config', {});
  const setUp = useQuery('setup:status', {});
  const call = useCall();
  const [patch, setPatch] = useState<Patch>({});
  const [signers, setSigners] = useState(emptySigners());
  const needSigners = setUp.data?.usersSetUp ?? true;
  const confirmed = signersOf(signers);
  const c = config.data;
  const field = (key: keyof Patch, label: string, current: string | null | undefined, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input name={`oauth-${key}`} type={type} value={patch[key] ?? (type === 'password' ? '' : (current ?? ''))} onChange={(e) => setPatch((p) => ({ ...p, [key]: e.target.value }))} />
    </label>
  );
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await call.run('oauth:set-config', { actorId: operatorId, ...patch, ...(needSigners && confirmed ? { signers: confirmed } : {}) });
    setSigners(emptySigners());
    if (r) {
      setPatch({});
      config.reload();
    }
  };
  if (!c) return <ErrorText error={config.error} />;
  return (
    <form className="card" data-testid="oauth-apps-panel" onSubmit={(e) => void save(e)}>
      <h3>{t('accounts.apps')}</h3>
      <p className="hint">{t('accounts.appsIntro')}</p>
      <h4>Microsoft</h4>
      <p className="hint" data-testid="oauth-source-microsoft">{t(`accounts.appsSource_${c.microsoft.source}`)}</p>
      <div className="grid2">
        {field('microsoftClientId', t('accounts.appsClientId'), c.microsoft.clientId)}
        {field('microsoftTenant', t('accounts.appsTenant'), c.microsoft.tenant)}
      </div>
      <h4>Google</h4>
      <p className="hint" data-testid="oauth-source-google">{t(`accounts.appsSource_${c.google.source}`)}</p>
      <div className="grid2">
        {field('googleClientId', t('accounts.appsClientId'), c.google.clientId)}
        {field('googleClientSecret', t('accounts.appsSecret'), null, 'password')}
      </div>
      <h4>{t('accounts.oauthProvider_custom')}</h4>
      <p className="hint">{t(`accounts.appsSource_${c.custom.source}`)}</p>
      <div className="grid2">
        {field('customIssuer', t('accounts.appsIssuer'), c.custom.issuer)}
        {field('customClientId', t('accounts.appsClientId'), c.custom.clientId)}
        {field('customScope', t('accounts.appsScope'), c.custom.scope)}
      </div>
      {needSigners && Object.keys(patch).length > 0 && <TwoSigners name="oauth-apps" users={users} value={signers} onChange={setSigners} />}
      <button type="submit" className="btn" data-action="save-oauth-apps" disabled={call.busy || Object.keys(patch).length === 0 || (needSigners && !confirmed)}>
        {t('accounts.appsSave')}
      </button>
      <ErrorText error={call.error} />
    </form>
  );
}
