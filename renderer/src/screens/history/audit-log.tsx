// The append-only audit log (optionally of one notice), with a CSV download for incident reports.
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AuditLog({ campaignId }: { campaignId: number | null }) {
  const { t, i18n } = useTranslation();
  const { operatorId } = useApp();
  const log = useQuery('audit:list', { campaignId: campaignId ?? undefined, limit: 500 });
  const exp = useCall();
  const exportCsv = async () => {
    if (operatorId === null) return;
    const r = await exp.run('audit:export', { actorId: operatorId, campaignId: campaignId ?? undefined });
    if (r) download(r.fileName, r.csv);
  };
  return (
    <section className="card" data-testid="audit-log">
      <div className="row">
        <h3>{t('history.audit')}</h3>
        <button type="button" className="btn" data-action="export-csv" disabled={exp.busy || operatorId === null} onClick={() => void exportCsv()}>
          {t('history.exportCsv')}
        </button>
      </div>
      <ErrorText error={log.error ?? exp.error} />
      <div className="list-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>{t('history.at')}</th>
              <th>{t('history.actor')}</th>
              <th>{t('history.action')}</th>
              <th>{t('history.details')}</th>
            </tr>
          </thead>
          <tbody>
            {(log.data ?? []).map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
                <td>{e.actor ?? '—'}</td>
                <td>{e.action}</td>
                <td>{JSON.stringify(e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
