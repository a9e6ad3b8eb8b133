// i18next setup: Japanese when the browser/OS language is Japanese, English otherwise.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';
import { rememberedLanguage } from './remembered-language';

export type Lang = 'ja' | 'en';

export function defaultLanguage(locale: string | undefined): Lang {
  return (locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ja: { translation: ja } },
  lng: rememberedLanguage() ?? defaultLanguage(typeof navigator === 'undefined' ? undefined : navigator.language),
  fallbackLng: 'en',
  initAsync: false,
  // React escapes text itself. %{x} instead of {{x}} because the strings talk about {{field}}.
  interpolation: { escapeValue: false, prefix: '%{', suffix: '}' },
});
