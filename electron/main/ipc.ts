// Registers every contract channel with ipcMain.handle through one wrapper: sender check first,
// then the shared dispatch (schema parse → handler → Result). Events go out by webContents.send.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, type Result } from '../../shared/contract';
import type { Dispatch } from '../app/dispatch';
import type { EventBus } from '../app/event-bus';
import { isTrustedSender, type FrameLike } from './sender-check';

export interface IpcTarget {
  /** The main frame of our window, or null while there is none. */
  mainFrame(): FrameLike | null;
  /** file:// URL of our index.html. */
  readonly indexUrl: string;
}

type InvokeEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'> | { readonly senderFrame: FrameLike | null };

/** The wrapper itself, exported for tests: it never throws, it resolves a Result. */
export function guardedInvoke(dispatch: Dispatch, target: IpcTarget) {
  return async (event: InvokeEventLike, channel: string, args: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, target.mainFrame(), target.indexUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the Tayori window.' } };
    }
    return dispatch(channel, args);
  };
}

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, target: IpcTarget): () => void {
  const invoke = guardedInvoke(dispatch, target);
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, args: unknown) => invoke(event, channel, args));
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Forwards every contract event to our window only. */
export function forwardEvents(bus: EventBus, contents: () => WebContents | null): () => void {
  return bus.subscribe((event, payload) => {
    const wc = contents();
    if (wc && !wc.isDestroyed()) wc.send(event, payload);
  });
}
