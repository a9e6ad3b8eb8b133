// First run: choose practice (sample data) or set up the real organisation, mail account and users.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeletePractice } from '../../components/delete-practice';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { RecoveryCodeNotice } from '../../components/recovery-code-notice';
import { ProfileForm, emptyProfile } from './profile-form';
import { UsersForm, validPin, type NewUser } from './users-form';

export function SetupScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'choose' | 'real'>('choose');
  const practice = useCall();
  const status = useQuery('practice:status', {});
  const tryIt = async () => {
    if ((await practice.run('practice:enter', {})) !== undefined) onDone();
  };
  if (mode === 'real') return <RealSetup onDone={onDone} onBack={() => setMode('choose')} />;
  return (
    <div data-screen="setup">
      <h2>{t('setup.title')}</h2>
      <p>{t('setup.intro')}</p>
      <div className="grid2">
        <section className="card">
          <h3>{t('setup.tryTitle')}</h3>
          <p>{t('setup.tryText')}</p>
          <button type="button" className="btn primary big" data-action="try-sample" onClick={() => void tryIt()} disabled={practice.busy}>
            {t('setup.trySample')}
          </button>
          {/* Practice data left from an earlier rehearsal can be removed before setting up for real. */}
          {status.data?.hasData && (
            <div className="row">
              <DeletePractice active={false} className="btn" onDeleted={status.reload} />
            </div>
          )}
          {practice.busy && (
            <div className="practice-progress" role="status" data-testid="practice-progress">
              <progress className="progress" />
              <span>{t('ux.tryProgress')}</span>
            </div>
          )}
          <ErrorText error={practice.error} />
        </section>
        <section className="card">
          <h3>{t('setup.realTitle')}</h3>
          <p>{t('setup.realText')}</p>
          <button type="button" className="btn big" data-action="setup-real" onClick={() => setMode('real')}>
            {t('setup.setupReal')}
          </button>
        </section>
      </div>
    </div>
  );
}

function RealSetup({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState('');
  const [profile, setProfile] = useState(emptyProfile());
  const [users, setUsers] = useState<NewUser[]>([
    { name: '', pin: '', pin2: '' },
    { name: '', pin: '', pin2: '' },
  ]);
  const [localError, setLocalError] = useState<string | null>(null);
  const call = useCall();
  // What a previous, partly failed attempt already saved, so "Save" can be pressed again safely.
  const saved = useRef({ profileId: null as number | null, users: new Map<string, number>() });
  // Shown once, when the second user completes set-up; onDone waits until it was noted.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);

  /** Creates the profile the first time, updates it after; used by Save and by Test connection. */
  const saveProfile = async (): Promise<number | undefined> => {
    const p = { ...profile, name: profile.name || profile.fromAddress || profile.host, authUser: profile.authUser || null };
    const id = saved.current.profileId;
    const r = id === null
      ? await call.run('profiles:create', { actorId: null, profile: p })
      : await call.run('profiles:update', { actorId: null, id, profile: p });
    if (r) saved.current.profileId = r.id;
    return r?.id;
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const filled = users.filter((u) => u.name.trim() !== '');
    const names = new Set(filled.map((u) => u.name.trim()));
    if (filled.length < 2 || names.size !== filled.length || filled.some((u) => !validPin(u.pin))) {
      return setLocalError(t('setup.needTwo'));
    }
    if (filled.some((u) => u.pin !== u.pin2)) return setLocalError(t('setup.pinMismatch'));
    setLocalError(null);
    // The account's From address is the organisation's one sending address (checked before approval).
    const settings = { actorId: null, organisationName: org.trim(), organisationAddress: profile.fromAddress.trim() || null };
    if ((await call.run('settings:update', settings)) === undefined) return;
    if ((await saveProfile()) === undefined) return;
    let code: string | null = null;
    for (const u of filled) {
      const name = u.name.trim();
      if (saved.current.users.has(name)) continue;
      // From the third user on, two users exist: the first two confirm with the PINs typed above.
      const signers = saved.current.users.size >= 2
        ? filled.slice(0, 2).map((f) => ({ userId: saved.current.users.get(f.name.trim())!, pin: f.pin }))
        : undefined;
      const created = await call.run('users:create', { name, pin: u.pin, ...(signers ? { signers } : {}) });
      if (created === undefined) return;
      saved.current.users.set(name, created.id);
      code = created.recoveryCode ?? code;
    }
    if (code) setRecoveryCode(code);
    else onDone();
  };

  if (recoveryCode) return <RecoveryCodeNotice code={recoveryCode} onDone={onDone} />;

  return (
    <form data-screen="setup-real" onSubmit={(e) => void save(e)}>
      <h2>{t('setup.realTitle')}</h2>
      <fieldset className="card">
        <legend>{t('setup.orgTitle')}</legend>
        <label className="field">
          <span>{t('setup.orgName')}</span>
          <input name="org-name" required value={org} onChange={(e) => setOrg(e.target.value)} />
        </label>
      </fieldset>
      <ProfileForm value={profile} onChange={setProfile} save={saveProfile} />
      <UsersForm users={users} onChange={setUsers} />
      {localError && <div className="error" role="alert">{localError}</div>}
      <ErrorText error={call.error} />
      <div className="row">
        <button type="button" className="btn" data-action="setup-back" onClick={onBack}>
          {t('setup.back')}
        </button>
        <button type="submit" className="btn primary" data-action="save-setup" disabled={call.busy}>
          {call.busy ? t('setup.saving') : t('setup.save')}
        </button>
      </div>
    </form>
  );
}
