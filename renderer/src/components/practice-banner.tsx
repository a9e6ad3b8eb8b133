// The unmistakable coloured strip shown on every screen while practice mode is on.
import { useTranslation } from 'react-i18next';
import { ErrorText } from './error-text';
import { useCall } from '../hooks/use-call';

export function PracticeBanner({ onLeft }: { onLeft: () => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const leave = async () => {
    if ((await call.run('practice:leave', {})) !== undefined) onLeft();
  };
  return (
    <div className="practice-banner" role="status" data-testid="practice-banner">
      <span>{t('practice.banner')}</span>
      <span className="spacer" />
      <button type="button" onClick={() => void leave()} disabled={call.busy}>
        {t('practice.leave')}
      </button>
      <ErrorText error={call.error} />
    </div>
  );
}
