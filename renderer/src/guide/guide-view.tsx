// The guide in the user's language, inside the app (a panel over the screen, opened from the
// header or from an error that has a remedy), scrolled to the section asked for. The text is the
// same Markdown file the repository shows (docs/ja/guide.md, docs/en/guide.md).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import guideEn from '../../../docs/en/guide.md?raw';
import guideJa from '../../../docs/ja/guide.md?raw';
import { closeGuide, useOpenGuide } from './guide-store';
import { GuideMarkdown } from './guide-markdown';

const IMAGES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../../docs/images/*.png', { eager: true, query: '?url', import: 'default' })).map(([path, url]) => [
    path.split('/').pop()!,
    url,
  ]),
);

export function GuideView() {
  const { t, i18n } = useTranslation();
  const section = useOpenGuide();
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (section === null) return;
    const target = section ? body.current?.querySelector(`#guide-${section}`) : null;
    if (target) target.scrollIntoView();
    else body.current?.scrollTo(0, 0);
    body.current?.focus();
  }, [section, i18n.language]);
  useEffect(() => {
    if (section === null) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeGuide();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [section]);
  if (section === null) return null;
  return (
    <div className="guide-backdrop" role="dialog" aria-modal="true" aria-label={t('ux.help')} data-testid="guide">
      <div className="guide-panel">
        <div className="row guide-bar">
          <strong>{t('ux.help')}</strong>
          <span className="spacer" />
          <button type="button" className="btn small" data-action="close-guide" onClick={closeGuide}>
            {t('ux.close')}
          </button>
        </div>
        <div className="guide-body" ref={body} tabIndex={-1}>
          <GuideMarkdown source={i18n.language === 'ja' ? guideJa : guideEn} images={IMAGES} />
        </div>
      </div>
    </div>
  );
}
