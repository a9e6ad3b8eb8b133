// A mail server's reply in plain words (shared/reports/smtp-reply-words.ts), with the reply
// exactly as received one click away: the words are a reading, the original is the evidence.
import { useTranslation } from 'react-i18next';
import { explainSmtpReply } from '../../../shared/reports/smtp-reply-words';
import { useLocalTime } from '../hooks/use-local-time';
import '../styles/reports.css';

export function SmtpReply({ raw, nextAttemptAt = null }: { raw: string | null; nextAttemptAt?: number | null }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  if (!raw) return null;
  const e = explainSmtpReply(raw);
  return (
    <span className={`smtp-reply ${e.kind}`} data-reply={e.id}>
      <span className="words">{e[time.lang]}</span>
      {nextAttemptAt !== null && (
        <span className="next-try" data-testid="next-try">
          {' '}
          {t('reports.nextTry', { time: `${time.format(nextAttemptAt)} ${time.zone.split(',')[0]}` })}
        </span>
      )}
      <details className="raw-reply">
        <summary>{t('reports.showRaw')}</summary>
        <code translate="no" aria-label={t('reports.rawReply')}>{raw}</code>
      </details>
    </span>
  );
}
