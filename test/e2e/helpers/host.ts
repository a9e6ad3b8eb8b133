// Starts the loopback browser host in-process on a temp data folder, serving the built renderer.
import { startBrowserHost } from '../../../electron/browser-host/browser-host';
import { ensureRendererBuilt } from './renderer-build';

export interface RunningHost {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export async function startHost(dataDir: string): Promise<RunningHost> {
  const rendererDir = await ensureRendererBuilt();
  // The browser tests send on the wall clock, whatever the hour CI runs at: no default quiet hours
  // (they have their own tests on an injected clock).
  return startBrowserHost({ dataDir, rendererDir, defaultQuietHours: null });
}
