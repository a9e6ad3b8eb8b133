// The language last chosen on this computer, kept in the page's own storage, so the header's choice
// survives a reload even before set-up (when there are no settings to save it in) and in practice
// mode (whose settings are a separate file).
/** The two UI languages (as i18n/index.ts's Lang; declared here to keep the import one-way). */
type Lang = 'ja' | 'en';

const KEY = 'tayori.language';

export function rememberedLanguage(): Lang | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'ja' || v === 'en' ? v : null;
  } catch {
    return null; // storage disabled: the OS language decides, as before
  }
}

export function rememberLanguage(lng: Lang): void {
  try {
    globalThis.localStorage?.setItem(KEY, lng);
  } catch {
    // storage disabled: nothing to remember with
  }
}
