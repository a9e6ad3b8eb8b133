// The check report's items: blocking first, then warnings, then information, each in the
// language of the page (the report carries both Japanese and English sentences).
import { useTranslation } from 'react-i18next';
import type { CheckItemDto, CheckReportDto } from '../../../shared/contract';
import { FindingMembers } from './finding-members';

function Items({ items, lang, campaignId }: { items: readonly CheckItemDto[]; lang: 'ja' | 'en'; campaignId?: number }) {
  const { t } = useTranslation();
  return (
    <ul>
      {items.map((i, n) => (
        <li key={`${i.code}-${n}`} data-code={i.code} data-severity={i.severity}>
          {/* A label in the page's language; a code this build has no label for shows as itself. */}
          <span className={`chip ${i.severity}`}>
            {t(`checkCode.${i.code}`, { defaultValue: i.code })}
          </span>{' '}
          {i.message[lang]}
          {campaignId !== undefined && <FindingMembers campaignId={campaignId} item={i} />}
        </li>
      ))}
    </ul>
  );
}

/** With a campaign id, each finding about members can list them all ("show all"). */
export function CheckFindings({ report, showInfo = true, campaignId }: { report: CheckReportDto; showInfo?: boolean; campaignId?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const blocking = report.items.filter((i) => i.severity === 'blocking');
  const warnings = report.items.filter((i) => i.severity === 'warning');
  const info = report.items.filter((i) => i.severity === 'info');
  return (
    <div data-testid="check-findings">
      {/* The headings say the state: "must fix" only stands above something to fix. */}
      {blocking.length ? (
        <>
          <h3 data-testid="blocking-heading">{t('check.blocking')}</h3>
          <Items items={blocking} lang={lang} campaignId={campaignId} />
        </>
      ) : (
        <p className="notice" data-testid="no-blocking">{t('check.noBlocking')}</p>
      )}
      {warnings.length ? (
        <>
          <h3>{t('check.warnings')}</h3>
          <Items items={warnings} lang={lang} campaignId={campaignId} />
        </>
      ) : (
        <p className="hint">{t('check.noWarnings')}</p>
      )}
      {showInfo && info.length > 0 && <Items items={info} lang={lang} />}
    </div>
  );
}
