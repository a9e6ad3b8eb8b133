// An app core on a temp data folder (browser host, ja-JP, manual clock, in-memory secrets) and
// typed calls through the same dispatch both hosts use: call() unwraps or throws, fail() expects
// a coded error.
import { resolve } from 'node:path';
import type { ArgsOf, ChannelName, ResultOf } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { createAppCore, type AppCore } from '../../electron/app/app-core';
import { manualClock } from '../../electron/services/clock';
import { createMemorySecretStore, type SecretStore } from '../../electron/services/secrets/secret-store';
import { tempDir } from './tmp';

export interface TestApp {
  readonly core: AppCore;
  readonly clock: ReturnType<typeof manualClock>;
  /** The result of a call that must succeed; a failure throws with the error info as `info`. */
  call<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  /** The error of a call that must fail. */
  fail(channel: ChannelName, args: unknown): Promise<ErrorInfo>;
}

/**
 * Pushes the folder's removal and the core's close onto `cleanups` (run them in reverse).
 * `secretStore`: one the test reads itself (a fresh in-memory store by default).
 */
export function createTestApp(cleanups: (() => Promise<void> | void)[], secretStore: SecretStore = createMemorySecretStore()): TestApp {
  const t = tempDir();
  // Noon local time: sends through the app are outside the default quiet hours (21:00-08:00).
  const clock = manualClock(new Date(2026, 0, 5, 12, 0).getTime());
  const core = createAppCore({
    dataDir: t.dir,
    secretStore,
    clock,
    host: 'browser',
    version: 'test',
    locale: 'ja-JP',
    sampleDir: resolve('resources/sample'),
    log: () => undefined,
  });
  cleanups.push(t.cleanup, () => core.close());
  async function call<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const r = await core.dispatch(channel, args);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { info: r.error });
    return r.value as ResultOf<K>;
  }
  async function fail(channel: ChannelName, args: unknown): Promise<ErrorInfo> {
    const r = await core.dispatch(channel, args);
    if (r.ok) throw new Error(`${channel} succeeded`);
    return r.error;
  }
  return { core, clock, call, fail };
}
