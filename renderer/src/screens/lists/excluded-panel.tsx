// Members excluded from sending in Tayori (exclusions:list): who, why, by whom and when, each
// with "include again". An exclusion names the member by key (or address), so it outlives a
// re-import; a member no longer on the list is shown by that reference.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExclusionDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { Fold } from '../../components/fold';
import { useCall } from '../../hooks/use-call';

interface Props {
  listId: number;
  /** Bumped by an import or an undo: an earlier notice no longer describes the list. */
  version: number;
  actorId: number | null;
  exclusions: readonly ExclusionDto[] | undefined;
  onChanged: () => void;
}

export function ExcludedPanel({ listId, version, actorId, exclusions, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const call = useCall();
  const [included, setIncluded] = useState<string | null>(null);
  useEffect(() => setIncluded(null), [listId, version]);
  const include = async (e: ExclusionDto) => {
    if (actorId === null) return;
    if ((await call.run('exclusions:remove', { actorId, listId, ref: e.ref })) === undefined) return;
    setIncluded(e.member?.name || e.member?.email || e.ref.slice(2));
    onChanged();
  };
  return (
    <Fold testId="excluded-panel" title={t('exclusions.title', { count: exclusions?.length ?? 0 })} openWhen={(exclusions?.length ?? 0) > 0}>
      <p className="hint">{t('exclusions.intro')}</p>
      {included && <p className="notice">{t('exclusions.included', { name: included })}</p>}
      <ErrorText error={call.error} />
      {exclusions?.length === 0 && <p className="hint">{t('exclusions.none')}</p>}
      {exclusions && exclusions.length > 0 && (
        <div className="list-scroll">
          <table className="data" data-testid="exclusions">
            <thead>
              <tr>
                <th>{t('lists.name')}</th>
                <th>{t('lists.email')}</th>
                <th>{t('exclusions.reason')}</th>
                <th>{t('exclusions.by')}</th>
                <th>{t('exclusions.at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {exclusions.map((e) => (
                <tr key={e.ref} data-ref={e.ref}>
                  <td>{e.member ? e.member.name || '—' : <span className="hint">{t('exclusions.gone', { ref: e.ref.slice(2) })}</span>}</td>
                  <td>{e.member?.email ?? (e.ref.startsWith('e:') ? e.ref.slice(2) : '—')}</td>
                  <td>{e.reason ?? <span className="hint">{t('exclusions.noReason')}</span>}</td>
                  <td>{e.excludedBy ?? '—'}</td>
                  <td>{new Date(e.excludedAt).toLocaleString(i18n.language)}</td>
                  <td>
                    <button type="button" className="btn small" data-action="include-again" disabled={call.busy || actorId === null} onClick={() => void include(e)}>
                      {t('exclusions.include')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Fold>
  );
}
