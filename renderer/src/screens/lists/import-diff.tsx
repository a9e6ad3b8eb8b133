// What an import changes against the list's previous import: members added, removed, with a
// changed address or name. Every member is named by key and name as well as address, since an
// address alone can be someone else's (a removal of 伊藤 once read as 髙橋's address).
import { useTranslation } from 'react-i18next';
import type { ImportDiffDto } from '../../../../shared/contract';
import { Stat } from './stat';

interface Row {
  readonly row: number | null;
  readonly key: string | null;
  readonly name: string;
  readonly email: string;
  readonly from?: string;
  readonly to?: string;
}

interface Props {
  diff: ImportDiffDto | null;
  /** The list's key column as the file names it (e.g. 会員番号), for the table heading. */
  keyColumn: string | null;
  /** Words for a preview ("would be added") rather than a done import. */
  pending?: boolean;
}

export function ImportDiff({ diff, keyColumn, pending = false }: Props) {
  const { t } = useTranslation();
  if (!diff) return <p className="hint">{t('lists.diffFirst')}</p>;
  const c = diff.counts;
  const more = (shown: number, total: number) => (total > shown ? <p className="hint">{t('lists.diffMore', { shown, total })}</p> : null);
  const key = keyColumn ?? t('lists.keyFallback');
  return (
    <div data-testid="import-diff">
      <h3>{t(pending ? 'lists.diffPendingTitle' : 'lists.diffTitle')}</h3>
      <div className="stats">
        <Stat label={t('lists.added')} value={c.added} testid="added" />
        <Stat label={t('lists.removed')} value={c.removed} testid="removed" />
        <Stat label={t('lists.emailChanged')} value={c.emailChanged} testid="email-changed" />
        <Stat label={t('lists.nameChanged')} value={c.nameChanged} testid="name-changed" />
      </div>
      <Members kind="removed" title={t(pending ? 'lists.removedPending' : 'lists.removed')} keyLabel={key} rows={diff.removed} />
      {more(diff.removed.length, c.removed)}
      <Members kind="email-changed" title={t('lists.emailChanged')} keyLabel={key} rows={diff.emailChanged} />
      {more(diff.emailChanged.length, c.emailChanged)}
      <Members kind="name-changed" title={t('lists.nameChanged')} keyLabel={key} rows={diff.nameChanged} />
      {more(diff.nameChanged.length, c.nameChanged)}
      <Members kind="added" title={t(pending ? 'lists.addedPending' : 'lists.added')} keyLabel={key} rows={diff.added} />
      {more(diff.added.length, c.added)}
    </div>
  );
}

function Members({ kind, title, keyLabel, rows }: { kind: string; title: string; keyLabel: string; rows: readonly Row[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  const changes = kind === 'email-changed' || kind === 'name-changed';
  return (
    <>
      <h4>{title}</h4>
      <div className="list-scroll">
        <table className="data" data-diff={kind}>
          <thead>
            <tr>
              <th>{t('lists.excelRow')}</th>
              <th>{keyLabel}</th>
              <th>{t('lists.name')}</th>
              <th>{t('lists.email')}</th>
              {changes && <th>{t('lists.before')}</th>}
              {changes && <th>{t('lists.after')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.key ?? ''}-${r.email}-${i}`} data-key={r.key ?? ''}>
                <td>{r.row ?? '—'}</td>
                <td>{r.key ?? '—'}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                {changes && <td>{r.from}</td>}
                {changes && <td>{r.to}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
