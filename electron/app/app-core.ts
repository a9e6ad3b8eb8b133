// The host-independent application: the workspace switch (real database vs practice database
// with its outbox), the services of the current workspace, events, handlers and the dispatch
// both hosts call. Electron's main and the browser host only add transport and secrets.
import { join } from 'node:path';
import type { AppInfoDto, PracticeStatusDto } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { lockDatabase } from '../db/database-lock';
import { countCampaignsInStatus } from '../db/repos/campaigns-repo';
import { deletePracticeData, hasPracticeData, openPracticeWorkspace } from '../services/practice/practice-mode';
import type { AppContext } from './app-context';
import { createDispatch, type Dispatch, type Logger } from './dispatch';
import { createEventBus, type EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { createServices, type Services, type ServicesBase } from './services';
import { readSetupStatus } from './setup-status';

export interface AppCoreOptions extends ServicesBase {
  readonly host: AppInfoDto['host'];
  readonly version: string;
  readonly locale: string;
  /** Folder of the sample member list and notice for practice mode (resources/sample). */
  readonly sampleDir: string;
  readonly log?: Logger;
  /**
   * Opens a sign-in page in the system browser (Electron's shell.openExternal). Without it (the
   * browser host) the page opens the URL itself in a new tab.
   */
  readonly openExternal?: (url: string) => Promise<void>;
}

export interface AppCore {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly context: AppContext;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const log = options.log ?? console.error;
  const events = createEventBus(log);
  const dbFile = join(options.dataDir, 'tayori.db');
  const base: ServicesBase = {
    dataDir: options.dataDir,
    secretStore: options.secretStore,
    clock: options.clock,
    ...(options.smtpTimeouts ? { smtpTimeouts: options.smtpTimeouts } : {}),
    ...(options.createTransport ? { createTransport: options.createTransport } : {}),
    ...(options.defaultQuietHours !== undefined ? { defaultQuietHours: options.defaultQuietHours } : {}),
    ...(options.oauthDefaults ? { oauthDefaults: options.oauthDefaults } : {}),
    ...(options.oauthSignInTimeoutMs !== undefined ? { oauthSignInTimeoutMs: options.oauthSignInTimeoutMs } : {}),
  };
  // The real database stays this process's while practice mode runs on its own file: closing the
  // real workspace released its lock, another process could take the file, and leaving practice
  // (and its fallback) then failed with data-folder-in-use, leaving a closed workspace behind.
  const realLock = lockDatabase(dbFile);
  let current: Services;
  try {
    current = wire(createServices({ ...base, dbFile }));
  } catch (e) {
    realLock.release();
    throw e;
  }
  // Workspace switches are serialised: a second click waits for the first switch to finish.
  let switching: Promise<void> = Promise.resolve();
  let lastOutboxId: string | null = null;

  function wire(s: Services): Services {
    s.send.onProgress((p) => {
      events.emit('send:progress', p);
      notifyOutbox(s);
    });
    return s;
  }

  /** In practice mode, tells the outbox screen when a new message has arrived. */
  function notifyOutbox(s: Services): void {
    if (!s.practice || s !== current) return;
    const newest = s.practice.outbox.list()[0]?.id ?? null;
    if (newest !== null && newest !== lastOutboxId) {
      lastOutboxId = newest;
      events.emit('outbox:received', { id: newest });
    }
  }

  function switchTo(next: () => Promise<Services>): Promise<void> {
    const run = switching.then(async () => {
      const busy = countCampaignsInStatus(current.db, ['scheduled', 'sending']);
      if (busy > 0) {
        throw new AppError('send-state', 'A send is scheduled or running: cancel or finish it before switching.', { campaigns: busy });
      }
      // Closing the workspace under an import failed it with an internal error and left its
      // pending list behind; the person is told to wait instead.
      const imports = current.imports.running();
      if (imports > 0) throw new AppError('import-running', 'A list is being imported: switch when it has finished.', { imports });
      const old = current;
      await old.close();
      try {
        current = wire(await next());
      } catch (e) {
        // Never leave the app without a workspace: fall back to the real one.
        current = wire(createServices({ ...base, dbFile }));
        throw e;
      }
      lastOutboxId = current.practice?.outbox.list()[0]?.id ?? null;
      events.emit('app:workspace', { workspace: current.workspace });
    });
    switching = run.catch(() => undefined);
    return run;
  }

  const context: AppContext = {
    services: () => current,
    events,
    info: () => ({
      version: options.version,
      host: options.host,
      workspace: current.workspace,
      locale: options.locale,
      setupComplete: readSetupStatus(current).complete,
    }),
    enterPractice: () =>
      current.practice
        ? Promise.resolve()
        : switchTo(async () => {
            const ws = await openPracticeWorkspace({ dataDir: options.dataDir, sampleDir: options.sampleDir, clock: options.clock, realDbFile: dbFile });
            return createServices({ ...base, practice: ws });
          }),
    leavePractice: () => (current.practice ? switchTo(async () => createServices({ ...base, dbFile })) : Promise.resolve()),
    deletePractice: async () => {
      await switching;
      if (current.practice) throw new AppError('conflict', 'Leave practice mode before deleting its data.');
      await deletePracticeData(options.dataDir, undefined, options.secretStore);
    },
    practiceStatus: (): PracticeStatusDto => {
      const ws = current.practice;
      return {
        active: ws !== null,
        hasData: hasPracticeData(options.dataDir),
        outboxCount: ws ? ws.outbox.list().length : 0,
        outbox: ws ? { host: ws.outbox.host, port: ws.outbox.port } : null,
        // Fictional users of the practice workspace only; real users' PINs are never stored in clear.
        users: ws ? ws.seed.users.map(({ name, pin }) => ({ name, pin })) : [],
      };
    },
    notifyOutbox: () => notifyOutbox(current),
    openExternal: async (url) => {
      if (!options.openExternal) return false;
      await options.openExternal(url);
      return true;
    },
    actorName: (userId) => {
      if (userId === null || userId === undefined) return null;
      try {
        return current.users.getUser(userId).name;
      } catch {
        return `user#${userId}`;
      }
    },
  };

  return {
    dispatch: createDispatch(createHandlers(context), log),
    events,
    context,
    close: async () => {
      await switching;
      try {
        await current.close();
      } finally {
        realLock.release();
      }
    },
  };
}
