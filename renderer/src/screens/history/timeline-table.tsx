// A notice's timeline (request, approval, send …) in local time and plain words: one table shared
// by the printable summary and the incident report.
import { useTranslation } from 'react-i18next';
import { auditActionWords } from '../../../../shared/reports/audit-actions';
import type { TimelineEntry } from '../../../../shared/reports/notice-summary';
import { useLocalTime } from '../../hooks/use-local-time';

export function TimelineTable({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  return (
    <table className="data timeline">
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td className="when">{time.format(e.at)}</td>
            <td className="who">{e.actor ?? t('reports.audit.system')}</td>
            <td>{auditActionWords(e.action, time.lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
