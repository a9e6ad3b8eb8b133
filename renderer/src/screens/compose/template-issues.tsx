// Template errors shown right under the editors, with where they are and what to pick instead.
import { useTranslation } from 'react-i18next';
import type { TemplateCheckDto } from '../../../../shared/contract';
import { errorKey } from '../../components/error-text';

export function TemplateIssues({ check }: { check: TemplateCheckDto | undefined }) {
  const { t } = useTranslation();
  if (!check) return null;
  if (check.ok) return <p className="notice" data-testid="template-ok">{t('compose.templateOk')}</p>;
  return (
    <ul className="error" data-testid="template-issues">
      {check.issues.map((i, n) => (
        <li key={n} data-code={i.code}>
          {t('compose.issueAt', { part: t(`compose.part_${i.part}`), line: i.line, column: i.column })}
          {i.code === 'template-unknown-field' ? ` {{${i.field}}}` : ''}: {t(errorKey(i.code))}
          {i.code === 'template-unknown-field' && i.suggestions.length > 0 && (
            <> {t('compose.didYouMean', { names: i.suggestions.join(', ') })}</>
          )}
        </li>
      ))}
    </ul>
  );
}
