// When a run pauses by itself, what happened and what was delivered, in counts: "the connection
// broke; 9 of 10 were taken by the server, 1 is unknown", never only "check host and port".
import { useTranslation } from 'react-i18next';
import type { SendStatusDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';

export function RunInterruption({ status }: { status: SendStatusDto }) {
  const { t } = useTranslation();
  const error = status.error;
  if (!error) return null;
  const c = status.counts;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const left = c.queued + c.retrying + c.in_flight;
  const started = c.sent + c.failed + c.unknown > 0;
  return (
    <div className="run-interruption" data-testid="run-interruption" data-error-code={error.code}>
      {error.code === 'smtp-connection-lost' ? <p className="warn" role="alert">{t('reports.run.lost')}</p> : <ErrorText error={error} />}
      {started && (
        <ul className="delivered">
          <li data-testid="delivered">{t('reports.run.delivered', { total, sent: c.sent })}</li>
          {c.unknown > 0 && <li>{t('reports.run.unknown', { count: c.unknown })}</li>}
          {c.failed > 0 && <li>{t('reports.run.failed', { count: c.failed })}</li>}
          <li>{left > 0 ? t('reports.run.left', { count: left }) : t('reports.run.noneLeft')}</li>
        </ul>
      )}
    </div>
  );
}
