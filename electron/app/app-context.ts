// What handlers see: the current workspace's services (they change when practice mode is
// entered or left), the event bus, and facts about the host.
import type { AppInfoDto, PracticeStatusDto } from '../../shared/contract';
import type { EventBus } from './event-bus';
import type { Services } from './services';

export interface AppContext {
  services(): Services;
  readonly events: EventBus;
  info(): AppInfoDto;
  enterPractice(): Promise<void>;
  leavePractice(): Promise<void>;
  deletePractice(): Promise<void>;
  practiceStatus(): PracticeStatusDto;
  /** In practice mode, tells the outbox screen (outbox:received) that a message may have arrived. */
  notifyOutbox(): void;
  /** Opens a URL in the system browser when the host can (Electron); false: the page must. */
  openExternal(url: string): Promise<boolean>;
  /** Name of a user for the audit log ("user#id" when unknown). */
  actorName(userId: number | null | undefined): string | null;
}
