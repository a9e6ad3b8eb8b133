// Shows an error as a translated sentence chosen by its code; never a stack or raw message.
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import { ERROR_SECTIONS } from '../guide/error-sections';
import { HelpLink } from './help-link';

export function errorKey(code: string): string {
  return (ERROR_CODES as readonly string[]).includes(code) ? `errors.${code}` : 'errors.internal';
}

/** What a PIN refusal adds: how many tries are left, or until when the user is locked (to the minute, rounded up: trying at the time shown works). */
function pinDetail(error: { readonly code: string; readonly details?: unknown }, t: (k: string, o?: Record<string, unknown>) => string, lang: string): string | null {
  const d = (error.details ?? {}) as { remaining?: unknown; until?: unknown };
  if ((error.code === 'pin-wrong' || error.code === 'approval-code-wrong') && typeof d.remaining === 'number') return t('pin.triesLeft', { count: d.remaining });
  if (error.code === 'pin-locked' && typeof d.until === 'number') return t('pin.lockedUntil', { time: new Date(Math.ceil(d.until / 60_000) * 60_000).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }) });
  return null;
}

/** Anything with a code: contract errors, or a send run's own pause reason. */
export function ErrorText({ error }: { error: { readonly code: string; readonly details?: unknown } | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const extra = pinDetail(error, t, i18n.language);
  const section = ERROR_SECTIONS[error.code as ErrorCode];
  return (
    <div className="error" role="alert" data-error-code={error.code}>
      {t(errorKey(error.code))}
      {extra && <> {extra}</>}
      {section && (
        <>
          {' '}
          <HelpLink section={section}>{t('ux.helpSection')}</HelpLink>
        </>
      )}
    </div>
  );
}
