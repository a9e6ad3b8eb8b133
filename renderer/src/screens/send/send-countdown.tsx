// The cancel window: a countdown and one large button that cancels everything.
import { useTranslation } from 'react-i18next';

export function SendCountdown({ remainingMs, onCancel, busy }: { remainingMs: number; onCancel: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const s = Math.ceil(remainingMs / 1000);
  return (
    <section className="card center" data-testid="countdown">
      <p>{t('send.countdown')}</p>
      <div className="countdown" data-seconds={s}>
        {t('send.seconds', { count: s })}
      </div>
      <button type="button" className="btn danger big" data-action="cancel-send" onClick={onCancel} disabled={busy}>
        {t('send.cancel')}
      </button>
    </section>
  );
}
