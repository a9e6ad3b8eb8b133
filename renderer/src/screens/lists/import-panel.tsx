// Import a CSV: pick or drop a file, confirm the detected encoding and the column mapping, then
// import it. Into a list that already has members, the file first shows what it would change
// (import:preview, nothing written) and replaces the members only on confirmation, bound to what
// was shown; the import can then be undone. Then the report.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAnalysisDto, ImportEncodingDto, ImportPreviewDto, ImportProgressDto, ImportReportDto, ImportUndoDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useEvent } from '../../hooks/use-event';
import { FileDrop, type PickedFile as Picked } from './file-drop';
import { ImportMapping, type ColumnMapping } from './import-mapping';
import { ImportReport } from './import-report';
import { UndoImport } from './undo-import';

interface Props {
  listId: number;
  actorId: number | null;
  /** The list has members: an import replaces them, so it is previewed and confirmed first. */
  replacing: boolean;
  /** After an import or an undo: the list, its members and its history changed. */
  onImported: () => void;
}

export function ImportPanel({ listId, actorId, replacing, onImported }: Props) {
  const { t } = useTranslation();
  const call = useCall();
  const [file, setFile] = useState<Picked | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysisDto | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [progress, setProgress] = useState<ImportProgressDto | null>(null);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [undone, setUndone] = useState<{ file: string; result: ImportUndoDto } | null>(null);
  /** The run in progress, for the stop button (import:cancel). */
  const runId = useRef<string | null>(null);
  const newRun = () => (runId.current = crypto.randomUUID());
  const stop = () => {
    if (runId.current) void api.invoke('import:cancel', { runId: runId.current });
  };

  /** Drawn at once, stop button included: a large file takes a moment to reach the importer. */
  const starting = (bytes: Uint8Array): ImportProgressDto => ({ listId, phase: 'reading', rows: 0, bytesRead: 0, totalBytes: bytes.length });

  useEvent('import:progress', (p) => {
    if (p.listId === null || p.listId === listId) setProgress(p);
  });

  const analyse = async (picked: Picked, encoding?: ImportEncodingDto) => {
    setFile(picked);
    setReport(null);
    setPreview(null);
    setUndone(null);
    const a = await call.run('import:analyze', { fileName: picked.name, bytes: picked.bytes, encoding });
    setAnalysis(a ?? null);
    if (a && !encoding) setMapping({ emailColumn: a.detected.email, nameColumn: a.detected.name, keyColumn: a.detected.key });
  };

  const fileArgs = () =>
    file && analysis && mapping?.emailColumn
      ? {
          listId,
          fileName: file.name,
          bytes: file.bytes,
          encoding: analysis.encoding,
          delimiter: analysis.delimiter,
          emailColumn: mapping.emailColumn,
          nameColumn: mapping.nameColumn,
          keyColumn: mapping.keyColumn,
        }
      : null;

  const check = async () => {
    const args = fileArgs();
    if (!args) return;
    setProgress(starting(args.bytes));
    const p = await call.run('import:preview', { ...args, runId: newRun() });
    if (p) setPreview(p);
  };

  const run = async () => {
    const args = fileArgs();
    if (!args || actorId === null) return;
    setProgress(starting(args.bytes));
    // Bound to the preview: if the file or the list changed since, nothing is imported.
    const expected = preview ? { sha256: preview.sha256, previousImportId: preview.previousImportId } : undefined;
    const r = await call.run('import:run', { ...args, actorId, runId: newRun(), ...(expected ? { expected } : {}) });
    if (r) {
      setReport(r);
      setAnalysis(null);
      setPreview(null);
      onImported();
    }
  };

  const cancel = () => {
    setPreview(null);
    setAnalysis(null);
    setFile(null);
  };

  return (
    <section className="card" data-testid="import-panel">
      <h3>{t('lists.importTitle')}</h3>
      {replacing && <p className="hint">{t('lists.replaceHint')}</p>}
      <FileDrop onFile={(f) => void analyse(f)} />
      {analysis && mapping && file && !preview && (
        <ImportMapping
          analysis={analysis}
          mapping={mapping}
          onMapping={setMapping}
          onEncoding={(enc) => void analyse(file, enc)}
        />
      )}
      {analysis && mapping && !preview && (
        <div className="row">
          {replacing ? (
            <button type="button" className="btn primary" data-action="preview-import" onClick={() => void check()} disabled={call.busy || !mapping.emailColumn}>
              {call.busy ? t('lists.checking') : t('lists.previewImport')}
            </button>
          ) : (
            <button type="button" className="btn primary" data-action="run-import" onClick={() => void run()} disabled={call.busy || !mapping.emailColumn || actorId === null}>
              {call.busy ? t('lists.importing') : t('lists.runImport')}
            </button>
          )}
          {actorId === null && <span className="warn">{t('app.noOperator')}</span>}
        </div>
      )}
      {call.busy && progress && <ImportProgress p={progress} onStop={stop} />}
      <ErrorText error={call.error} />
      {preview && (
        <>
          <ImportReport report={preview} pending />
          <div className="row confirm" role="group" data-testid="import-confirm">
            <span>{t('lists.replaceConfirm', { count: preview.counts.accepted })}</span>
            <button type="button" className="btn primary" data-action="confirm-import" disabled={call.busy || actorId === null} onClick={() => void run()}>
              {call.busy ? t('lists.importing') : t('lists.replaceYes')}
            </button>
            <button type="button" className="btn" data-action="cancel-import" disabled={call.busy} onClick={cancel}>
              {t('lists.replaceNo')}
            </button>
            {actorId === null && <span className="warn">{t('app.noOperator')}</span>}
          </div>
        </>
      )}
      {undone && (
        <p className="notice" data-testid="import-undone">
          {t('lists.undone', { file: undone.file, count: undone.result.restored })}
        </p>
      )}
      {report && (
        <>
          <ImportReport report={report} />
          {report.diff && (
            <UndoImport
              listId={listId}
              actorId={actorId}
              fileName={report.fileName}
              onUndone={(result) => {
                setUndone({ file: report.fileName, result });
                setReport(null);
                onImported();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function ImportProgress({ p, onStop }: { p: ImportProgressDto; onStop: () => void }) {
  const { t } = useTranslation();
  const [stopping, setStopping] = useState(false);
  return (
    <div data-testid="import-progress" className="row">
      <progress className="progress" max={p.totalBytes || 1} value={p.phase === 'done' ? p.totalBytes : p.bytesRead} />
      <span className="hint">
        {t(`lists.phase_${p.phase}`)} {t('lists.rowsSoFar', { count: p.rows })}
      </span>
      {p.phase !== 'done' && (
        <button
          type="button"
          className="btn"
          data-action="stop-import"
          disabled={stopping}
          onClick={() => {
            setStopping(true);
            onStop();
          }}
        >
          {stopping ? t('lists.stoppingImport') : t('lists.stopImport')}
        </button>
      )}
    </div>
  );
}
