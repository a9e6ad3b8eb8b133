// Left navigation: the flow steps in order, plus the practice outbox in practice mode, and Settings.
import { useTranslation } from 'react-i18next';
import { useApp, type ScreenId } from '../state/app-context';

const STEPS: readonly { id: ScreenId; key: string }[] = [
  { id: 'lists', key: 'nav.lists' },
  { id: 'compose', key: 'nav.compose' },
  { id: 'check', key: 'nav.check' },
  { id: 'test-send', key: 'nav.testSend' },
  { id: 'approval', key: 'nav.approval' },
  { id: 'send', key: 'nav.send' },
  { id: 'history', key: 'nav.history' },
];

export function NavSteps() {
  const { t } = useTranslation();
  const { screen, go, info, campaignId } = useApp();
  const needsCampaign = new Set<ScreenId>(['check', 'test-send', 'approval', 'send']);
  const items = info.workspace === 'practice' ? [...STEPS, { id: 'outbox' as const, key: 'nav.outbox' }] : STEPS;
  const button = (s: { id: ScreenId; key: string }, num: string) => (
    <button
      type="button"
      data-nav={s.id}
      aria-current={screen === s.id ? 'page' : undefined}
      disabled={needsCampaign.has(s.id) && campaignId === null}
      onClick={() => go(s.id)}
    >
      <span className="num">{num}</span>
      <span>{t(s.key)}</span>
    </button>
  );
  return (
    <nav className="nav" aria-label={t('ux.steps')}>
      <ol>
        {items.map((s, i) => (
          <li key={s.id}>{button(s, i < STEPS.length ? `${i + 1}.` : '')}</li>
        ))}
      </ol>
      <div className="nav-extra">{button({ id: 'settings', key: 'nav.settings' }, '')}</div>
    </nav>
  );
}
