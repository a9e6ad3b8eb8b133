// Header switch between Japanese and English; remembered on this computer at once, and in the
// settings too once set-up is done.
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { rememberLanguage } from '../i18n/remembered-language';

export function LanguageSwitch({ persist }: { persist: boolean }) {
  const { t, i18n } = useTranslation();
  const pick = (lng: 'ja' | 'en') => {
    void i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
    rememberLanguage(lng);
    if (persist) void api.invoke('settings:update', { actorId: null, language: lng });
  };
  return (
    <div className="row" role="group" aria-label={t('app.language')}>
      <button type="button" className="btn small" aria-pressed={i18n.language === 'ja'} onClick={() => pick('ja')}>
        日本語
      </button>
      <button type="button" className="btn small" aria-pressed={i18n.language === 'en'} onClick={() => pick('en')}>
        English
      </button>
    </div>
  );
}
