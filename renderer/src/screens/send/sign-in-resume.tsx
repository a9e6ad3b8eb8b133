// A run paused because the account's sign-in expired or was withdrawn: sign in again, then the
// run resumes where it stopped (the members not yet sent are still queued; none is sent twice).
import { useTranslation } from 'react-i18next';
import { OAuthSignIn } from '../../components/oauth-sign-in';
import { useQuery } from '../../hooks/use-query';

export function SignInResume({ profileId, onSignedIn }: { profileId: number; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const profiles = useQuery('profiles:list', {});
  const p = profiles.data?.find((x) => x.id === profileId);
  if (!p?.oauthProvider) return null;
  return <OAuthSignIn profileId={p.id} provider={p.oauthProvider} again label={t('accounts.signInAndResume')} onSignedIn={onSignedIn} />;
}
