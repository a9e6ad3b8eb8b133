// The cancel window: a countdown and one large button that cancels everything.
import { useTranslation } from 'react-i18next';

export function SendCountdown({ remainingMs, onCancel, busy }: { remainingMs: number; onCancel: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const s = Math.ceil(remainingMs / 1000);
  // A send booked for later shows when it starts; the last hour counts down in seconds.
  const later = s > 3600;
  return (
    <section className="card center" data-testid="countdown">
      <p>{later ? t('send.countdownAt') : t('send.countdown')}</p>
      <div className="countdown" data-seconds={s}>
        {later ? new Date(Date.now() + remainingMs).toLocaleString() : t('send.seconds', { count: s })}
      </div>
      <button type="button" className="btn danger big" data-action="cancel-send" onClick={onCancel} disabled={busy}>
        {t('send.cancel')}
      </button>
    </section>
  );
}
