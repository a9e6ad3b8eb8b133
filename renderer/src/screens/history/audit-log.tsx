// The append-only audit log (optionally of one notice) in the reader's language and local time:
// actions in words, a one-line summary, the full record one click away; CSV export for Excel.
import { useTranslation } from 'react-i18next';
import { auditActionWords } from '../../../../shared/reports/audit-actions';
import { summarizeAuditDetails } from '../../../../shared/reports/audit-details';
import { downloadText } from '../../components/download';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useLocalTime } from '../../hooks/use-local-time';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

export function AuditLog({ campaignId }: { campaignId: number | null }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const { operatorId } = useApp();
  const log = useQuery('audit:list', { campaignId: campaignId ?? undefined, limit: 500, newestFirst: true });
  const exp = useCall();
  const exportCsv = async () => {
    if (operatorId === null) return;
    const r = await exp.run('audit:export', { actorId: operatorId, campaignId: campaignId ?? undefined, lang: time.lang, timeZone: time.timeZone });
    if (r) downloadText(r.fileName, r.csv);
  };
  // Newest first: the log is read to find what just happened.
  const entries = log.data ?? [];
  return (
    <section className="card" data-testid="audit-log">
      <div className="row">
        <h3>{t('reports.audit.title')}</h3>
        <span className="hint">{t('reports.zone', { zone: time.zone })}</span>
        <button type="button" className="btn" data-action="export-csv" disabled={exp.busy || operatorId === null} onClick={() => void exportCsv()}>
          {t('reports.audit.exportCsv')}
        </button>
      </div>
      <ErrorText error={log.error ?? exp.error} />
      <div className="list-scroll">
        <table className="data audit-table">
          <thead>
            <tr>
              <th className="when">{t('reports.audit.at')}</th>
              <th className="who">{t('reports.audit.actor')}</th>
              <th className="what">{t('reports.audit.action')}</th>
              <th>{t('reports.audit.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-audit-action={e.action}>
                <td className="when">{time.format(e.at)}</td>
                <td className="who">{e.actor ?? t('reports.audit.system')}</td>
                <td className="what">{auditActionWords(e.action, time.lang)}</td>
                <td>
                  {summarizeAuditDetails(e.action, e.details, time.lang)}
                  {Object.keys(e.details).length > 0 && (
                    <details className="audit-details">
                      <summary>{t('reports.audit.showDetails')}</summary>
                      <pre>{JSON.stringify(e.details, null, 2)}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
