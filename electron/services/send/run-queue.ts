// The next member a run may claim. Queued rows are read in batches (they stay 'queued' in the
// database until claimed one by one, so a crash or a stop loses nothing); the cursor keeps the
// order of the list; due retries come after the queue.
import type { ClaimedSend, SendStatements } from '../../db/repos/sends-repo';

const BATCH = 64;

export interface RunQueue {
  /** A candidate to claim, or undefined when nothing is queued or due; claiming may still fail. */
  next(now: number): ClaimedSend | undefined;
}

export function createRunQueue(stmts: SendStatements, campaignId: number): RunQueue {
  let batch: ClaimedSend[] = [];
  let cursor = 0;
  return {
    next(now) {
      if (batch.length === 0) {
        batch = stmts.queuedAfter(campaignId, cursor, BATCH);
        // Rows put back in the queue behind the cursor (a requeue) are picked up on a second pass.
        if (batch.length === 0 && cursor > 0) batch = stmts.queuedAfter(campaignId, 0, BATCH);
        if (batch.length > 0) cursor = batch[batch.length - 1]!.id;
      }
      return batch.shift() ?? stmts.dueRetries(campaignId, now, 1)[0];
    },
  };
}
