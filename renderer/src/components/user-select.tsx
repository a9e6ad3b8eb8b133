// A <select> of the workspace's users with an empty "choose…" first option; its value is a user id
// or null. The operator picker and the approver's field both pick a person this way.
import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../shared/contract';

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  users: readonly UserDto[];
  value: number | null;
  onChange: (userId: number | null) => void;
}

export function UserSelect({ users, value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <select translate="no" {...rest} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      <option value="">{t('app.chooseOperator')}</option>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
