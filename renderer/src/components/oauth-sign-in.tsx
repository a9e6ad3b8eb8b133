// "Sign in with Microsoft/Google": starts the sign-in, opens the provider's page (Electron opens
// the system browser itself; in the browser host the page opens a new tab), then waits for the
// browser to come back to Tayori. No token ever reaches the page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OAuthGrantDto } from '../../../shared/contract';
import type { OAuthProvider } from '../../../shared/smtp-profile';
import { useCall } from '../hooks/use-call';
import { useApp } from '../state/app-context';
import { ErrorText } from './error-text';

interface Props {
  profileId: number;
  provider: OAuthProvider;
  again?: boolean;
  /** Button words other than "Sign in with …" (e.g. "Sign in again and resume"). */
  label?: string;
  onSignedIn: (grant: OAuthGrantDto) => void;
}

export function OAuthSignIn({ profileId, provider, again = false, label, onSignedIn }: Props) {
  const { t } = useTranslation();
  const { operatorId } = useApp();
  const call = useCall();
  const [pending, setPending] = useState<{ flowId: string; url: string } | null>(null);
  const name = t(`accounts.oauthProvider_${provider}`);

  const start = async () => {
    if (operatorId === null) return;
    const started = await call.run('oauth:begin', { actorId: operatorId, profileId });
    if (!started) return;
    // Opened from the click itself, so the browser does not treat it as a pop-up.
    if (!started.opened) window.open(started.url, '_blank', 'noopener,noreferrer');
    setPending(started);
    const grant = await call.run('oauth:wait', { flowId: started.flowId });
    setPending(null);
    if (grant) onSignedIn(grant);
  };

  return (
    <div className="oauth-sign-in">
      <button type="button" className="btn primary" data-action="oauth-sign-in" disabled={call.busy || operatorId === null} onClick={() => void start()}>
        {label ?? t(again ? 'accounts.signInAgain' : 'accounts.signIn', { provider: name })}
      </button>
      {pending && (
        <p className="hint" data-testid="oauth-waiting">
          {t('accounts.signInWaiting')}{' '}
          <a href={pending.url} target="_blank" rel="noopener noreferrer">
            {t('accounts.signInOpen')}
          </a>
        </p>
      )}
      <ErrorText error={call.error} />
    </div>
  );
}
