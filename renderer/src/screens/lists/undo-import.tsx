// "Undo this import" with a confirm step: puts back the members the list had before its latest
// import (import:undo; audited). Shown under a re-import's report and in the import history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportUndoDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';

interface Props {
  listId: number;
  actorId: number | null;
  /** The file of the import to undo, named in the question. */
  fileName: string;
  onUndone: (r: ImportUndoDto) => void;
}

export function UndoImport({ listId, actorId, fileName, onUndone }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [confirming, setConfirming] = useState(false);
  const undo = async () => {
    if (actorId === null) return;
    const r = await call.run('import:undo', { actorId, listId });
    if (!r) return;
    setConfirming(false);
    onUndone(r);
  };
  if (!confirming) {
    return (
      <div className="row">
        <button type="button" className="btn small" data-action="undo-import" disabled={actorId === null} onClick={() => setConfirming(true)}>
          {t('lists.undoImport')}
        </button>
        <ErrorText error={call.error} />
      </div>
    );
  }
  return (
    <div className="row confirm warn" role="group" data-testid="undo-import-confirm">
      <span>{t('lists.undoConfirm', { file: fileName })}</span>
      <button type="button" className="btn danger" data-action="confirm-undo-import" disabled={call.busy} onClick={() => void undo()}>
        {t('lists.undoYes')}
      </button>
      <button type="button" className="btn" data-action="cancel-undo-import" disabled={call.busy} onClick={() => setConfirming(false)}>
        {t('lists.undoNo')}
      </button>
      <ErrorText error={call.error} />
    </div>
  );
}
