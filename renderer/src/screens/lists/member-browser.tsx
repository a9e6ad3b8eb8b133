// Virtualised member list: only visible rows exist in the DOM; pages of 200 are fetched on demand,
// so scrolling stays smooth at 100k members. Row positions are set through the CSSOM (ref), since
// the CSP forbids style attributes.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDto } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { api } from '../../api/client';
import { ErrorText } from '../../components/error-text';

const PAGE = 200;
const ROW = 28;

function place(top: number) {
  return (el: HTMLElement | null) => {
    if (el) el.style.transform = `translateY(${top}px)`;
  };
}

export function MemberBrowser({ listId, version }: { listId: number; version: number }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [total, setTotal] = useState(0);
  // False when a search stopped counting at its cap: the total is then "1,000+".
  const [exact, setExact] = useState(true);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly MemberDto[]>>(new Map());
  const [error, setError] = useState<ErrorInfo | null>(null);
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(h);
  }, [query]);

  const fetchPage = useCallback(
    (page: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      const gen = generation.current;
      void api
        .invoke('members:page', { listId, offset: page * PAGE, limit: PAGE, query: debounced || undefined })
        .then((r) => {
          if (gen !== generation.current) return;
          if (!r.ok) return setError(r.error);
          setTotal(r.value.total);
          setExact(r.value.totalExact);
          setPages((m) => new Map(m).set(page, r.value.members));
        });
    },
    [listId, debounced],
  );

  // A new list, a new import or a new search starts from an empty cache.
  useEffect(() => {
    generation.current += 1;
    pending.current = new Set();
    setPages(new Map());
    setTotal(0);
    setExact(true);
    setError(null);
    fetchPage(0);
  }, [fetchPage, version]);

  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 });
  const items = virtual.getVirtualItems();

  useEffect(() => {
    for (const it of items) {
      const page = Math.floor(it.index / PAGE);
      if (!pages.has(page)) fetchPage(page);
    }
  }, [items, pages, fetchPage]);

  const box = useRef<HTMLDivElement>(null);
  const height = virtual.getTotalSize();
  useLayoutEffect(() => {
    if (box.current) box.current.style.height = `${height}px`;
  }, [height]);

  return (
    <section className="card" data-testid="member-browser">
      <div className="row">
        <h3>{t('lists.browseTitle')}</h3>
        <input
          type="search"
          name="member-search"
          placeholder={t('lists.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="hint" data-testid="match-count">
          {t(exact ? 'lists.matches' : 'lists.matchesMore', { n: total.toLocaleString(i18n.language) })}
        </span>
      </div>
      <ErrorText error={error} />
      <div className="member-browser" ref={scroller}>
        <div className="member-row head h28">
          <span>{t('lists.line')}</span>
          <span>{t('lists.name')}</span>
          <span>{t('lists.email')}</span>
          <span>{t('lists.status')}</span>
        </div>
        <div className="spacer-box" ref={box}>
          {items.map((it) => {
            const m = pages.get(Math.floor(it.index / PAGE))?.[it.index % PAGE];
            return (
              <div key={it.key} className="member-row h28" ref={place(it.start)} data-member-index={it.index}>
                <span>{m?.line ?? '…'}</span>
                <span>{m?.name ?? ''}</span>
                <span>{m?.email ?? ''}</span>
                <span>{m?.change ? t(`lists.change_${m.change}`) : ''}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
