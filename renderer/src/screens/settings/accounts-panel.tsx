// Settings → Mail accounts: every account with how it logs in (and who signed it in), and the
// ways to add, edit, test, sign in and remove one after set-up. Changing or removing takes two
// people's PINs (checked by the host); testing shows which step failed and what to do.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestDto, ProfileDto } from '../../../../shared/contract';
import { ConnectionSteps } from '../../components/connection-steps';
import { ErrorText } from '../../components/error-text';
import { OAuthSignIn } from '../../components/oauth-sign-in';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { AccountEditor } from './account-editor';

/** onChanged: an account was added, edited or removed (the IMAP panel below lists them too). */
export function AccountsPanel({ onChanged }: { onChanged?: () => void } = {}) {
  const { t, i18n } = useTranslation();
  const { users, operatorId } = useApp();
  const profiles = useQuery('profiles:list', {});
  const grants = useQuery('oauth:grants', {});
  const settings = useQuery('settings:get', {});
  const setUp = useQuery('setup:status', {});
  const call = useCall();
  const [editing, setEditing] = useState<ProfileDto | 'new' | null>(null);
  const [tested, setTested] = useState<{ id: number; result: ConnectionTestDto | null } | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [signers, setSigners] = useState(emptySigners());
  const needSigners = setUp.data?.usersSetUp ?? true;
  const accounts = (profiles.data ?? []).filter((p) => !p.practice);

  const reload = () => {
    profiles.reload();
    grants.reload();
    settings.reload();
    onChanged?.();
  };
  const test = async (id: number) => {
    setTested(null);
    const result = await call.run('profiles:test', { id });
    setTested({ id, result: result ?? null });
  };
  const remove = async (id: number) => {
    if (operatorId === null) return;
    const confirmed = signersOf(signers);
    const ok = await call.run('profiles:delete', { actorId: operatorId, id, ...(needSigners && confirmed ? { signers: confirmed } : {}) });
    setSigners(emptySigners());
    if (ok === null) {
      setRemoving(null);
      reload();
    }
  };

  return (
    <section className="card" data-testid="accounts-panel">
      <h3>{t('accounts.title')}</h3>
      <p className="hint">{t('accounts.intro')}</p>
      <ul className="plain accounts">
        {accounts.map((p) => {
          const grant = grants.data?.find((g) => g.profileId === p.id) ?? null;
          return (
            <li key={p.id} className="account" data-account={p.name}>
              <div className="row">
                <strong>{p.name}</strong>
                <span>{p.fromName ? `${p.fromName} <${p.fromAddress}>` : p.fromAddress}</span>
                <span className="hint">
                  {p.host}:{p.port} · {t(`accounts.methodShort_${p.authMethod}`)}
                </span>
              </div>
              {p.authMethod === 'oauth2' && p.oauthProvider && (
                <div className="row">
                  <span className={grant ? 'notice' : 'warn'} data-testid="oauth-state">
                    {grant ? t('accounts.signedInAs', { account: grant.account ?? p.authUser, when: new Date(grant.signedInAt).toLocaleString(i18n.language) }) : t('accounts.notSignedIn')}
                  </span>
                  <OAuthSignIn profileId={p.id} provider={p.oauthProvider} again={grant !== null} onSignedIn={() => grants.reload()} />
                </div>
              )}
              <div className="row">
                <button type="button" className="btn small" data-action="test-account" disabled={call.busy} onClick={() => void test(p.id)}>
                  {t('accounts.test')}
                </button>
                <button type="button" className="btn small" data-action="edit-account" onClick={() => setEditing(p)}>
                  {t('accounts.edit')}
                </button>
                <button type="button" className="btn small danger" data-action="remove-account" onClick={() => setRemoving(p.id)}>
                  {t('accounts.remove')}
                </button>
              </div>
              {tested?.id === p.id && <ConnectionSteps result={tested.result} error={call.error} />}
              {removing === p.id && (
                <div className="card">
                  <p className="warn">{t('accounts.removeConfirm')}</p>
                  {needSigners && <TwoSigners name="remove-account" users={users} value={signers} onChange={setSigners} />}
                  <button type="button" className="btn danger" data-action="confirm-remove-account" disabled={call.busy || (needSigners && !signersOf(signers))} onClick={() => void remove(p.id)}>
                    {t('accounts.remove')}
                  </button>
                  <ErrorText error={call.error} />
                </div>
              )}
            </li>
          );
        })}
        {profiles.data && accounts.length === 0 && <li className="hint">{t('accounts.none')}</li>}
      </ul>
      {editing === null ? (
        <button type="button" className="btn" data-action="add-account" onClick={() => setEditing('new')}>
          {t('accounts.add')}
        </button>
      ) : (
        <AccountEditor
          key={editing === 'new' ? 'new' : editing.id}
          account={editing === 'new' ? null : editing}
          needSigners={needSigners}
          organisationAddress={settings.data?.organisationAddress ?? null}
          onSaved={(p) => {
            setEditing(null);
            reload();
            void test(p.id);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorText error={profiles.error ?? grants.error} />
    </section>
  );
}
