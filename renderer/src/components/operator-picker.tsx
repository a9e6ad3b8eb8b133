// "Working as": the person the audit log records for what is done on this screen.
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app-context';
import { UserSelect } from './user-select';

export function OperatorPicker() {
  const { t } = useTranslation();
  const { users, operatorId, setOperator } = useApp();
  return (
    <label className="row">
      <span>{t('app.operator')}</span>
      <UserSelect data-testid="operator" users={users} value={operatorId} onChange={setOperator} />
    </label>
  );
}
