// SMTP profile fields, starting from a provider preset (Microsoft 365 and Google sign in with
// their own page, after set-up), with "Test connection" (which saves the profile first); the
// password goes to the host and never comes back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../../shared/contract';
import { ConnectionSteps } from '../../components/connection-steps';
import { useCall } from '../../hooks/use-call';
import { LimitFields } from './limit-fields';
import { applyPresetId, PresetPicker } from '../settings/preset-picker';
import { DEFAULT_CARRIER_PER_MINUTE } from '../../../../shared/sending/carrier-domains';

export type ProfileInput = ArgsOf<'profiles:create'>['profile'];

export function emptyProfile(): ProfileInput {
  return {
    name: '',
    host: '',
    port: 587,
    security: 'starttls',
    authMethod: 'password',
    oauthProvider: null,
    authUser: '',
    password: '',
    fromAddress: '',
    fromName: '',
    perMinute: 30,
    perHour: null,
    perDay: null,
    carrierPerMinute: DEFAULT_CARRIER_PER_MINUTE,
    maxConnections: 2,
  };
}

interface Props {
  value: ProfileInput;
  onChange: (p: ProfileInput) => void;
  /** Saves the form's profile (the host tests saved profiles only) and returns its id. */
  save: () => Promise<number | undefined>;
}

export function ProfileForm({ value, onChange, save }: Props) {
  const { t } = useTranslation();
  const test = useCall();
  const [okText, setOkText] = useState<string | null>(null);
  const [presetId, setPresetId] = useState('');
  const set = (patch: Partial<ProfileInput>) => onChange({ ...value, ...patch });
  // Signing in with Microsoft or Google needs a user to act (and for Settings to hold the
  // organisation's app): it is done in Settings once set-up is saved, so no password here.
  const oauth = value.authMethod === 'oauth2';
  const choosePreset = (id: string) => {
    setPresetId(id);
    const next = applyPresetId(value, id, presetId, t);
    onChange(next.authMethod === 'oauth2' ? { ...next, password: '' } : next);
  };
  const runTest = async () => {
    setOkText(null);
    const id = await save();
    if (id === undefined) return;
    const r = await test.run('profiles:test', { id });
    setOkText(r ? (r.authenticated ? t('setup.testOkAuth', { host: r.host, port: r.port }) : t('setup.testOk', { host: r.host, port: r.port })) : null);
  };
  return (
    <fieldset className="card">
      <legend>{t('setup.smtpTitle')}</legend>
      <PresetPicker name="smtp-preset" presetId={presetId} onChoose={choosePreset} />
      {oauth && (
        <p className="notice" data-testid="setup-oauth-later">
          {t('setup.oauthLater', { provider: t(`accounts.oauthProvider_${value.oauthProvider ?? 'microsoft'}`) })}
        </p>
      )}
      <div className="grid2">
        <label className="field">
          <span>{t('setup.host')}</span>
          <input name="smtp-host" value={value.host} onChange={(e) => set({ host: e.target.value })} />
        </label>
        <div className="row">
          <label className="field">
            <span>{t('setup.port')}</span>
            <input
              name="smtp-port"
              type="number"
              value={value.port}
              onChange={(e) => set({ port: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            <span>{t('setup.security')}</span>
            <select
              name="smtp-security"
              value={value.security}
              onChange={(e) => set({ security: e.target.value as ProfileInput['security'] })}
            >
              <option value="tls">{t('setup.secTls')}</option>
              <option value="starttls">{t('setup.secStarttls')}</option>
              <option value="none">{t('setup.secNone')}</option>
            </select>
          </label>
        </div>
        <label className="field">
          <span>{oauth ? t('accounts.authUserOauth') : t('setup.authUser')}</span>
          <input name="smtp-user" value={value.authUser ?? ''} onChange={(e) => set({ authUser: e.target.value || null })} />
        </label>
        {!oauth && (
          <label className="field">
            <span>{t('setup.password')}</span>
            <input
              name="smtp-password"
              type="password"
              autoComplete="new-password"
              value={value.password ?? ''}
              onChange={(e) => set({ password: e.target.value })}
            />
          </label>
        )}
        <label className="field">
          <span>{t('setup.fromAddress')}</span>
          <input name="smtp-from" value={value.fromAddress} onChange={(e) => set({ fromAddress: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('setup.fromName')}</span>
          <input name="smtp-from-name" value={value.fromName} onChange={(e) => set({ fromName: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('setup.perMinute')}</span>
          <input
            name="smtp-per-minute"
            type="number"
            min={1}
            value={value.perMinute ?? ''}
            onChange={(e) => set({ perMinute: e.target.value ? Number(e.target.value) : null })}
          />
        </label>
        <LimitFields value={value} set={set} />
      </div>
      {!oauth && (
        <>
          <div className="row">
            <button type="button" className="btn" data-action="test-connection" onClick={() => void runTest()} disabled={test.busy || !value.host}>
              {test.busy ? t('setup.testing') : t('setup.testConnection')}
            </button>
            {okText && !test.busy && <span className="notice">{okText}</span>}
          </div>
          <ConnectionSteps result={null} error={test.error} />
        </>
      )}
    </fieldset>
  );
}
