// Who of the list receives this notice: the whole list, or members matching conditions on its
// columns (AND / OR), with the live count, the domains and the selection in words, exactly as
// the approver will read it. The host counts (recipients:preview); nothing is sent from here.
import { useTranslation } from 'react-i18next';
import { CONDITION_OPS, type Condition, type ConditionOp, type Selection } from '../../../../shared/recipients';
import { DomainChart } from '../../components/domain-chart';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';
import { useDebounced } from './use-debounced';

interface Props {
  listId: number;
  columns: readonly string[];
  value: Selection;
  editable: boolean;
  onChange: (s: Selection) => void;
}

const newCondition = (columns: readonly string[]): Condition => ({ column: columns[0] ?? '', op: 'equals', values: [''] });

/** one-of takes a comma-separated list as typed (、 and ， too); the others one value. */
function valuesOf(op: ConditionOp, text: string): string[] {
  if (op === 'empty' || op === 'not-empty') return [];
  if (op === 'one-of') return text.split(/[,、，]/).map((v) => v.trim()).filter(Boolean);
  return [text];
}

export function SelectionEditor({ listId, columns, value, editable, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const debounced = useDebounced(value, 250);
  const preview = useQuery('recipients:preview', { listId, selection: debounced });
  const conditions = value.kind === 'conditions' ? value.conditions : [];
  const match = value.kind === 'conditions' ? value.match : 'all';
  const setConditions = (cs: readonly Condition[], m: 'all' | 'any' = match) => onChange({ kind: 'conditions', match: m, conditions: cs });
  const setAt = (i: number, patch: Partial<Condition>) => setConditions(conditions.map((c, j) => (i === j ? { ...c, ...patch } : c)));
  const words = preview.data ? (i18n.language === 'ja' ? preview.data.words.ja : preview.data.words.en) : '';

  return (
    <fieldset className="card selection" data-testid="selection-editor" disabled={!editable}>
      <legend>{t('selection.title')}</legend>
      <div className="row" role="radiogroup">
        <label className="check-field">
          <input type="radio" name="selection-kind" value="all" checked={value.kind !== 'conditions'} onChange={() => onChange({ kind: 'all' })} />
          <span>{t('selection.all')}</span>
        </label>
        <label className="check-field">
          <input type="radio" name="selection-kind" value="conditions" checked={value.kind === 'conditions'} onChange={() => setConditions(conditions.length ? conditions : [newCondition(columns)])} />
          <span>{t('selection.conditions')}</span>
        </label>
      </div>
      {value.kind === 'conditions' && (
        <div data-testid="conditions">
          <label className="field inline">
            <span>{t('selection.match')}</span>
            <select name="selection-match" value={match} onChange={(e) => setConditions(conditions, e.target.value as 'all' | 'any')}>
              <option value="all">{t('selection.matchAll')}</option>
              <option value="any">{t('selection.matchAny')}</option>
            </select>
          </label>
          {conditions.map((c, i) => (
            <div className="row condition" key={i} data-testid="condition">
              <select name={`condition-${i}-column`} aria-label={t('selection.column')} value={c.column} onChange={(e) => setAt(i, { column: e.target.value })}>
                {columns.map((col) => (
                  <option key={col} value={col}>
                    {col}
                  </option>
                ))}
              </select>
              <select name={`condition-${i}-op`} aria-label={t('selection.op')} value={c.op} onChange={(e) => setAt(i, { op: e.target.value as ConditionOp, values: valuesOf(e.target.value as ConditionOp, c.values.join(', ')) })}>
                {CONDITION_OPS.map((op) => (
                  <option key={op} value={op}>
                    {t(`selection.op_${op}`)}
                  </option>
                ))}
              </select>
              {c.op !== 'empty' && c.op !== 'not-empty' && (
                <input
                  name={`condition-${i}-value`}
                  aria-label={t('selection.value')}
                  placeholder={c.op === 'one-of' ? t('selection.oneOfHint') : ''}
                  value={c.op === 'one-of' ? c.values.join(', ') : (c.values[0] ?? '')}
                  onChange={(e) => setAt(i, { values: c.op === 'one-of' ? e.target.value.split(/[,、，]/).map((v) => v.trimStart()) : [e.target.value] })}
                />
              )}
              <button type="button" className="btn small" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
                {t('selection.removeCondition')}
              </button>
            </div>
          ))}
          <button type="button" className="btn small" data-action="add-condition" onClick={() => setConditions([...conditions, newCondition(columns)])}>
            {t('selection.addCondition')}
          </button>
        </div>
      )}
      {preview.data && (
        <div className="selection-result">
          <p className="notice" data-testid="selection-count" data-count={preview.data.count}>
            {words}
          </p>
          {(preview.data.excluded > 0 || preview.data.suppressed > 0 || preview.data.merged > 0) && (
            <p className="hint">{t('selection.leftOut', { excluded: preview.data.excluded, suppressed: preview.data.suppressed, merged: preview.data.merged })}</p>
          )}
          {preview.data.domains.length > 0 && <DomainChart domains={preview.data.domains} />}
        </div>
      )}
      <ErrorText error={preview.error} />
    </fieldset>
  );
}
