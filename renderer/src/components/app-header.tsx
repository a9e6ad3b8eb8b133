// Top bar: product name, organisation, operator, the guide and language.
import { useTranslation } from 'react-i18next';
import { openGuide } from '../guide/guide-store';
import { LanguageSwitch } from './language-switch';
import { OperatorPicker } from './operator-picker';

export function AppHeader({ organisation, setUp }: { organisation: string | null; setUp: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <span className="brand">{t('app.name')}</span>
      {organisation && <span className="org" translate="no">{organisation}</span>}
      <span className="spacer" />
      {setUp && <OperatorPicker />}
      <button type="button" className="btn small help" data-action="open-guide" title={t('ux.helpTitle')} onClick={() => openGuide('')}>
        {t('ux.help')}
      </button>
      <LanguageSwitch persist={setUp} />
    </header>
  );
}
