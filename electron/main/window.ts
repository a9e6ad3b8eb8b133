// The one BrowserWindow, locked down: isolated, sandboxed, no Node, no webview, no navigation,
// no new windows, no permissions. External http(s) links open in the user's browser.
import { BrowserWindow, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';

export interface WindowOptions {
  /** file:// URL of our index.html (indexUrlOf): IPC checks senders against it before the window exists. */
  readonly indexUrl: string;
  readonly preloadFile: string;
}

export const indexUrlOf = (indexFile: string): string => pathToFileURL(indexFile).toString();

/** Only http(s) URLs that parse are handed to the OS; everything else (file:, javascript:, custom schemes) is dropped. */
function externalUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function lockDownSession(): void {
  // Tayori needs no camera, notifications, geolocation, ...: refuse every request and check.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow({ indexUrl, preloadFile }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Tayori',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) could open a link in a new window behind setWindowOpenHandler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    const safe = externalUrl(url);
    if (safe) void shell.openExternal(safe);
    return { action: 'deny' };
  });
  // The page never navigates: a dropped file or a link inside a mail preview must not replace the app.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(indexUrl);
  return window;
}
