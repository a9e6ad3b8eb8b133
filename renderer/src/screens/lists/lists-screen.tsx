// Screen 2: member lists — pick or create a list, import a CSV into it (a re-import is checked
// first and can be undone), browse, edit and exclude its members, and keep the organisation's
// suppression list. The suppression list lives here rather than in Settings: it is about who
// receives, like exclusions, and a member's "please stop" is handled while looking at the list.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { memberRef } from '../../../../shared/recipients';
import { useApp } from '../../state/app-context';
import { ExcludedPanel } from './excluded-panel';
import { ImportHistory } from './import-history';
import { ImportPanel } from './import-panel';
import { MemberBrowser } from './member-browser';
import { SuppressionsPanel } from './suppressions-panel';

export function ListsScreen() {
  const { t } = useTranslation();
  const { listId, setListId, operatorId, go } = useApp();
  const lists = useQuery('lists:list', {});
  const create = useCall();
  const [name, setName] = useState('');
  const [version, setVersion] = useState(0);

  // Pick the first list when none is chosen yet (e.g. the practice sample list).
  useEffect(() => {
    const first = lists.data?.[0];
    if (listId === null && first) setListId(first.id);
  }, [lists.data, listId, setListId]);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (operatorId === null || !name.trim()) return;
    const l = await create.run('lists:create', { actorId: operatorId, name: name.trim() });
    if (l) {
      setName('');
      setListId(l.id);
      lists.reload();
    }
  };
  const current = lists.data?.find((l) => l.id === listId) ?? null;
  const exclusions = useQuery('exclusions:list', current ? { listId: current.id } : null);
  const reloadExclusions = exclusions.reload;
  // Exclusions name members by key (or address); the member list marks the rows they cover,
  // by each row's own reference, and includes them again by the exclusion's.
  const excluded = useMemo(
    () => new Map((exclusions.data ?? []).map((e) => [e.member ? memberRef(e.member) : e.ref, e.ref] as const)),
    [exclusions.data],
  );
  const reloadLists = lists.reload;
  const imported = useCallback(() => {
    setVersion((v) => v + 1);
    reloadLists();
    reloadExclusions();
  }, [reloadLists, reloadExclusions]);

  return (
    <div data-screen="lists">
      <h2>{t('lists.title')}</h2>
      <ErrorText error={lists.error} />
      <div className="card row">
        <label className="row">
          <span>{t('lists.pick')}</span>
          <select
            name="list"
            value={listId ?? ''}
            onChange={(e) => setListId(e.target.value ? Number(e.target.value) : null)}
          >
            {(lists.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({t('lists.members', { count: l.memberCount })})
              </option>
            ))}
          </select>
        </label>
        <form className="row" onSubmit={(e) => void add(e)}>
          <input name="new-list" placeholder={t('lists.newList')} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn" data-action="create-list" disabled={create.busy || operatorId === null || !name.trim()}>
            {t('lists.create')}
          </button>
        </form>
        {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
        {current && current.memberCount > 0 && (
          <button type="button" className="btn primary" data-action="to-compose" onClick={() => go('compose')}>
            {t('compose.title')} →
          </button>
        )}
      </div>
      <ErrorText error={create.error} />
      {lists.data?.length === 0 && <p className="hint">{t('lists.none')}</p>}
      {current && (
        <>
          <ImportPanel key={current.id} listId={current.id} actorId={operatorId} replacing={current.memberCount > 0} onImported={imported} />
          <ExcludedPanel listId={current.id} version={version} actorId={operatorId} exclusions={exclusions.data} onChanged={reloadExclusions} />
          <ImportHistory listId={current.id} version={version} actorId={operatorId} onUndone={imported} />
        </>
      )}
      <SuppressionsPanel actorId={operatorId} />
      {/* Last: its rows scroll with the page, so anything below them would be out of reach. */}
      {current && <MemberBrowser list={current} version={version} actorId={operatorId} excluded={excluded} onExclusions={reloadExclusions} />}
    </div>
  );
}
