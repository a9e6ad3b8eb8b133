// The report of one import, or of a re-import not yet applied (its preview): counts, rejected
// rows with their Excel row and reason, normalised addresses, duplicates, and the comparison
// with the previous import of the list. Rows are numbered as Excel numbers them (the header is
// row 1); where a cell with a line break makes the text line differ, that is shown too.
import { useTranslation } from 'react-i18next';
import type { ImportPreviewDto, ImportReportDto } from '../../../../shared/contract';
import { ImportDiff } from './import-diff';
import { Stat } from './stat';

interface Props {
  report: ImportReportDto | ImportPreviewDto;
  /** A preview: nothing is imported yet. */
  pending?: boolean;
}

/** "12" or "12（ファイルの 13 行目）": the Excel row, and the text line only where it differs. */
function ExcelRow({ row, line }: { row: number; line: number }) {
  const { t } = useTranslation();
  return (
    <>
      {row}
      {line !== row && <span className="hint"> {t('lists.textLine', { line })}</span>}
    </>
  );
}

export function ImportReport({ report, pending = false }: Props) {
  const { t, i18n } = useTranslation();
  const label = (prefix: string, code: string) =>
    i18n.exists(`lists.${prefix}_${code}`) ? t(`lists.${prefix}_${code}`) : t(`lists.${prefix}_other`);
  const c = report.counts;
  return (
    <section className="card" data-testid={pending ? 'import-preview' : 'import-report'}>
      <h3>
        {t(pending ? 'lists.previewTitle' : 'lists.reportTitle')} — {t('lists.fileAndEncoding', { file: report.fileName, encoding: t(`lists.encoding_${report.encoding}`) })}
      </h3>
      <p className="hint">{t('lists.rowHint')}</p>
      <div className="stats">
        <Stat label={t('lists.total')} value={c.rows} />
        <Stat label={t(pending ? 'lists.acceptable' : 'lists.accepted')} value={c.accepted} testid="accepted" />
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
                  <th>{t('lists.excelRow')}</th>
                  <th>{t('lists.reason')}</th>
                  <th>{t('lists.value')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={`${r.row}-${r.reason}`} data-row={r.row} data-line={r.line}>
                    <td>
                      <ExcelRow row={r.row} line={r.line} />
                    </td>
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
                  <th>{t('lists.excelRow')}</th>
                  <th>{t('lists.before')}</th>
                  <th>{t('lists.after')}</th>
                  <th>{t('lists.change')}</th>
                </tr>
              </thead>
              <tbody>
                {report.normalised.map((n) => (
                  <tr key={n.row}>
                    <td>
                      <ExcelRow row={n.row} line={n.line} />
                    </td>
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
                <th>{t('lists.excelRows')}</th>
              </tr>
            </thead>
            <tbody>
              {report.duplicates.map((d) => (
                <tr key={d.email}>
                  <td>{d.email}</td>
                  <td>{d.rows.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.ragged.length > 0 && (
        <p className="warn">
          {t('lists.ragged')}: {report.ragged.map((r) => r.row).join(', ')}
        </p>
      )}
      <ImportDiff diff={report.diff} keyColumn={report.keyColumn} pending={pending} />
    </section>
  );
}
