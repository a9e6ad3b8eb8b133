// Virtualised member list: only visible rows exist in the DOM; pages of 200 are fetched on demand,
// so scrolling stays smooth at 100k members. It scrolls with the page (the screen's one scrollbar)
// rather than in a box of its own: a list box inside a scrolling page gave two scrollbars, and the
// wheel moved one or the other depending on where the pointer was. It is the screen's last part;
// its heading, search and column heads stay in view while the rows scroll under them. Row positions are set through the CSSOM (ref), since
// the CSP forbids style attributes. Each row can be edited or excluded from sending (each in a
// small form above the list, which is the confirm step); its state says what changed.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListDto, MemberDto } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { memberRef } from '../../../../shared/recipients';
import { api } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { ExcludeMemberForm } from './exclude-member-form';
import { MemberEditForm } from './member-edit-form';

const PAGE = 200;
const ROW = 28;

function place(top: number) {
  return (el: HTMLElement | null) => {
    if (el) el.style.transform = `translateY(${top}px)`;
  };
}

interface Props {
  list: ListDto;
  version: number;
  actorId: number | null;
  /** Members excluded from sending: the row's reference (k:key / e:address) → the exclusion's. */
  excluded: ReadonlyMap<string, string>;
  /** An exclusion was added or removed here. */
  onExclusions: () => void;
}

/** A form open for a member, and the member's row (to scroll back to when the form closes). */
type Open = { readonly mode: 'edit' | 'exclude'; readonly member: MemberDto; readonly index: number } | null;

export function MemberBrowser({ list, version, actorId, excluded, onExclusions }: Props) {
  const listId = list.id;
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [total, setTotal] = useState(0);
  // False when a search stopped counting at its cap: the total is then "1,000+".
  const [exact, setExact] = useState(true);
  // How far the list's search index reaches while it is being built (null: ready, or no search).
  const [indexing, setIndexing] = useState<number | null>(null);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly MemberDto[]>>(new Map());
  const [error, setError] = useState<ErrorInfo | null>(null);
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  // The page's scrolling element (the app's main area) and where the rows start inside it.
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  const [open, setOpen] = useState<Open>(null);
  // The last action's outcome, translated when shown (the language may change meanwhile).
  const [saved, setSaved] = useState<{ key: 'members.saved' | 'members.excludedNotice'; name: string } | null>(null);
  const include = useCallback(
    async (m: MemberDto) => {
      if (actorId === null) return;
      const ref = excluded.get(memberRef(m));
      if (ref === undefined) return;
      const r = await api.invoke('exclusions:remove', { actorId, listId, ref });
      if (!r.ok) return setError(r.error);
      onExclusions();
    },
    [actorId, listId, excluded, onExclusions],
  );
  // A form opened for a member of another list, or before a re-import, would edit the wrong row.
  useEffect(() => {
    setOpen(null);
    setSaved(null);
  }, [listId, version]);
  // An edited member replaces its row in the cached pages, so the change shows at once.
  const replace = (m: MemberDto) =>
    setPages((old) => new Map([...old].map(([page, rows]) => [page, rows.map((r) => (r.id === m.id ? m : r))] as const)));

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
          setIndexing(r.value.indexing?.percent ?? null);
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
    setIndexing(null);
    setError(null);
    fetchPage(0);
  }, [fetchPage, version]);

  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => setScroller(box.current?.closest<HTMLElement>('.main') ?? null), []);
  // Where the rows start moves whenever something above them changes size (an import report, a
  // form opening): measured after every render and whenever the screen's content resizes.
  const measure = useCallback(() => {
    if (!box.current || !scroller) return;
    const top = box.current.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setMargin((m) => (Math.abs(m - top) < 1 ? m : top));
  }, [scroller]);
  useLayoutEffect(measure);
  useEffect(() => {
    const content = scroller?.firstElementChild;
    if (!content) return;
    const watch = new ResizeObserver(measure);
    watch.observe(content);
    return () => watch.disconnect();
  }, [scroller, measure]);

  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller, estimateSize: () => ROW, overscan: 20, scrollMargin: margin });
  const items = virtual.getVirtualItems();

  useEffect(() => {
    for (const it of items) {
      const page = Math.floor(it.index / PAGE);
      if (!pages.has(page)) fetchPage(page);
    }
  }, [items, pages, fetchPage]);

  // The forms open above the rows: bring the form into view, and the row back when it closes.
  const forms = useRef<HTMLDivElement>(null);
  const lastRow = useRef<number | null>(null);
  useEffect(() => {
    if (open) {
      lastRow.current = open.index;
      forms.current?.scrollIntoView({ block: 'nearest' });
    } else if (lastRow.current !== null) {
      virtual.scrollToIndex(lastRow.current, { align: 'center' });
      lastRow.current = null;
    }
  }, [open, virtual]);

  const height = virtual.getTotalSize();
  useLayoutEffect(() => {
    if (box.current) box.current.style.height = `${height}px`;
  }, [height]);

  return (
    <section className="card" data-testid="member-browser">
      <div ref={forms}>
        {open?.mode === 'edit' && (
          <MemberEditForm
            key={open.member.id}
            member={open.member}
            list={list}
            actorId={actorId}
            onClose={() => setOpen(null)}
            onSaved={(m) => {
              replace(m);
              setOpen(null);
              setSaved({ key: 'members.saved', name: m.name || m.email });
            }}
          />
        )}
        {open?.mode === 'exclude' && (
          <ExcludeMemberForm
            key={open.member.id}
            member={open.member}
            listId={listId}
            actorId={actorId}
            onClose={() => setOpen(null)}
            onDone={() => {
              setSaved({ key: 'members.excludedNotice', name: open.member.name || open.member.email });
              setOpen(null);
              onExclusions();
            }}
          />
        )}
      </div>
      <div className="member-browser-head">
        <div className="row">
          <h3>{t('lists.browseTitle')}</h3>
          <input
            type="search"
            name="member-search"
            className="member-search"
            placeholder={t('lists.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <span className="hint" data-testid="match-count">
            {t(exact ? 'lists.matches' : 'lists.matchesMore', { n: total.toLocaleString(i18n.language) })}
          </span>
        </div>
        {indexing !== null && (
          <p className="hint" data-testid="search-indexing">
            {t('lists.searchIndexing', { percent: indexing })}
          </p>
        )}
        {/* In the part that stays in view: the outcome shows where the user is, not at the top. */}
        <ErrorText error={error} />
        {saved && (
          <p className="notice" data-testid="member-saved">
            {t(saved.key, { name: saved.name })}
          </p>
        )}
        <div className="member-row with-actions head h28">
          <span>{t('lists.excelRow')}</span>
          <span>{t('lists.name')}</span>
          <span>{t('lists.email')}</span>
          <span>{t('lists.status')}</span>
          <span>{t('members.actions')}</span>
        </div>
      </div>
      <div className="member-browser">
        <div className="spacer-box" ref={box}>
          {items.map((it) => {
            const m = pages.get(Math.floor(it.index / PAGE))?.[it.index % PAGE];
            const ref = m ? memberRef(m) : '';
            const out = m !== undefined && excluded.has(ref);
            return (
              <div key={it.key} className="member-row with-actions h28" ref={place(it.start - margin)} data-member-index={it.index} data-member-ref={ref}>
                <span>{m?.line ?? '…'}</span>
                <span translate="no" title={m?.name}>{m?.name ?? ''}</span>
                <span translate="no" title={m?.email}>{m?.email ?? ''}</span>
                <span className="states">
                  {out && <span className="chip warning">{t('members.excluded')}</span>}
                  {m?.change && <span className="chip info">{t(`lists.change_${m.change}`)}</span>}
                  {m?.edited && <span className="chip">{t('members.edited')}</span>}
                </span>
                <span className="actions">
                  {m && (
                    <>
                      <button type="button" className="btn small" data-action="edit-member" disabled={actorId === null} onClick={() => (setSaved(null), setOpen({ mode: 'edit', member: m, index: it.index }))}>
                        {t('members.edit')}
                      </button>
                      {out ? (
                        <button type="button" className="btn small" data-action="include-member" disabled={actorId === null} onClick={() => (setSaved(null), void include(m))}>
                          {t('members.include')}
                        </button>
                      ) : (
                        <button type="button" className="btn small" data-action="exclude-member" disabled={actorId === null} onClick={() => (setSaved(null), setOpen({ mode: 'exclude', member: m, index: it.index }))}>
                          {t('members.exclude')}
                        </button>
                      )}
                    </>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
