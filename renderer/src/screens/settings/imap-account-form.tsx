// The IMAP side of a mail account (issue 13): where bounces are read back from and the Sent copy
// goes. Read-only by default; saving after set-up takes two users' PINs, as the account does,
// because the Sent copy puts members' messages on that server. The password is write-only; an
// account that signs in with Microsoft or Google reads its mailbox with that sign-in instead.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImapAccountDto, ProfileDto } from '../../../../shared/contract';
import { SENT_COPY_MODES, type SentCopyMode } from '../../../../shared/imap-account';
import { imapHostFor } from '../../../../shared/mail-presets';
import type { SmtpSecurity } from '../../../../shared/smtp-profile';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

interface FormValue {
  host: string;
  port: number;
  security: SmtpSecurity;
  authUser: string;
  password: string;
  readOnly: boolean;
  bounceFolder: string;
  sentFolder: string;
  sentCopy: SentCopyMode;
  scanDays: number;
}

function initial(profile: ProfileDto, a: ImapAccountDto | null): FormValue {
  if (a) return { host: a.host, port: a.port, security: a.security, authUser: a.authUser, password: '', readOnly: a.readOnly, bounceFolder: a.bounceFolder ?? '', sentFolder: a.sentFolder, sentCopy: a.sentCopy, scanDays: a.scanDays };
  return { host: imapHostFor(profile.host), port: 993, security: 'tls', authUser: profile.authUser ?? profile.fromAddress, password: '', readOnly: true, bounceFolder: '', sentFolder: 'Sent', sentCopy: 'summary', scanDays: 7 };
}

function ImapForm({ profile, account, onSaved }: { profile: ProfileDto; account: ImapAccountDto | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const { users, operatorId } = useApp();
  const setUp = useQuery('setup:status', {});
  const call = useCall();
  const [v, setV] = useState<FormValue>(() => initial(profile, account));
  const [signers, setSigners] = useState(emptySigners());
  const [note, setNote] = useState<string | null>(null);
  const set = (patch: Partial<FormValue>) => setV((x) => ({ ...x, ...patch }));
  const needSigners = setUp.data?.usersSetUp ?? true;
  const confirmed = signersOf(signers);
  // The mailbox that signed in is the one read (bounce-service.ts): no user name or password here.
  const signedIn = profile.authMethod === 'oauth2';

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setNote(null);
    const { password, bounceFolder, ...rest } = v;
    const r = await call.run('imap:save', {
      actorId: operatorId,
      profileId: profile.id,
      account: { ...rest, bounceFolder: bounceFolder.trim() || null, ...(password ? { password } : {}) },
      ...(needSigners && confirmed ? { signers: confirmed } : {}),
    });
    setSigners(emptySigners());
    if (r) {
      set({ password: '' });
      setNote(t('bounces.saved'));
      onSaved();
    }
  };
  const test = async () => {
    setNote(null);
    const r = await call.run('imap:test', { profileId: profile.id });
    if (r) setNote(t('bounces.testOk', { count: r.messages }));
  };

  return (
    <form onSubmit={(e) => void save(e)} data-testid="imap-form">
      <label className="field">
        <span>{t('bounces.host')}</span>
        <input name="imap-host" value={v.host} onChange={(e) => set({ host: e.target.value })} />
      </label>
      <div className="row">
        <label className="field">
          <span>{t('bounces.port')}</span>
          <input name="imap-port" type="number" value={v.port} onChange={(e) => set({ port: Number(e.target.value) })} />
        </label>
        <label className="field">
          <span>{t('bounces.security')}</span>
          <select name="imap-security" value={v.security} onChange={(e) => set({ security: e.target.value as SmtpSecurity })}>
            <option value="tls">{t('setup.secTls')}</option>
            <option value="starttls">{t('setup.secStarttls')}</option>
            <option value="none">{t('setup.secNone')}</option>
          </select>
        </label>
      </div>
      {signedIn ? (
        <p className="hint" data-testid="imap-signed-in">
          {t('bounces.signedIn', { provider: t(`accounts.oauthProvider_${profile.oauthProvider ?? 'custom'}`), mailbox: profile.authUser ?? '' })}
        </p>
      ) : (
        <>
          <label className="field">
            <span>{t('bounces.user')}</span>
            <input name="imap-user" value={v.authUser} autoComplete="off" onChange={(e) => set({ authUser: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('bounces.password')}</span>
            <input name="imap-password" type="password" autoComplete="new-password" value={v.password} placeholder={account?.hasPassword ? t('bounces.passwordKept') : ''} onChange={(e) => set({ password: e.target.value })} />
          </label>
        </>
      )}
      <label className="check-field">
        <input name="imap-read-only" type="checkbox" checked={v.readOnly} onChange={(e) => set({ readOnly: e.target.checked })} />
        <span>{t('bounces.readOnly')}</span>
      </label>
      <p className="hint">{t('bounces.readOnlyHint')}</p>
      {!v.readOnly && (
        <label className="field">
          <span>{t('bounces.moveTo')}</span>
          <input name="imap-bounce-folder" value={v.bounceFolder} onChange={(e) => set({ bounceFolder: e.target.value })} />
        </label>
      )}
      <div className="row">
        <label className="field">
          <span>{t('bounces.sentCopy')}</span>
          <select name="imap-sent-copy" value={v.sentCopy} onChange={(e) => set({ sentCopy: e.target.value as SentCopyMode })}>
            {SENT_COPY_MODES.map((m) => (
              <option key={m} value={m}>{t(`bounces.sentCopy_${m}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('bounces.sentFolder')}</span>
          <input name="imap-sent-folder" value={v.sentFolder} onChange={(e) => set({ sentFolder: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('bounces.scanDays')}</span>
          <input name="imap-scan-days" type="number" min={1} max={90} value={v.scanDays} onChange={(e) => set({ scanDays: Number(e.target.value) })} />
        </label>
      </div>
      {needSigners && <TwoSigners name="imap" users={users} value={signers} onChange={setSigners} />}
      <div className="row">
        <button type="submit" className="btn primary" data-action="save-imap" disabled={call.busy || (needSigners && !confirmed) || (!account && !v.password && !signedIn)}>
          {t('bounces.save')}
        </button>
        <button type="button" className="btn" data-action="test-imap" disabled={call.busy || !account} onClick={() => void test()}>
          {t('bounces.test')}
        </button>
      </div>
      {note && <p className="notice" role="status">{note}</p>}
      <ErrorText error={call.error} />
    </form>
  );
}

/** One IMAP form per mail account of the real workspace; accountsChanged moves when the accounts do. */
export function ImapAccountPanel({ accountsChanged }: { accountsChanged: number }) {
  const { t } = useTranslation();
  const profiles = useQuery('profiles:list', {});
  const reloadProfiles = profiles.reload;
  // Reloads the list only (the open form keeps what is typed in it).
  useEffect(() => {
    if (accountsChanged > 0) reloadProfiles();
  }, [accountsChanged, reloadProfiles]);
  const [chosen, setChosen] = useState<number | null>(null);
  const list = (profiles.data ?? []).filter((p) => !p.practice);
  const profile = list.find((p) => p.id === chosen) ?? list[0];
  const account = useQuery('imap:get', profile ? { profileId: profile.id } : null);
  if (!profile) return null;
  return (
    <section className="card" data-testid="imap-panel">
      <h3>{t('bounces.imapTitle')}</h3>
      <p className="hint">{t('bounces.imapIntro')}</p>
      {list.length > 1 && (
        <label className="field">
          <span>{t('bounces.account')}</span>
          <select name="imap-account" value={profile.id} onChange={(e) => setChosen(Number(e.target.value))}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>{`${p.name} (${p.fromAddress})`}</option>
            ))}
          </select>
        </label>
      )}
      {account.data === null && <p className="hint">{t('bounces.notSet')}</p>}
      {account.data !== undefined && <ImapForm key={profile.id} profile={profile} account={account.data} onSaved={account.reload} />}
      <ErrorText error={profiles.error ?? account.error} />
    </section>
  );
}
