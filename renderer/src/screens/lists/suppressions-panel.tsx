// The organisation's suppression list (配信停止リスト): addresses that never receive a notice,
// whatever list they are on and however often it is re-imported. Search, add with a reason and a
// note, remove after a confirm step; the service audits each change.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuppressionDto } from '../../../../shared/contract';
import { SUPPRESSION_REASONS, type SuppressionReason } from '../../../../shared/recipients';
import { ErrorText } from '../../components/error-text';
import { Fold } from '../../components/fold';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';

export function SuppressionsPanel({ actorId }: { actorId: number | null }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const list = useQuery('suppressions:list', { query: debounced });
  const call = useCall();
  const [address, setAddress] = useState('');
  const [reason, setReason] = useState<SuppressionReason>('asked-to-stop');
  const [note, setNote] = useState('');
  // The address waiting for the confirm step of its removal.
  const [removing, setRemoving] = useState<SuppressionDto | null>(null);
  // The last change, translated when shown (the language may change meanwhile).
  const [done, setDone] = useState<{ key: 'suppressions.added' | 'suppressions.removed'; address: string } | null>(null);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(h);
  }, [query]);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (actorId === null || !address.trim()) return;
    const r = await call.run('suppressions:add', { actorId, address: address.trim(), reason, note: note.trim() || null });
    if (!r) return;
    setDone({ key: 'suppressions.added', address: address.trim() });
    setAddress('');
    setNote('');
    list.reload();
  };
  const remove = async (s: SuppressionDto) => {
    if (actorId === null) return;
    if (!(await call.run('suppressions:remove', { actorId, address: s.address }))) return;
    setRemoving(null);
    setDone({ key: 'suppressions.removed', address: s.address });
    list.reload();
  };

  return (
    <Fold testId="suppressions-panel" title={t('suppressions.title')}>
      <p className="hint">{t('suppressions.intro')}</p>
      {/* The address is checked (and a full-width ＠ normalised) by the service, not the browser. */}
      <form className="row suppress-form" noValidate onSubmit={(e) => void add(e)}>
        <label className="field">
          <span>{t('suppressions.address')}</span>
          <input name="suppress-address" type="email" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="taro@example.jp" />
        </label>
        <label className="field">
          <span>{t('suppressions.reason')}</span>
          <select name="suppress-reason" value={reason} onChange={(e) => setReason(e.target.value as SuppressionReason)}>
            {SUPPRESSION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`suppressions.reason_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('suppressions.note')}</span>
          <input name="suppress-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('suppressions.noteExample')} />
        </label>
        <button type="submit" className="btn primary" data-action="add-suppression" disabled={call.busy || actorId === null || !address.includes('@')}>
          {t('suppressions.add')}
        </button>
      </form>
      {actorId === null && <p className="warn">{t('app.noOperator')}</p>}
      {done && (
        <p className="notice" data-testid="suppression-done">
          {t(done.key, { address: done.address })}
        </p>
      )}
      {removing && (
        <div className="row confirm warn" role="group" data-testid="remove-suppression-confirm">
          <span>{t('suppressions.removeConfirm', { address: removing.address })}</span>
          <button type="button" className="btn danger" data-action="confirm-remove-suppression" disabled={call.busy} onClick={() => void remove(removing)}>
            {t('suppressions.removeYes')}
          </button>
          <button type="button" className="btn" data-action="cancel-remove-suppression" onClick={() => setRemoving(null)}>
            {t('suppressions.removeNo')}
          </button>
        </div>
      )}
      <ErrorText error={call.error ?? list.error} />
      <div className="row">
        <input type="search" name="suppression-search" placeholder={t('suppressions.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="hint" data-testid="suppression-count">
          {t('suppressions.count', { n: (list.data?.length ?? 0).toLocaleString(i18n.language) })}
        </span>
      </div>
      {list.data?.length === 0 && <p className="hint">{t(debounced ? 'suppressions.noMatch' : 'suppressions.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="list-scroll">
          <table className="data" data-testid="suppressions">
            <thead>
              <tr>
                <th>{t('suppressions.address')}</th>
                <th>{t('suppressions.reason')}</th>
                <th>{t('suppressions.noteColumn')}</th>
                <th>{t('suppressions.by')}</th>
                <th>{t('suppressions.at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.address} data-address={s.address}>
                  <td>{s.address}</td>
                  <td>{t(`suppressions.reason_${s.reason}`)}</td>
                  <td>{s.note ?? ''}</td>
                  <td>{s.addedBy ?? '—'}</td>
                  <td>{new Date(s.addedAt).toLocaleString(i18n.language)}</td>
                  <td>
                    <button type="button" className="btn small" data-action="remove-suppression" disabled={actorId === null || removing !== null} onClick={() => (setDone(null), setRemoving(s))}>
                      {t('suppressions.remove')}
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
