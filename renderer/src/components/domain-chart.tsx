// Recipients by domain as plain SVG bars (no chart library); widths are SVG attributes, not styles.
import { useTranslation } from 'react-i18next';

export function DomainChart({ domains }: { domains: readonly { domain: string; count: number }[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...domains.map((d) => d.count));
  return (
    <div className="bars" data-testid="domain-chart">
      <h3>{t('check.byDomain')}</h3>
      {domains.map((d) => (
        <div className="bar-row" key={d.domain}>
          <span className="label" translate="no" title={d.domain}>
            {d.domain}
          </span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${d.domain}: ${d.count}`}>
            <rect x="0" y="0" height="10" width={(d.count / max) * 100} />
          </svg>
          <span>{d.count}</span>
        </div>
      ))}
    </div>
  );
}
