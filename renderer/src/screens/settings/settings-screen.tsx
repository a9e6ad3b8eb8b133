// Settings: the organisation, its sending address and domains, the check policy, the default
// cancel window, approval validity and the language; the users and test addresses (changed by two
// people); in the real workspace also the way into (and out of) practice.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { ApprovalAddressesPanel } from './approval-addresses-panel';
import { ImapAccountPanel } from './imap-account-form';
import { AccountsPanel } from './accounts-panel';
import { OAuthAppsPanel } from './oauth-apps-panel';
import { PracticePanel } from './practice-panel';
import { SettingsForm } from './settings-form';
import { TestAddressesPanel } from './test-addresses-panel';
import { UsersPanel } from './users-panel';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { info, reload } = useApp();
  const settings = useQuery('settings:get', {});
  // Moves when an account is added, edited or removed: the IMAP panel lists the accounts too.
  const [accountsChanged, setAccountsChanged] = useState(0);
  return (
    <div className="settings-page" data-screen="settings">
      <h2>{t('settings.title')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      <ErrorText error={settings.error} />
      {/* Keyed by workspace: entering practice shows that workspace's own settings. */}
      {settings.data && <SettingsForm key={info.workspace} settings={settings.data} onSaved={reload} />}
      {info.workspace === 'real' && <AccountsPanel onChanged={() => setAccountsChanged((n) => n + 1)} />}
      {info.workspace === 'real' && <OAuthAppsPanel />}
      <UsersPanel key={`users-${info.workspace}`} />
      <TestAddressesPanel key={`test-${info.workspace}`} />
      <ApprovalAddressesPanel key={`approval-addresses-${info.workspace}`} />
      {info.workspace === 'real' && <ImapAccountPanel accountsChanged={accountsChanged} />}
      {info.workspace === 'real' && <PracticePanel />}
    </div>
  );
}
