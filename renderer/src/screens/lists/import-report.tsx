// The report of one import: counts, rejected rows with line and reason, normalised addresses,
// duplicates, and the comparison with the previous import of the list.
import { useTranslation } from 'react-i18next';
import type { ImportReportDto } from '../../../../shared/contract';
import { ImportDiff } from './import-diff';
import { Stat } from './stat';

export function ImportReport({ report }: { report: ImportReportDto }) {
  const { t, i18n } = useTranslation();
  const label = (prefix: string, code: string) =>
    i18n.exists(`lists.${prefix}_${code}`) ? t(`lists.${prefix}_${code}`) : t(`lists.${prefix}_other`);
  const c = report.counts;
  return (
    <section className="card" data-testid="import-report">
      <h3>
        {t('lists.reportTitle')} — {report.fileName} ({report.encoding})
      </h3>
      <div className="stats">
        <Stat label={t('lists.total')} value={c.rows} />
        <Stat label={t('lists.accepted')} value={c.accepted} testid="accepted" />
        <Stat label={t('lists.rejected')} value={c.rejected} testid="rejected" />
        <Stat label={t('lists.normalised')} value={c.normalised} testid="normalised" />
        <Stat label={t('lists.duplicates')} value={c.duplicates} testid="duplicates" />
      </div>
      {report.rejected.length > 0 && (
        <>
          <h3>{t('lists.rejected')}</h3>
          <div className="list-scroll">
            <table className="data" data-testid="rejected-rows">
              <thead>
                <tr>
                  <th>{t('lists.line')}</th>
                  <th>{t('lists.reason')}</th>
                  <th>{t('lists.value')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={`${r.line}-${r.reason}`} data-line={r.line}>
                    <td>{r.line}</td>
                    <td>{label('reason', r.reason)}</td>
                    <td>{r.rawEmail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.normalised.length > 0 && (
        <>
          <h3>{t('lists.normalised')}</h3>
          <div className="list-scroll">
            <table className="data" data-testid="normalised-rows">
              <thead>
                <tr>
                  <th>{t('lists.line')}</th>
                  <th>{t('lists.before')}</th>
                  <th>{t('lists.after')}</th>
                  <th>{t('lists.change')}</th>
                </tr>
              </thead>
              <tbody>
                {report.normalised.map((n) => (
                  <tr key={n.line}>
                    <td>{n.line}</td>
                    <td>{n.from}</td>
                    <td>{n.to}</td>
                    <td>{n.changes.map((r) => label('rule', r)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.duplicates.length > 0 && (
        <>
          <h3>{t('lists.duplicates')}</h3>
          <table className="data" data-testid="duplicate-rows">
            <thead>
              <tr>
                <th>{t('lists.email')}</th>
                <th>{t('lists.lines')}</th>
              </tr>
            </thead>
            <tbody>
              {report.duplicates.map((d) => (
                <tr key={d.email}>
                  <td>{d.email}</td>
                  <td>{d.lines.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.ragged.length > 0 && (
        <p className="warn">
          {t('lists.ragged')}: {report.ragged.map((r) => r.line).join(', ')}
        </p>
      )}
      <ImportDiff diff={report.diff} />
    </section>
  );
}
