// The one-page summary of a notice: approval (who requested, who approved), counts, bounces
// (when read back), attachments and the timeline, in the reader's language and local time;
// prints as one page (reports.css).
import { useTranslation } from 'react-i18next';
import type { NoticeSummaryDto } from '../../../../shared/contract';
import { RECIPIENT_STATUSES } from '../../../../shared/statuses';
import { ErrorText } from '../../components/error-text';
import { PrintCopy } from '../../components/print-copy';
import { useLocalTime } from '../../hooks/use-local-time';
import { useQuery } from '../../hooks/use-query';
import { TimelineTable } from './timeline-table';

function SummaryDocument({ s }: { s: NoticeSummaryDto }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const dash = t('reports.summary.notYet');
  const at = (ms: number | null) => (ms === null ? dash : time.format(ms));
  return (
    <article className="report-doc" data-testid="notice-summary-doc">
      <header>
        <h2>
          {t('reports.summary.title')}: {s.name}
        </h2>
        <p className="hint">
          {t('reports.zone', { zone: time.zone })} · {t('reports.summary.printedAt', { time: time.format(Date.now()) })}
        </p>
      </header>
      <table className="facts">
        <tbody>
          <tr><th>{t('reports.summary.list')}</th><td>{s.listName}</td></tr>
          <tr><th>{t('reports.summary.subject')}</th><td>{s.subjectTemplate}</td></tr>
          <tr>
            <th>{t('reports.summary.status')}</th>
            <td>
              {t(`history.campaignStatus_${s.status}`, { defaultValue: s.status })}
              {s.followUpOf !== null && <> · {t('reports.summary.followUpOf', { id: s.followUpOf })}</>}
            </td>
          </tr>
          <tr><th>{t('reports.summary.createdBy')}</th><td>{s.createdBy ?? dash} · {time.format(s.createdAt)}</td></tr>
          <tr><th>{t('reports.summary.requestedBy')}</th><td>{s.requestedBy ?? dash}{s.requestedAt !== null && <> · {time.format(s.requestedAt)}</>}</td></tr>
          <tr>
            <th>{t('reports.summary.approvedBy')}</th>
            <td data-testid="approved-by">
              {s.approvedBy ? <>{s.approvedBy} · {at(s.approvedAt)}</> : t('reports.summary.noApproval')}
              {s.approvalVoided && <span className="chip warning"> {t('reports.summary.approvalVoided')}</span>}
            </td>
          </tr>
          <tr><th>{t('reports.summary.sendStarted')}</th><td>{at(s.sendStartedAt)}</td></tr>
          <tr><th>{t('reports.summary.sendEnded')}</th><td>{at(s.sendEndedAt)}</td></tr>
        </tbody>
      </table>
      <h3>{t('reports.summary.counts')}</h3>
      <table className="data counts" data-testid="summary-counts">
        <tbody>
          <tr><th>{t('reports.summary.total')}</th><td>{s.total}</td></tr>
          <tr><th>{t('reports.summary.reached')}</th><td>{s.reached}</td></tr>
          {RECIPIENT_STATUSES.filter((st) => s.counts[st] > 0).map((st) => (
            <tr key={st}><th>{t(`send.status_${st}`)}</th><td>{s.counts[st]}</td></tr>
          ))}
          <tr><th>{t('reports.summary.bounced')}</th><td data-testid="bounced">{s.bounced === null ? t('reports.summary.bouncedNotChecked') : s.bounced}</td></tr>
        </tbody>
      </table>
      <h3>{t('reports.summary.attachments')}</h3>
      {s.attachments.length === 0 ? (
        <p>{t('reports.summary.noAttachments')}</p>
      ) : (
        <ul className="files">
          {s.attachments.map((a) => (
            <li key={a.sha256 + a.fileName}>
              {a.fileName} ({a.bytes.toLocaleString()} B) <code className="hash">SHA-256 {a.sha256}</code>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('reports.summary.timeline')}</h3>
      <TimelineTable entries={s.timeline} />
    </article>
  );
}

export function NoticeSummary({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const summary = useQuery('report:summary', { campaignId });
  return (
    <section className="card" data-testid="notice-summary">
      <div className="row no-print">
        <button type="button" className="btn primary" data-action="print" disabled={!summary.data} onClick={() => window.print()}>
          {t('reports.summary.print')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('reports.history.close')}
        </button>
      </div>
      <ErrorText error={summary.error} />
      {summary.data && (
        <>
          <SummaryDocument s={summary.data} />
          <PrintCopy>
            <SummaryDocument s={summary.data} />
          </PrintCopy>
        </>
      )}
    </section>
  );
}
