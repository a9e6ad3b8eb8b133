// The object the preload exposes, built over an injected ipcRenderer so tests can check it
// without Electron. Whitelists the contract's channel and event names; drops the IPC event.
import { CHANNEL_NAMES, EVENT_NAMES, type TayoriApi } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Exactly the contract's names: the preload forwards these and refuses everything else. */
export const PRELOAD_CHANNELS: ReadonlySet<string> = new Set(CHANNEL_NAMES);
export const PRELOAD_EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

const refused = (message: string): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code: 'forbidden', message } });

export function createPreloadApi(ipc: IpcRendererLike) {
  return {
    invoke(channel, args) {
      if (!PRELOAD_CHANNELS.has(channel)) return Promise.resolve(refused('Unknown channel.'));
      return ipc.invoke(channel, args) as never;
    },
    on(event, listener) {
      if (!PRELOAD_EVENTS.has(event)) return () => undefined;
      // The page's listener gets the payload only, never the IpcRendererEvent (it holds `sender`).
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
      ipc.on(event, wrapped);
      return () => {
        ipc.removeListener(event, wrapped);
      };
    },
  } satisfies TayoriApi;
}
