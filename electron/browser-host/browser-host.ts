// startBrowserHost: the app core behind the loopback HTTP host, with a file-backed secret store
// (AES-256-GCM, key file in the data folder) since Electron's safeStorage is not available here.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppCore, type AppCoreOptions } from '../app/app-core';
import { systemClock, type Clock } from '../services/clock';
import { createAesKeyFileCipher } from '../services/secrets/aes-key-file';
import { createFileSecretStore } from '../services/secrets/file-secret-store';
import { startHttpHost } from './http-host';

export interface BrowserHostOptions {
  readonly dataDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Only 127.0.0.1 is accepted; anything else is refused, never silently replaced. */
  readonly host?: string;
  readonly clock?: Clock;
  readonly rendererDir?: string;
  readonly sampleDir?: string;
  readonly locale?: string;
  /** Shorter SMTP timeouts or a substitute transport (tests). */
  readonly smtp?: Pick<AppCoreOptions, 'smtpTimeouts' | 'createTransport'>;
  readonly log?: (message: string, error?: unknown) => void;
  /** Quiet hours until Settings say otherwise (tests that send on the wall clock pass null). */
  readonly defaultQuietHours?: AppCoreOptions['defaultQuietHours'];
  /** The OAuth sign-in apps this host offers (serve.ts reads them from the environment). */
  readonly oauthDefaults?: AppCoreOptions['oauthDefaults'];
}

export interface BrowserHost {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secretStore = createFileSecretStore(join(dataDir, 'secrets.json'), createAesKeyFileCipher(join(dataDir, 'secret.key')));
  const core = createAppCore({
    dataDir,
    secretStore,
    clock: options.clock ?? systemClock,
    host: 'browser',
    version: packageVersion(),
    locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    sampleDir: options.sampleDir ?? resolve('resources/sample'),
    ...(options.log ? { log: options.log } : {}),
    ...(options.smtp?.smtpTimeouts ? { smtpTimeouts: options.smtp.smtpTimeouts } : {}),
    ...(options.smtp?.createTransport ? { createTransport: options.smtp.createTransport } : {}),
    ...(options.defaultQuietHours !== undefined ? { defaultQuietHours: options.defaultQuietHours } : {}),
    ...(options.oauthDefaults ? { oauthDefaults: options.oauthDefaults } : {}),
  });
  try {
    const http = await startHttpHost({
      dispatch: core.dispatch,
      events: core.events,
      rendererDir: options.rendererDir ?? resolve('dist/renderer'),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      url: http.url,
      token: http.token,
      close: async () => {
        await http.close();
        await core.close();
      },
    };
  } catch (e) {
    await core.close();
    throw e;
  }
}
