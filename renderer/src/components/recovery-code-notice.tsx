// Shows the organisation's recovery code the one time it is readable, with what to do with it.
import { useTranslation } from 'react-i18next';

export function RecoveryCodeNotice({ code, onDone }: { code: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card recovery" data-testid="recovery-code" role="alertdialog" aria-labelledby="recovery-title">
      <h3 id="recovery-title">{t('people.recoveryTitle')}</h3>
      <p className="recovery-code" data-testid="recovery-code-value">{code}</p>
      <p>{t('people.recoveryKeep')}</p>
      <p className="hint">{t('people.recoveryUse')}</p>
      <button type="button" className="btn primary" data-action="recovery-noted" onClick={onDone}>
        {t('people.recoveryNoted')}
      </button>
    </section>
  );
}
