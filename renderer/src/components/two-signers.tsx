// Two different people confirm a sensitive change (a user, a test address) with their own PINs.
// The page only gathers them; the host checks both PINs and that the two people differ.
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../shared/contract';
import { UserSelect } from './user-select';

export interface SignerInput {
  userId: number | null;
  pin: string;
}

export const emptySigners = (): SignerInput[] => [
  { userId: null, pin: '' },
  { userId: null, pin: '' },
];

/** The two signers as the contract wants them, or null while incomplete or the same person twice. */
export function signersOf(input: readonly SignerInput[]): { userId: number; pin: string }[] | null {
  const done = input.filter((s): s is { userId: number; pin: string } => s.userId !== null && s.pin.length >= 4);
  if (done.length !== 2 || done[0]!.userId === done[1]!.userId) return null;
  return done;
}

interface Props {
  name: string;
  users: readonly UserDto[];
  value: SignerInput[];
  onChange: (v: SignerInput[]) => void;
}

export function TwoSigners({ name, users, value, onChange }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<SignerInput>) => onChange(value.map((s, j) => (i === j ? { ...s, ...patch } : s)));
  const same = value[0]!.userId !== null && value[0]!.userId === value[1]!.userId;
  return (
    <fieldset className="signers" data-testid={`${name}-signers`}>
      <legend>{t('people.signersTitle')}</legend>
      <p className="hint">{t('people.signersWhy')}</p>
      {value.map((s, i) => (
        <div className="row" key={i}>
          <label className="field">
            <span>{t('people.signer', { n: i + 1 })}</span>
            <UserSelect name={`${name}-signer-${i}`} users={users} value={s.userId} onChange={(userId) => set(i, { userId })} />
          </label>
          <label className="field">
            <span>{t('approval.pin')}</span>
            <input name={`${name}-signer-${i}-pin`} type="password" inputMode="numeric" autoComplete="off" value={s.pin} onChange={(e) => set(i, { pin: e.target.value })} />
          </label>
        </div>
      ))}
      {same && <div className="error" role="alert">{t('people.signersSame')}</div>}
    </fieldset>
  );
}
