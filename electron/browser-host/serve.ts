// `npm run serve`: Tayori in a browser, on 127.0.0.1 only. Data folder: --data-dir, or
// TAYORI_DATA_DIR, or the OS user-data folder (~/.config/Tayori on Linux, as Electron uses).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { oauthDefaultsFromEnv } from '../services/oauth/oauth-config';
import { isAppError } from '../../shared/errors';
import { startBrowserHost } from './browser-host';

function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tayori');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tayori');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tayori');
}

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
});
const dataDir = values['data-dir'] ?? process.env.TAYORI_DATA_DIR ?? defaultDataDir();
const port = values.port !== undefined ? Number(values.port) : Number(process.env.TAYORI_PORT ?? 0);

const host = await startBrowserHost({ dataDir, port, oauthDefaults: oauthDefaultsFromEnv(process.env), ...(values.host !== undefined ? { host: values.host } : {}) }).catch(
  (e: unknown) => {
    if (!isAppError(e) || e.code !== 'data-folder-in-use') throw e;
    console.error(`Tayori is already open on this data folder (${dataDir}) in another window or program. Close it, or pass another folder with --data-dir. If none is open (after a crash), start again in two minutes.`);
    console.error(`このデータフォルダー (${dataDir}) は、別のウィンドウかプログラムで Tayori がすでに開いています。そちらを閉じるか、--data-dir で別のフォルダーを指定してください。どれも開いていない場合 (異常終了の後) は、2 分たってから起動し直してください。`);
    process.exit(1);
  },
);
console.log(`Tayori is running at ${host.url}`);
console.log(`Data folder: ${dataDir}`);
console.log('Open the address above in your browser. Press Ctrl+C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => process.exit(0));
  });
}
