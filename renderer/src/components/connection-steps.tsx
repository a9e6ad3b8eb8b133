// The steps of "Test connection" (name lookup → connect → TLS → offered logins → log in), each
// marked done or failed, with the hint for the failed one; a success or failure from profiles:test.
import { useTranslation } from 'react-i18next';
import { CONNECTION_HINTS, type ConnectionFailure, type ConnectionHint } from '../../../shared/connection-test';
import type { ConnectionTestDto } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { ErrorText } from './error-text';

function failureOf(error: ErrorInfo | null): ConnectionFailure | null {
  const d = error?.details as Partial<ConnectionFailure> | undefined;
  return d && typeof d.step === 'string' && Array.isArray(d.steps) ? (d as ConnectionFailure) : null;
}

export function ConnectionSteps({ result, error }: { result: ConnectionTestDto | null; error: ErrorInfo | null }) {
  const { t } = useTranslation();
  const failure = failureOf(error);
  const steps = result?.steps ?? failure?.steps ?? [];
  const offered = result?.offered ?? failure?.offered ?? [];
  const hint: ConnectionHint | null = failure?.hint && CONNECTION_HINTS.includes(failure.hint) ? failure.hint : null;
  if (steps.length === 0) return <ErrorText error={error} />;
  return (
    <div className="connection-steps" data-testid="connection-steps">
      <ol className="plain">
        {steps.map((s) => (
          <li key={s.step} data-step={s.step} data-ok={s.ok} className={s.ok ? 'notice' : 'error'}>
            {s.ok ? '✓' : '✗'} {t(`accounts.step_${s.step}`)}: {s.ok ? t('accounts.stepOk') : t('accounts.stepFailed')}
            {s.detail && <span className="hint"> ({s.detail})</span>}
          </li>
        ))}
      </ol>
      {offered.length === 0 && steps.some((s) => s.step === 'auth-methods') && <p className="hint">{t('accounts.offered', { methods: '—' })}</p>}
      {result && <p className="notice" data-testid="connection-ok">{t('accounts.testOk', { host: result.host, port: result.port })}</p>}
      <ErrorText error={error} />
      {hint && (
        <p className="warn" role="alert" data-hint={hint}>
          {t(`accounts.hint_${hint}`)}
        </p>
      )}
    </div>
  );
}
