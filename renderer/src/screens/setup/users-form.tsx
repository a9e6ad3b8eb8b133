// The two (or more) people who prepare and approve sends, each with a PIN typed twice.
import { useTranslation } from 'react-i18next';

export interface NewUser {
  name: string;
  pin: string;
  pin2: string;
}

export function UsersForm({ users, onChange }: { users: NewUser[]; onChange: (u: NewUser[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<NewUser>) => onChange(users.map((u, j) => (i === j ? { ...u, ...patch } : u)));
  return (
    <fieldset className="card">
      <legend>{t('setup.usersTitle')}</legend>
      <p className="hint">{t('setup.usersWhy')}</p>
      {users.map((u, i) => (
        <div className="row" key={i}>
          <strong>{t('setup.user', { n: i + 1 })}</strong>
          <label className="field">
            <span>{t('setup.userName')}</span>
            <input name={`user-${i}-name`} value={u.name} onChange={(e) => set(i, { name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('setup.pin')}</span>
            <input
              name={`user-${i}-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={u.pin}
              onChange={(e) => set(i, { pin: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('setup.pinAgain')}</span>
            <input
              name={`user-${i}-pin2`}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={u.pin2}
              onChange={(e) => set(i, { pin2: e.target.value })}
            />
          </label>
          {u.pin2 !== '' && u.pin !== u.pin2 && <span className="error">{t('setup.pinMismatch')}</span>}
        </div>
      ))}
      <button type="button" className="btn small" onClick={() => onChange([...users, { name: '', pin: '', pin2: '' }])}>
        {t('setup.addUser')}
      </button>
    </fieldset>
  );
}
