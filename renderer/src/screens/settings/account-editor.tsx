// One mail account, added or edited after set-up: a provider preset fills the connection, the
// way of logging in and the limits (with the provider's help and any steps to follow), and the
// change is saved with two people's PINs. Saving voids approvals of notices that use the account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf, ProfileDto } from '../../../../shared/contract';
import { MAIL_PRESETS } from '../../../../shared/mail-presets';
import { OAUTH_PROVIDERS, type OAuthProvider } from '../../../../shared/smtp-profile';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';
import { LimitFields } from '../setup/limit-fields';
import { applyPresetId, PresetPicker } from './preset-picker';

type AccountInput = ArgsOf<'profiles:create'>['profile'];

function inputOf(p: ProfileDto | null): AccountInput {
  if (!p) {
    return { name: '', host: '', port: 587, security: 'starttls', authMethod: 'password', oauthProvider: null, authUser: '', password: '', fromAddress: '', fromName: '', perMinute: 30, perHour: null, perDay: null, carrierPerMinute: 20, maxConnections: 2 };
  }
  const { id: _id, hasPassword: _h, practice: _p, ...fields } = p;
  return fields;
}

interface Props {
  account: ProfileDto | null;
  needSigners: boolean;
  organisationAddress: string | null;
  onSaved: (p: ProfileDto) => void;
  onCancel: () => void;
}

export function AccountEditor({ account, needSigners, organisationAddress, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const { users, operatorId } = useApp();
  const call = useCall();
  const [value, setValue] = useState<AccountInput>(() => inputOf(account));
  const [presetId, setPresetId] = useState<string>('');
  const [signers, setSigners] = useState(emptySigners());
  const set = (patch: Partial<AccountInput>) => setValue((v) => ({ ...v, ...patch }));
  const preset = MAIL_PRESETS.find((p) => p.id === presetId) ?? null;
  const confirmed = signersOf(signers);
  const oauth = value.authMethod === 'oauth2';
  const isOrgAddress = account !== null && organisationAddress !== null && account.fromAddress.toLowerCase() === organisationAddress.toLowerCase();

  const choosePreset = (id: string) => {
    setPresetId(id);
    setValue((v) => applyPresetId(v, id, presetId, t));
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    // An OAuth account has no password; a password left empty while editing keeps the stored one.
    const { password, ...rest } = value;
    const profile: AccountInput = { ...rest, authUser: rest.authUser?.trim() || null, ...(!oauth && password ? { password } : {}) };
    const extra = needSigners && confirmed ? { signers: confirmed } : {};
    const saved = account
      ? await call.run('profiles:update', { actorId: operatorId, id: account.id, profile, ...extra })
      : await call.run('profiles:create', { actorId: operatorId, profile, ...extra });
    setSigners(emptySigners());
    if (saved) onSaved(saved);
  };

  return (
    <form className="card account-editor" data-testid="account-editor" onSubmit={(e) => void save(e)}>
      <h4>{account ? t('accounts.edit') : t('accounts.add')}</h4>
      <PresetPicker name="account-preset" presetId={presetId} onChoose={choosePreset} />
      <div className="grid2">
        <label className="field">
          <span>{t('setup.profileName')}</span>
          <input name="account-name" value={value.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('setup.host')}</span>
          <input
            name="account-host"
            value={value.host}
            placeholder={preset?.id === 'xserver' || preset?.id === 'sakura' ? t(`accounts.hostPlaceholder_${preset.id}`) : ''}
            onChange={(e) => set({ host: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('setup.port')}</span>
          <input name="account-port" type="number" value={value.port} onChange={(e) => set({ port: Number(e.target.value) })} />
        </label>
        <label className="field">
          <span>{t('setup.security')}</span>
          <select name="account-security" value={value.security} onChange={(e) => set({ security: e.target.value as AccountInput['security'] })}>
            <option value="tls">{t('setup.secTls')}</option>
            <option value="starttls">{t('setup.secStarttls')}</option>
            <option value="none">{t('setup.secNone')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('accounts.authMethod')}</span>
          <select
            name="account-auth-method"
            value={value.authMethod}
            onChange={(e) => set(e.target.value === 'oauth2' ? { authMethod: 'oauth2', oauthProvider: value.oauthProvider ?? 'microsoft' } : { authMethod: 'password', oauthProvider: null })}
          >
            <option value="password">{t('accounts.authPassword')}</option>
            <option value="oauth2">{t('accounts.authOauth')}</option>
          </select>
        </label>
        {oauth && (
          <label className="field">
            <span>{t('accounts.oauthProvider')}</span>
            <select name="account-oauth-provider" value={value.oauthProvider ?? 'microsoft'} onChange={(e) => set({ oauthProvider: e.target.value as OAuthProvider })}>
              {OAUTH_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {t(`accounts.oauthProvider_${p}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{oauth ? t('accounts.authUserOauth') : t('setup.authUser')}</span>
          <input name="account-user" value={value.authUser ?? ''} onChange={(e) => set({ authUser: e.target.value })} />
        </label>
        {!oauth && (
          <label className="field">
            <span>{t('setup.password')}</span>
            <input name="account-password" type="password" autoComplete="new-password" value={value.password ?? ''} onChange={(e) => set({ password: e.target.value })} />
          </label>
        )}
        <label className="field">
          <span>{t('setup.fromAddress')}</span>
          <input name="account-from" value={value.fromAddress} onChange={(e) => set({ fromAddress: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('setup.fromName')}</span>
          <input name="account-from-name" value={value.fromName} onChange={(e) => set({ fromName: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('setup.perMinute')}</span>
          <input name="account-per-minute" type="number" min={1} value={value.perMinute ?? ''} onChange={(e) => set({ perMinute: e.target.value ? Number(e.target.value) : null })} />
        </label>
        <label className="field">
          <span>{t('accounts.perHour')}</span>
          <input name="account-per-hour" type="number" min={1} value={value.perHour ?? ''} onChange={(e) => set({ perHour: e.target.value ? Number(e.target.value) : null })} />
        </label>
        <LimitFields value={value} set={set} />
      </div>
      {isOrgAddress && <p className="hint">{t('accounts.fromIsOrganisation')}</p>}
      {account && <p className="warn" data-testid="voids-approvals">{t('accounts.voidsApprovals')}</p>}
      {needSigners && <TwoSigners name="account" users={users} value={signers} onChange={setSigners} />}
      <div className="row">
        <button type="submit" className="btn primary" data-action="save-account" disabled={call.busy || !value.host || !value.fromAddress || (needSigners && !confirmed)}>
          {t('accounts.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
      <ErrorText error={call.error} />
    </form>
  );
}
