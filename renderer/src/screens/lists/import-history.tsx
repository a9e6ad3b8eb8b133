// Earlier imports of the list: when, which file, how many rows were accepted and rejected.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';

export function ImportHistory({ listId, version }: { listId: number; version: number }) {
  const { t, i18n } = useTranslation();
  const history = useQuery('import:history', { listId });
  const reload = history.reload;
  useEffect(reload, [version, reload]);
  if (!history.data?.length) return <ErrorText error={history.error} />;
  return (
    <section className="card">
      <h3>{t('lists.historyTitle')}</h3>
      <table className="data">
        <thead>
          <tr>
            <th>{t('history.at')}</th>
            <th>{t('lists.file')}</th>
            <th>{t('lists.total')}</th>
            <th>{t('lists.accepted')}</th>
            <th>{t('lists.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((h) => (
            <tr key={h.id}>
              <td>{new Date(h.createdAt).toLocaleString(i18n.language)}</td>
              <td>
                {h.fileName} ({h.encoding})
              </td>
              <td>{h.totalRows}</td>
              <td>{h.acceptedRows}</td>
              <td>{h.rejectedRows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
