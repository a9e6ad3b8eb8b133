// "Delete practice data" with a confirm step. From inside practice mode it leaves first (the host
// refuses to delete an open workspace), then deletes the practice database and outbox.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../hooks/use-call';
import { ErrorText } from './error-text';

interface Props {
  /** Practice mode is on: leave it before deleting. */
  active: boolean;
  onDeleted: () => void;
  /** Button look: the banner's white buttons, or the screens' .btn. */
  className?: string;
}

export function DeletePractice({ active, onDeleted, className }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    if (active && (await call.run('practice:leave', {})) === undefined) return;
    if ((await call.run('practice:delete', {})) === undefined) return;
    setConfirming(false);
    onDeleted();
  };
  if (!confirming) {
    return (
      <button type="button" className={className} data-action="delete-practice" onClick={() => setConfirming(true)}>
        {t('practice.deleteData')}
      </button>
    );
  }
  return (
    <div className="row confirm" role="group" data-testid="delete-practice-confirm">
      <span>{t('practice.deleteConfirm')}</span>
      <button type="button" className={className ? `${className} danger` : 'danger'} data-action="confirm-delete-practice" disabled={call.busy} onClick={() => void remove()}>
        {t('practice.deleteYes')}
      </button>
      <button type="button" className={className} data-action="cancel-delete-practice" disabled={call.busy} onClick={() => setConfirming(false)}>
        {t('practice.deleteNo')}
      </button>
      <ErrorText error={call.error} />
    </div>
  );
}
