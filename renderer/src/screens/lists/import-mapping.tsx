// The detected encoding (switchable), the delimiter, which column is which, and the first rows.
import { useTranslation } from 'react-i18next';
import type { ImportAnalysisDto, ImportEncodingDto } from '../../../../shared/contract';

export interface ColumnMapping {
  emailColumn: string | null;
  nameColumn: string | null;
  keyColumn: string | null;
}

interface Props {
  analysis: ImportAnalysisDto;
  mapping: ColumnMapping;
  onMapping: (m: ColumnMapping) => void;
  onEncoding: (encoding: ImportEncodingDto) => void;
}

const ENCODINGS: readonly ImportEncodingDto[] = ['shift_jis', 'utf-8', 'euc-jp', 'utf-16le'];
// Words, not codes, in either language (the Japanese screen showed "(comma)" and "TAB").
const DELIMITER_KEYS: Record<string, string> = { ',': 'lists.delimiter_comma', '\t': 'lists.delimiter_tab', ';': 'lists.delimiter_semicolon' };

export function ImportMapping({ analysis, mapping, onMapping, onEncoding }: Props) {
  const { t } = useTranslation();
  const columnSelect = (key: keyof ColumnMapping, required: boolean) => (
    <select
      name={`map-${key}`}
      value={mapping[key] ?? ''}
      onChange={(e) => onMapping({ ...mapping, [key]: e.target.value || null })}
    >
      {!required && <option value="">{t('lists.noneOption')}</option>}
      {required && !mapping[key] && <option value="">—</option>}
      {analysis.columns.map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ))}
    </select>
  );
  return (
    <div data-testid="import-mapping">
      <div className="row">
        <span>
          {t('lists.file')}: <b>{analysis.fileName}</b>
        </span>
        <label className="row">
          <span>{t('lists.encoding')}</span>
          <select name="encoding" value={analysis.encoding} onChange={(e) => onEncoding(e.target.value as ImportEncodingDto)}>
            {ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {t(`lists.encodingChoice_${e}`)}
                {e === analysis.detectedEncoding ? ' ✓' : ''}
              </option>
            ))}
          </select>
        </label>
        <span>
          {t('lists.delimiter')}: {DELIMITER_KEYS[analysis.delimiter] ? t(DELIMITER_KEYS[analysis.delimiter]!) : analysis.delimiter}
        </span>
      </div>
      <h3>{t('lists.mapping')}</h3>
      <div className="row">
        <label className="field">
          <span>{t('lists.emailColumn')}</span>
          {columnSelect('emailColumn', true)}
        </label>
        <label className="field">
          <span>{t('lists.nameColumn')}</span>
          {columnSelect('nameColumn', false)}
        </label>
        <label className="field">
          <span>{t('lists.keyColumn')}</span>
          {columnSelect('keyColumn', false)}
        </label>
      </div>
      <h3>{t('lists.sample')}</h3>
      <div className="list-scroll">
        <table className="data" data-testid="sample-rows">
          <thead>
            <tr>
              {analysis.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {analysis.sampleRows.slice(0, 5).map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
