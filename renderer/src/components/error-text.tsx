// Shows an error as a translated sentence chosen by its code; never a stack or raw message.
import { useTranslation } from 'react-i18next';
import { ERROR_CODES } from '../../../shared/errors';

export function errorKey(code: string): string {
  return (ERROR_CODES as readonly string[]).includes(code) ? `errors.${code}` : 'errors.internal';
}

/** Anything with a code: contract errors, or a send run's own pause reason. */
export function ErrorText({ error }: { error: { readonly code: string } | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="error" role="alert" data-error-code={error.code}>
      {t(errorKey(error.code))}
    </div>
  );
}
