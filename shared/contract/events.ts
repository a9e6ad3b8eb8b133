// Events the hosts push to the page: import progress, send countdown/progress, outbox arrivals.
// Payloads are DTO types like channel results (nothing parses them: they come from our own main
// process), so the emitter and the listener are checked against the same type.
import { event } from './define';
import type { ImportProgressDto, SendStatusDto, Workspace } from './dto';

export const events = {
  'import:progress': event<ImportProgressDto>(),
  /** The cancel-window countdown and the run's progress: the same shape as send:status. */
  'send:progress': event<SendStatusDto>(),
  'outbox:received': event<{ readonly id: string }>(),
  /** The workspace switched (practice on/off): the page reloads its data. */
  'app:workspace': event<{ readonly workspace: Workspace }>(),
} as const;
