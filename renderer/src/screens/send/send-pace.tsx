// While a send waits for the mail account's limits or quiet hours: when the next message goes
// and when the send should end. It goes on by itself while Tayori is open; pause and stop work.
import { useTranslation } from 'react-i18next';
import type { SendStatusDto } from '../../../../shared/contract';
import { clockTime, dayWords } from '../../components/when-words';

export function SendPace({ status }: { status: SendStatusDto }) {
  const { t } = useTranslation();
  if (status.state !== 'sending') return null;
  return (
    <div data-testid="send-pace">
      {status.nextAt !== null && (
        <p className="notice" data-testid="next-at" data-reason={status.waitReason ?? ''}>
          {t('limits.nextAt', { when: dayWords(t, status.nextAt), time: clockTime(status.nextAt), reason: t(`limits.reason_${status.waitReason ?? 'minute'}`) })}
        </p>
      )}
      {status.expectedEndAt !== null && (
        <p className="hint" data-testid="expected-end">
          {t('limits.expectedEnd', { when: dayWords(t, status.expectedEndAt), time: clockTime(status.expectedEndAt) })}
        </p>
      )}
      {status.nextAt !== null && <p className="hint">{t('limits.waitingHint')}</p>}
    </div>
  );
}
