// Any recipient's exact message: previous / next by position, or find a member by name/address.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { MailView } from '../../components/mail-view';
import { useQuery } from '../../hooks/use-query';
import { useReloadOnChange } from '../../hooks/use-reload-on-change';
import { useDebounced } from '../compose/use-debounced';

type Target = { position: number } | { memberId: number };

export function MessageBrowser({ campaignId, version = 0 }: { campaignId: number; version?: number }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target>({ position: 0 });
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim());
  const rendered = useQuery('preview:render', { campaignId, ...target });
  useReloadOnChange(rendered.reload, version);
  const found = useQuery('preview:search', q ? { campaignId, query: q, limit: 20 } : null);
  const r = rendered.data;
  const position = r?.position ?? ('position' in target ? target.position : 0);
  return (
    <section className="card" data-testid="message-browser">
      <h3>{t('check.previewTitle')}</h3>
      <div className="row">
        <button type="button" className="btn" data-action="prev" disabled={position <= 0} onClick={() => setTarget({ position: position - 1 })}>
          {t('check.prev')}
        </button>
        <span data-testid="position">{r ? t('check.position', { n: r.position + 1, total: r.total }) : '…'}</span>
        <button
          type="button"
          className="btn"
          data-action="next"
          disabled={!r || position >= r.total - 1}
          onClick={() => setTarget({ position: position + 1 })}
        >
          {t('check.next')}
        </button>
        <input type="search" name="message-search" placeholder={t('check.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {q && found.data && (
        <ul className="pick-list" data-testid="search-results">
          {found.data.matches.length === 0 && <li className="hint">{t('check.noMatch')}</li>}
          {found.data.matches.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                translate="no"
                onClick={() => {
                  setTarget({ memberId: m.id });
                  setQuery('');
                }}
              >
                {m.name} &lt;{m.email}&gt;
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={rendered.error ?? found.error} />
      {r && <MailView rendered={r} />}
      <p className="hint">{t('check.textNote')}</p>
    </section>
  );
}
