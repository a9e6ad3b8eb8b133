// Events the hosts push to the page: import progress, send countdown/progress, outbox arrivals.
import { z } from 'zod';
import { event } from './define';
import { RECIPIENT_STATUSES } from '../statuses';

const status = z.enum(RECIPIENT_STATUSES);

export const events = {
  'import:progress': event(
    z.object({
      listId: z.number().nullable(),
      phase: z.enum(['reading', 'parsing', 'saving', 'done']),
      rows: z.number(),
      bytesRead: z.number(),
      totalBytes: z.number(),
    }),
  ),
  /** The cancel-window countdown and the run's progress (same shape as send:status). */
  'send:progress': event(
    z.object({
      campaignId: z.number(),
      state: z.enum(['idle', 'scheduled', 'sending', 'paused', 'stopped', 'completed']),
      counts: z.record(status, z.number()),
      remainingMs: z.number(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  'outbox:received': event(z.object({ id: z.string() })),
  /** The workspace switched (practice on/off): the page reloads its data. */
  'app:workspace': event(z.object({ workspace: z.enum(['real', 'practice']) })),
} as const;
