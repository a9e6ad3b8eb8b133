// Electron main process, the composition root: data folder → services (over the database in the
// OS user-data folder) → IPC registration → the window. Nothing is created before app is ready.
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../app/app-core';
import { isAppError } from '../../shared/errors';
import { systemClock } from '../services/clock';
import { oauthDefaultsFromEnv } from '../services/oauth/oauth-config';
import { createFileSecretStore } from '../services/secrets/file-secret-store';
import { forwardEvents, registerIpc } from './ipc';
import { safeStorageCipher } from './safe-storage-cipher';
import { createMainWindow, indexUrlOf, lockDownSession } from './window';

// Bundled as dist-electron/main.cjs; the renderer is built into dist/renderer next to it.
const appRoot = join(__dirname, '..');
const indexUrl = indexUrlOf(join(appRoot, 'dist', 'renderer', 'index.html'));
const preloadFile = join(__dirname, 'preload.cjs');

let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  core = createAppCore({
    dataDir,
    secretStore: createFileSecretStore(join(dataDir, 'secrets.json'), safeStorageCipher()),
    clock: systemClock,
    host: 'electron',
    version: app.getVersion(),
    locale: app.getLocale(),
    sampleDir: join(appRoot, 'resources', 'sample'),
    oauthDefaults: oauthDefaultsFromEnv(process.env),
    // A sign-in page opens in the system browser (RFC 8252: never in an embedded view). Only
    // https, or http to this computer (a local identity server), is handed to the shell.
    openExternal: (url) => {
      const u = new URL(url);
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && u.hostname === '127.0.0.1')) throw new Error('Refused to open a non-https sign-in page');
      return shell.openExternal(u.href);
    },
  });
  lockDownSession();
  // Handlers first: the page may invoke as soon as it loads, and a channel registered after the
  // window opened would answer "no handler" to an early call. Until the window exists, no
  // sender passes the check (mainFrame is null) and events go nowhere.
  registerIpc(ipcMain, core.dispatch, { mainFrame: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null), indexUrl });
  forwardEvents(core.events, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null));
  const window = createMainWindow({ indexUrl, preloadFile });
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
}

// One instance only: two processes on one SQLite file and one send queue could double-send.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any webContents (there should be only ours): no webviews, no navigation.
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('Tayori could not start', e);
      // The browser host (npm run serve) on the same folder: say so instead of vanishing.
      if (isAppError(e) && e.code === 'data-folder-in-use') {
        dialog.showErrorBox(
          'Tayori',
          `このデータフォルダーは、別のプログラム (ブラウザー版の Tayori など) がすでに開いています。そちらを閉じてから、もう一度起動してください。どれも開いていない場合 (異常終了や停電の後) は、2 分たってから起動し直してください。\n\n${e.message}`,
        );
      }
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // Pause running sends and close the database cleanly before exiting.
    event.preventDefault();
    quitting = true;
    void core.close().finally(() => app.quit());
  });
}
