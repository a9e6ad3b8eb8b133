// "Working as": the person the audit log records for what is done on this screen.
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app-context';

export function OperatorPicker() {
  const { t } = useTranslation();
  const { users, operatorId, setOperator } = useApp();
  return (
    <label className="row">
      <span>{t('app.operator')}</span>
      <select
        data-testid="operator"
        value={operatorId ?? ''}
        onChange={(e) => setOperator(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t('app.chooseOperator')}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
