// "Show all" under a check finding: the people it is about, by Excel row, name and address. The
// finding carries only their ids (the report stays small at 100k members); the names are asked
// for when the list is opened, and the list scrolls with the page (no box of its own).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckItemDto, CheckMemberDto } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { api } from '../api/client';
import { ErrorText } from './error-text';

export function FindingMembers({ campaignId, item }: { campaignId: number; item: CheckItemDto }) {
  const { t, i18n } = useTranslation();
  // The people are kept with the finding they were asked for: a new report (another check, a
  // row left out, an address marked shared) closes the list instead of showing the people of
  // the earlier one under it (the component stays mounted across reports, by position).
  const [shown, setShown] = useState<{ readonly item: CheckItemDto; readonly people: readonly CheckMemberDto[] } | null>(null);
  const people = shown !== null && shown.item === item ? shown.people : null;
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = item.members ?? [];
  const total = Number(item.params['memberCount'] ?? ids.length);
  const n = (x: number) => x.toLocaleString(i18n.language);
  if (ids.length === 0) return null;

  const show = async () => {
    setBusy(true);
    const r = await api.invoke('checks:members', { campaignId, memberIds: [...ids] });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setShown({ item, people: r.value });
  };

  if (people === null) {
    return (
      <div className="finding-members">
        <button type="button" className="btn small" data-action="finding-show-all" aria-expanded="false" disabled={busy} onClick={() => void show()}>
          {t('ux.groupMore', { count: n(total) })}
        </button>
        <ErrorText error={error} />
      </div>
    );
  }
  return (
    <div className="finding-members" data-testid="finding-members">
      <button type="button" className="btn small" data-action="finding-show-less" aria-expanded="true" onClick={() => setShown(null)}>
        {t('ux.groupLess')}
      </button>
      {total > people.length && <p className="hint">{t('ux.groupFirst', { shown: n(people.length), count: n(total) })}</p>}
      <table className="data compact">
        <thead>
          <tr>
            <th>{t('lists.excelRow')}</th>
            <th>{t('lists.name')}</th>
            <th>{t('lists.email')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} data-member-id={p.id}>
              <td>{p.line ?? '—'}</td>
              <td translate="no">{p.name}</td>
              <td translate="no">{p.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
