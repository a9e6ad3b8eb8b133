// Earlier imports of the list: when, which file, how many rows were accepted and rejected, which
// were undone (and by whom); the latest re-import can be undone here.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { Fold } from '../../components/fold';
import { useQuery } from '../../hooks/use-query';
import { UndoImport } from './undo-import';

interface Props {
  listId: number;
  version: number;
  actorId: number | null;
  onUndone: () => void;
}

export function ImportHistory({ listId, version, actorId, onUndone }: Props) {
  const { t, i18n } = useTranslation();
  const history = useQuery('import:history', { listId });
  const reload = history.reload;
  useEffect(reload, [version, reload]);
  if (!history.data?.length) return <ErrorText error={history.error} />;
  const when = (at: number) => new Date(at).toLocaleString(i18n.language);
  return (
    <Fold testId="import-history" title={t('lists.historyTitle')}>
      <table className="data">
        <thead>
          <tr>
            <th>{t('history.at')}</th>
            <th>{t('lists.file')}</th>
            <th>{t('lists.total')}</th>
            <th>{t('lists.accepted')}</th>
            <th>{t('lists.rejected')}</th>
            <th>{t('lists.importState')}</th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((h) => (
            <tr key={h.id} data-import-id={h.id} data-undone={h.undoneAt !== null}>
              <td>{when(h.createdAt)}</td>
              <td>
                {t('lists.fileAndEncoding', { file: h.fileName, encoding: t(`lists.encoding_${h.encoding}`, { defaultValue: h.encoding }) })}
              </td>
              <td>{h.totalRows}</td>
              <td>{h.acceptedRows}</td>
              <td>{h.rejectedRows}</td>
              <td>
                {h.undoneAt !== null && t('lists.undoneBy', { who: h.undoneBy ?? t('lists.someone'), at: when(h.undoneAt) })}
                {h.canUndo && <UndoImport listId={listId} actorId={actorId} fileName={h.fileName} onUndone={onUndone} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Fold>
  );
}
