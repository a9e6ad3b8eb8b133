// Progress for the UI: where a campaign's send stands (live counts while a run is active, else
// from the database) and the listeners it is reported to.
import type { SendState } from '../../../shared/statuses';
import type { Db } from '../../db/connection';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { countByStatus } from '../../db/repos/sends-repo';
import type { ErrorLike, ProgressListener, SendProgress } from './send-types';
import type { PaceFields } from './send-pace';

export interface SendProgressDeps {
  readonly db: Db;
  /** Live counts of the campaign's active run, if any. */
  readonly liveCounts: (campaignId: number) => SendProgress['counts'] | undefined;
  readonly errors: ReadonlyMap<number, ErrorLike>;
  /** Milliseconds left in the cancel window. */
  readonly remaining: (campaignId: number) => number;
  /** The pace of the campaign's active run (waits and expected end), or its estimate when scheduled. */
  readonly pace: (campaignId: number, state: SendState) => PaceFields;
}

export interface SendProgressHub {
  status(campaignId: number): SendProgress;
  emit(p: SendProgress): void;
  /** emit(status(campaignId)). */
  notify(campaignId: number): void;
  /** Lets a run skip building progress objects nobody listens to. */
  hasListeners(): boolean;
  onProgress(listener: ProgressListener): () => void;
}

function stateOf(status: string): SendState {
  return (['scheduled', 'sending', 'paused', 'stopped', 'completed'] as const).find((s) => s === status) ?? 'idle';
}

export function createSendProgress(deps: SendProgressDeps): SendProgressHub {
  const { db } = deps;
  const listeners = new Set<ProgressListener>();

  function status(campaignId: number): SendProgress {
    const c = mustGetCampaign(db, campaignId);
    const live = deps.liveCounts(campaignId);
    const state = stateOf(c.status);
    return {
      campaignId,
      state,
      counts: live ? { ...live } : countByStatus(db, campaignId),
      remainingMs: deps.remaining(campaignId),
      error: deps.errors.get(campaignId) ?? null,
      ...deps.pace(campaignId, state),
    };
  }

  function emit(p: SendProgress): void {
    for (const l of listeners) {
      try {
        l(p);
      } catch {
        // A broken listener (a closed window) must never break a send.
      }
    }
  }

  return {
    status,
    emit,
    notify: (campaignId) => emit(status(campaignId)),
    hasListeners: () => listeners.size > 0,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
