// The incident report as a document: what prints (and what the screen's form previews), read
// from the same draft the CSV is built from.
import { useTranslation } from 'react-i18next';
import type { IncidentDataDto } from '../../../../shared/contract';
import { MANDATORY_CONDITIONS, MANDATORY_WORDS, type IncidentDraft } from '../../../../shared/reports/incident-report';
import { useLocalTime } from '../../hooks/use-local-time';
import { TimelineTable } from './timeline-table';

export function IncidentDocument({ data, draft, discoveredOn }: { data: IncidentDataDto; draft: IncidentDraft; discoveredOn: string | null }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const n = data.facts.notice;
  return (
    <article className="report-doc incident-doc">
      <header>
        <h2>
          {t('reports.incident.title')}: {n.name}
        </h2>
        <p className="hint">{t('reports.zone', { zone: time.zone })}</p>
      </header>
      <h3>{t('reports.incident.checklist')}</h3>
      <ul className="checklist">
        {MANDATORY_CONDITIONS.map((c) => (
          <li key={c}>
            {draft.mandatory[c] ? '☑' : '☐'} {MANDATORY_WORDS[c][time.lang]}
          </li>
        ))}
      </ul>
      <p className={draft.reportRequired ? 'warn' : ''}>{t(draft.reportRequired ? 'reports.incident.required' : 'reports.incident.notRequired')}</p>
      <h3>{t('reports.incident.deadlines')}</h3>
      {draft.deadlines ? (
        <ul>
          <li>
            {t('reports.incident.discoveredOn')}: {discoveredOn}
          </li>
          <li>{t('reports.incident.prompt', { from: draft.deadlines.promptFrom, to: draft.deadlines.promptTo })}</li>
          <li>{t('reports.incident.final', { date: draft.deadlines.final })}</li>
        </ul>
      ) : (
        <p>{t('reports.incident.needDay')}</p>
      )}
      <h3>{t('reports.incident.draft')}</h3>
      <dl className="ppc-items">
        {draft.items.map((i) => (
          <div key={i.item}>
            <dt>{i.title}</dt>
            <dd>{i.text || '　'}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('reports.incident.files')}</h3>
      {n.attachments.length === 0 && <p>{t('reports.summary.noAttachments')}</p>}
      <ul className="files">
        {n.attachments.map((a) => (
          <li key={a.sha256 + a.fileName}>
            {a.fileName} <code className="hash">{a.sha256}</code>
          </li>
        ))}
      </ul>
      <h3>{t('reports.incident.timeline')}</h3>
      <TimelineTable entries={n.timeline} />
      <h3>{t('reports.incident.received')}</h3>
      <p className="hint">{t('reports.incident.receivedCount', { shown: data.recipients.length, total: data.recipientTotal })}</p>
      <table className="data" data-testid="incident-recipients">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('lists.name')}</th>
            <th>{t('lists.email')}</th>
            <th>{t('history.status')}</th>
            <th>{t('reports.incident.items')}</th>
          </tr>
        </thead>
        <tbody>
          {data.recipients.map((r) => (
            <tr key={r.position}>
              <td>{r.position + 1}</td>
              <td>{r.name}</td>
              <td>{r.email}</td>
              <td>{t(`send.status_${r.status}`)}</td>
              <td>{r.items.join(time.lang === 'ja' ? '、' : ', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
