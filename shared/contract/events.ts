// Events the hosts push to the page: import progress, send countdown/progress, outbox arrivals.
import { z } from 'zod';
import { event } from './define';

const counts = z.object({
  total: z.number(),
  queued: z.number(),
  inFlight: z.number(),
  sent: z.number(),
  retrying: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  unknown: z.number(),
});

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
  'send:progress': event(
    z.object({
      campaignId: z.number(),
      state: z.enum(['idle', 'scheduled', 'sending', 'paused', 'stopped', 'finished', 'cancelled']),
      startsAt: z.number().nullable(),
      now: z.number(),
      counts,
    }),
  ),
  'outbox:received': event(z.object({ id: z.string() })),
  /** The workspace switched (practice on/off): the page reloads its data. */
  'app:workspace': event(z.object({ workspace: z.enum(['real', 'practice']) })),
} as const;
