// The two (or more) people who prepare and approve sends, each with a PIN typed twice.
import { useTranslation } from 'react-i18next';

export interface NewUser {
  name: string;
  pin: string;
  pin2: string;
}

/** The rule the service enforces (pin-hash.ts): 4 to 8 digits, or a passphrase of 8+ characters. */
export function validPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin) || pin.length >= 8;
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
          <label className={u.pin !== '' && !validPin(u.pin) ? 'field invalid' : 'field'}>
            <span>{t('setup.pin')}</span>
            <input
              name={`user-${i}-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              aria-invalid={u.pin !== '' && !validPin(u.pin)}
              value={u.pin}
              onChange={(e) => set(i, { pin: e.target.value })}
            />
            {/* Said at the field, as soon as it is typed: what a valid PIN is, not only "too short". */}
            {u.pin !== '' && !validPin(u.pin) && (
              <span className="field-error" role="alert" data-invalid={`user-${i}-pin`}>
                {t('ux.pinTooShort')}
              </span>
            )}
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
