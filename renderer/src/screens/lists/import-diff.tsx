// What changed since the previous import of the same list (new, removed, changed address/name).
import { useTranslation } from 'react-i18next';
import type { ImportDiffDto } from '../../../../shared/contract';
import { Stat } from './stat';

interface Change {
  line: number;
  who: string;
  from: string;
  to: string;
}

export function ImportDiff({ diff }: { diff: ImportDiffDto | null }) {
  const { t } = useTranslation();
  if (!diff) return <p className="hint">{t('lists.diffFirst')}</p>;
  const c = diff.counts;
  return (
    <div data-testid="import-diff">
      <h3>{t('lists.diffTitle')}</h3>
      <div className="stats">
        <Stat label={t('lists.added')} value={c.added} testid="added" />
        <Stat label={t('lists.removed')} value={c.removed} testid="removed" />
        <Stat label={t('lists.emailChanged')} value={c.emailChanged} testid="email-changed" />
        <Stat label={t('lists.nameChanged')} value={c.nameChanged} testid="name-changed" />
      </div>
      <Changes title={t('lists.emailChanged')} rows={diff.emailChanged.map((r) => ({ line: r.line, who: r.key, from: r.from, to: r.to }))} />
      <Changes title={t('lists.nameChanged')} rows={diff.nameChanged.map((r) => ({ line: r.line, who: r.email, from: r.from, to: r.to }))} />
      {diff.added.length > 0 && (
        <p>
          {t('lists.added')}: {diff.added.map((m) => m.email).join(', ')}
        </p>
      )}
      {diff.removed.length > 0 && (
        <p>
          {t('lists.removed')}: {diff.removed.map((m) => m.email).join(', ')}
        </p>
      )}
    </div>
  );
}

function Changes({ title, rows }: { title: string; rows: readonly Change[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <table className="data">
        <thead>
          <tr>
            <th>{t('lists.line')}</th>
            <th>{t('lists.key')}</th>
            <th>{t('lists.before')}</th>
            <th>{t('lists.after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.line}-${r.who}`}>
              <td>{r.line}</td>
              <td>{r.who}</td>
              <td>{r.from}</td>
              <td>{r.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
