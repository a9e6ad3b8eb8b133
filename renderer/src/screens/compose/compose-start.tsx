// Shown on an empty notice: the three steps a first-time user takes (the list, the words with
// their fields, the preview), so the screen never opens on blank fields with no hint.
import { useTranslation } from 'react-i18next';

export function ComposeStart() {
  const { t } = useTranslation();
  return (
    <div className="card inset" data-testid="compose-start">
      <h3>{t('ux.composeStartTitle')}</h3>
      <ol className="steps">
        <li>{t('ux.composeStart1')}</li>
        <li>{t('ux.composeStart2')}</li>
        <li>{t('ux.composeStart3')}</li>
      </ol>
    </div>
  );
}
