// Builds and keeps up the member search index (member-search-index-repo.ts) in small steps while
// the app is idle: never inside an import (it waits while any list is pending), one bounded
// transaction a step, a short pause between steps so IPC and sends keep moving. Searches are
// right at every moment: rows the index does not reach yet are scanned.
import type { Db } from '../../db/connection';
import { outsideContent } from '../../db/content-version';
import { pendingListIds } from '../../db/repos/lists-repo';
import {
  dropOrphanTables, indexNextRows, indexProgress, mergeSome, nextTask, reindexDirty, resetIndex,
} from '../../db/repos/member-search-index-repo';
import { systemTimers, type Timers } from '../send/timers';

/** Members written per step: about 40 ms of work (measured), short enough not to be felt. */
const STEP_ROWS = 1_000;
/** Pause between steps while there is work, and between looks for work when there is none. */
const BUSY_PAUSE_MS = 5;
const IDLE_PAUSE_MS = 2_000;
/** Index pages merged per step once a list's index is complete. */
const MERGE_PAGES = 400;

export interface SearchIndexService {
  /** Does one bounded step of work; false when there was nothing to do (or an import runs). */
  step(): boolean;
  /** Steps until nothing is left (tests, benchmarks); returns the number of steps. */
  runUntilIdle(): number;
  /** How far a list's index reaches (the search is exact either way; only its speed differs). */
  progress(listId: number): { ready: boolean; percent: number };
  /** Begins stepping on timers. */
  start(): void;
  stop(): void;
}

export interface SearchIndexDeps {
  readonly db: Db;
  readonly timers?: Timers;
  readonly stepRows?: number;
  /** True while work that must not be slowed runs (an import reading its file): steps wait. */
  readonly paused?: () => boolean;
}

export function createSearchIndexService(deps: SearchIndexDeps): SearchIndexService {
  const { db } = deps;
  const paused = deps.paused ?? (() => false);
  const timers = deps.timers ?? systemTimers;
  const stepRows = deps.stepRows ?? STEP_ROWS;
  // Terms already stored per list, so each step writes only new ones (reset with the index).
  const known = new Map<number, Set<string>>();
  const termsOf = (listId: number): Set<string> => {
    let s = known.get(listId);
    if (!s) known.set(listId, (s = new Set()));
    return s;
  };
  // Lists whose index has been merged since it last changed.
  const merged = new Set<number>();
  let handle: unknown = null;
  let running = false;

  const listIds = (): number[] => db.prepare('SELECT id FROM lists WHERE pending = 0 ORDER BY id').pluck().all() as number[];

  // The index's tables are read by the search alone: its steps leave the content version as it is
  // (content-version.ts), so the check report and the preview stay cached while it is built.
  const step = (): boolean => outsideContent(db, indexStep);

  function indexStep(): boolean {
    // An import fills a pending list in short transactions: the index waits until it is done.
    if (paused() || pendingListIds(db).length > 0) return false;
    if (dropOrphanTables(db) > 0) return true;
    const ids = listIds();
    for (const listId of ids) {
      const task = nextTask(db, listId);
      if (task === null) continue;
      merged.delete(listId);
      if (task === 'create' || task === 'rebuild') {
        known.delete(listId);
        resetIndex(db, listId);
      } else if (task === 'dirty') reindexDirty(db, listId, stepRows, termsOf(listId));
      else indexNextRows(db, listId, stepRows, termsOf(listId));
      return true;
    }
    // Every index is complete: merge their segments, a bounded piece at a time.
    for (const listId of ids) {
      if (merged.has(listId)) continue;
      if (mergeSome(db, listId, MERGE_PAGES)) return true;
      merged.add(listId);
    }
    return false;
  }

  const loop = (): void => {
    handle = null;
    // A database closed without stop() (a test's teardown) ends the loop rather than retrying.
    if (!running || !db.open) {
      running = false;
      return;
    }
    let busy = false;
    try {
      busy = step();
    } catch {
      // A failed step (the database busy or closing) is tried again after the idle pause.
    }
    if (running) handle = timers.setTimeout(loop, busy ? BUSY_PAUSE_MS : IDLE_PAUSE_MS);
  };

  return {
    step,
    runUntilIdle() {
      let n = 0;
      while (step()) n++;
      return n;
    },
    progress: (listId) => indexProgress(db, listId),
    start() {
      if (running) return;
      running = true;
      handle = timers.setTimeout(loop, BUSY_PAUSE_MS);
    },
    stop() {
      running = false;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
