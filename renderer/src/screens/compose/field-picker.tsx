// The list's columns as buttons; a click inserts {{column}} at the cursor of the last editor used.
import { useTranslation } from 'react-i18next';

export function FieldPicker({ columns, onPick }: { columns: readonly string[]; onPick: (field: string) => void }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="field-picker" data-testid="field-picker">
        <span>{t('compose.fields')}</span>
        {columns.map((c) => (
          <button
            key={c}
            type="button"
            className="btn small"
            translate="no"
            data-field={c}
            // Keep the editor's focus and selection while clicking.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(c)}
          >
            {c}
          </button>
        ))}
      </div>
      <p className="hint">{t('compose.fieldsHint')}</p>
    </div>
  );
}

/** Inserts text at the selection of an input/textarea and returns the new value and caret. */
export function insertAt(el: HTMLInputElement | HTMLTextAreaElement, text: string): { value: string; caret: number } {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  return { value: el.value.slice(0, start) + text + el.value.slice(end), caret: start + text.length };
}
