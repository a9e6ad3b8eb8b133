// Top bar: product name, organisation, operator and language.
import { useTranslation } from 'react-i18next';
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
      <LanguageSwitch persist={setUp} />
    </header>
  );
}
