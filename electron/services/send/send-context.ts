// What the parts of one send service share: the injected dependencies with their defaults filled
// in, the active runs, the last error per campaign, the cancel-window scheduler and progress.
import type { QuietHours } from './quiet-hours';
import type { Db } from '../../db/connection';
import type { SendCounts } from '../../db/repos/sends-repo';
import type { Clock } from '../clock';
import type { RetryPolicy } from './retry-policy';
import type { SendProgressHub } from './send-progress';
import type { Run } from './send-runner';
import type { Scheduler } from './send-scheduler';
import type { ErrorLike, SendApprovals, SendAudit, TransportFactory } from './send-types';
import type { Timers } from './timers';
import type { SendEstimates } from './send-estimates';
import type { RunPace } from './send-pace';

export interface ActiveRun {
  readonly run: Run;
  /** Live counts, kept in step with every committed transition of the run. */
  readonly counts: SendCounts;
  /** Resolves once the run's end has been recorded and the run removed from `runs`. */
  readonly done: Promise<void>;
  /** Until when it waits for a limit, and its expected end. */
  readonly pace: RunPace;
}

export interface SendContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: SendAudit;
  readonly approvals: SendApprovals;
  readonly transportFactory: TransportFactory;
  readonly timers: Timers;
  readonly random: () => number;
  readonly policy: RetryPolicy;
  readonly quietHours: () => QuietHours | null;
  /** At most one run per campaign. */
  readonly runs: Map<number, ActiveRun>;
  /** Why a campaign's run paused by itself or could not start; cleared when a run starts. */
  readonly errors: Map<number, ErrorLike>;
  readonly scheduler: Scheduler;
  readonly progress: SendProgressHub;
  readonly estimates: SendEstimates;
}
