// After a send completes: where to see who received it, where bounces show up, how to write again
// to some of them, and what to do when a member says the mail never came (the guide's section).
import { useTranslation } from 'react-i18next';
import { HelpLink } from '../../components/help-link';
import { useApp } from '../../state/app-context';

export function SendNextSteps() {
  const { t } = useTranslation();
  const { go } = useApp();
  return (
    <div className="card inset" data-testid="send-next-steps">
      <h3>{t('ux.nextTitle')}</h3>
      <ol className="steps">
        <li>{t('ux.nextWho')}</li>
        <li>{t('ux.nextBounces')}</li>
        <li>{t('ux.nextFollowUp')}</li>
        <li>
          <HelpLink section="not-received">{t('ux.nextNotReceived')}</HelpLink>
        </li>
      </ol>
      <button type="button" className="btn" data-action="to-history" onClick={() => go('history')}>
        {t('nav.history')}
      </button>
    </div>
  );
}
