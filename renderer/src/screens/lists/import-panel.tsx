// Import a CSV: pick or drop a file, confirm the detected encoding and the column mapping, run
// the import with a progress bar, then show its report.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAnalysisDto, ImportEncodingDto, ImportProgressDto, ImportReportDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useEvent } from '../../hooks/use-event';
import { FileDrop, type PickedFile as Picked } from './file-drop';
import { ImportMapping, type ColumnMapping } from './import-mapping';
import { ImportReport } from './import-report';

export function ImportPanel({ listId, actorId, onImported }: { listId: number; actorId: number | null; onImported: () => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const [file, setFile] = useState<Picked | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysisDto | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [progress, setProgress] = useState<ImportProgressDto | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);

  useEvent('import:progress', (p) => {
    if (p.listId === null || p.listId === listId) setProgress(p);
  });

  const analyse = async (picked: Picked, encoding?: ImportEncodingDto) => {
    setFile(picked);
    setReport(null);
    const a = await call.run('import:analyze', { fileName: picked.name, bytes: picked.bytes, encoding });
    setAnalysis(a ?? null);
    if (a && !encoding) setMapping({ emailColumn: a.detected.email, nameColumn: a.detected.name, keyColumn: a.detected.key });
  };

  const run = async () => {
    if (!file || !analysis || !mapping?.emailColumn || actorId === null) return;
    setProgress(null);
    const r = await call.run('import:run', {
      actorId,
      listId,
      fileName: file.name,
      bytes: file.bytes,
      encoding: analysis.encoding,
      delimiter: analysis.delimiter,
      emailColumn: mapping.emailColumn,
      nameColumn: mapping.nameColumn,
      keyColumn: mapping.keyColumn,
    });
    if (r) {
      setReport(r);
      setAnalysis(null);
      onImported();
    }
  };

  return (
    <section className="card" data-testid="import-panel">
      <h3>{t('lists.importTitle')}</h3>
      <FileDrop onFile={(f) => void analyse(f)} />
      {analysis && mapping && file && (
        <ImportMapping
          analysis={analysis}
          mapping={mapping}
          onMapping={setMapping}
          onEncoding={(enc) => void analyse(file, enc)}
        />
      )}
      {analysis && mapping && (
        <div className="row">
          <button
            type="button"
            className="btn primary"
            data-action="run-import"
            onClick={() => void run()}
            disabled={call.busy || !mapping.emailColumn || actorId === null}
          >
            {call.busy ? t('lists.importing') : t('lists.runImport')}
          </button>
          {actorId === null && <span className="warn">{t('app.noOperator')}</span>}
        </div>
      )}
      {call.busy && progress && <ImportProgress p={progress} />}
      <ErrorText error={call.error} />
      {report && <ImportReport report={report} />}
    </section>
  );
}

function ImportProgress({ p }: { p: ImportProgressDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-progress">
      <progress className="progress" max={p.totalBytes || 1} value={p.phase === 'done' ? p.totalBytes : p.bytesRead} />
      <span className="hint">
        {t(`lists.phase_${p.phase}`)} {t('lists.rowsSoFar', { count: p.rows })}
      </span>
    </div>
  );
}
