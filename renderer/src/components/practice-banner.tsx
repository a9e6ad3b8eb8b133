// The unmistakable coloured strip shown on every screen while practice mode is on, with the
// fictional practice users' PINs (so anyone can rehearse the approval step) and the way out.
import { useTranslation } from 'react-i18next';
import { ErrorText } from './error-text';
import { DeletePractice } from './delete-practice';
import { useCall } from '../hooks/use-call';
import { useQuery } from '../hooks/use-query';

export function PracticeBanner({ onLeft }: { onLeft: () => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const status = useQuery('practice:status', {});
  const leave = async () => {
    if ((await call.run('practice:leave', {})) !== undefined) onLeft();
  };
  const users = status.data?.users ?? [];
  return (
    <div className="practice-banner" role="status" data-testid="practice-banner">
      <div className="texts">
        <span>{t('practice.banner')}</span>
        {users.length > 0 && (
          <span className="practice-users" data-testid="practice-users">
            {t('practice.users')}
            {users.map((u) => (
              <span key={u.name} className="practice-user" translate="no" data-user={u.name}>
                {t('practice.userPin', { name: u.name, pin: u.pin })}
              </span>
            ))}
          </span>
        )}
      </div>
      <span className="spacer" />
      <DeletePractice active onDeleted={onLeft} />
      <button type="button" data-action="leave-practice" onClick={() => void leave()} disabled={call.busy}>
        {t('practice.leave')}
      </button>
      <ErrorText error={call.error ?? status.error} />
    </div>
  );
}
