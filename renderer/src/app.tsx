// Root of the UI: loads host info, shows first-run set-up or the flow screens with the left nav.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppInfoDto, SettingsDto, UserDto } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { api } from './api/client';
import { AppHeader } from './components/app-header';
import { ErrorText } from './components/error-text';
import { NavSteps } from './components/nav-steps';
import { PracticeBanner } from './components/practice-banner';
import { GuideView } from './guide/guide-view';
import { useEvent } from './hooks/use-event';
import { i18n } from './i18n';
import { rememberLanguage } from './i18n/remembered-language';
import { ScreenView } from './screens/screen-view';
import { SetupScreen } from './screens/setup/setup-screen';
import { AppContext, type AppState, type ScreenId } from './state/app-context';
import './styles/app.css';

interface Loaded {
  info: AppInfoDto;
  users: readonly UserDto[];
  settings: SettingsDto | null;
}

async function load(): Promise<Loaded | ErrorInfo> {
  const info = await api.invoke('app:info', {});
  if (!info.ok) return info.error;
  const users = await api.invoke('users:list', {});
  const settings = await api.invoke('settings:get', {});
  return { info: info.value, users: users.ok ? users.value : [], settings: settings.ok ? settings.value : null };
}

function Shell() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [operatorId, setOperator] = useState<number | null>(null);
  const [listId, setListIdRaw] = useState<number | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  // A notice belongs to one list: choosing another list lets go of the notice in hand, so a new
  // notice is always created on the list the user is looking at (it once switched back silently).
  const setListId = useCallback((id: number | null) => {
    setListIdRaw((prev) => {
      if (prev !== id) setCampaignId(null);
      return id;
    });
  }, []);
  const openCampaign = useCallback((c: { id: number; listId: number }) => {
    setListIdRaw(c.listId);
    setCampaignId(c.id);
  }, []);
  const [screen, go] = useState<ScreenId>('lists');

  const reload = useCallback(() => {
    void load().then((r) => {
      if ('code' in r) return setError(r);
      setError(null);
      setLoaded(r);
      if (r.settings?.language) {
        void i18n.changeLanguage(r.settings.language);
        rememberLanguage(r.settings.language);
      }
    });
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  });

  // A workspace switch (practice on/off) means different data: start again from the top.
  const resetWorkspace = useCallback(() => {
    setOperator(null);
    setListId(null);
    setCampaignId(null);
    go('lists');
    reload();
  }, [reload]);
  useEvent('app:workspace', resetWorkspace);

  const state = useMemo<AppState | null>(
    () =>
      loaded && {
        info: loaded.info,
        users: loaded.users,
        operatorId,
        listId,
        campaignId,
        screen,
        setOperator,
        setListId,
        openCampaign,
        go,
        reload,
      },
    [loaded, operatorId, listId, campaignId, screen, reload, setListId, openCampaign],
  );

  if (!state) return error ? <ErrorText error={error} /> : <p className="main">{t('app.loading')}</p>;
  const practice = state.info.workspace === 'practice';
  // The practice workspace is seeded (organisation, users, profile), so it reports itself set up.
  const setUp = state.info.setupComplete;
  return (
    <AppContext.Provider value={state}>
      <div className={practice ? 'app practice' : 'app'}>
        {practice ? <PracticeBanner onLeft={resetWorkspace} /> : <div />}
        <AppHeader organisation={loaded?.settings?.organisationName || null} setUp={setUp} />
        {/* The guide opens over the screen below the header, so the language stays switchable. */}
        <div className="app-stage">
          {setUp ? (
            <div className="app-body">
              <NavSteps />
              <main className="main">
                <ScreenView />
              </main>
            </div>
          ) : (
            <main className="main">
              <SetupScreen onDone={resetWorkspace} />
            </main>
          )}
          <GuideView />
        </div>
      </div>
    </AppContext.Provider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Shell />
    </I18nextProvider>
  );
}
