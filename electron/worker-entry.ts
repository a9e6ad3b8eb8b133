// Where a worker thread's script is: the TypeScript source beside the calling module when running
// from sources (tests, tsx; the worker then loads tsx too), or the bundled .cjs beside main.cjs
// (scripts/build-electron.mjs). In a packaged app main.cjs lies inside app.asar, which a worker
// cannot load its script from; electron-builder unpacks the workers (asarUnpack) to the same path
// in app.asar.unpacked. Null when neither exists: the caller does the work another way.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  readonly file: string | URL;
  readonly execArgv: string[];
}

/** callerUrl: the caller's import.meta.url (undefined in the CommonJS bundle). */
export function workerEntry(callerUrl: string | undefined, source: string, bundled: string): WorkerEntry | null {
  if (callerUrl && callerUrl.endsWith('.ts')) {
    const hasTsx = process.execArgv.some((a) => a.includes('tsx'));
    const loader = pathToFileURL(createRequire(callerUrl).resolve('tsx')).href;
    return { file: new URL(source, callerUrl), execArgv: hasTsx ? process.execArgv : [...process.execArgv, '--import', loader] };
  }
  const beside = typeof __dirname === 'string' ? join(__dirname, bundled) : null;
  if (!beside) return null;
  const unpacked = beside.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  const file = [unpacked, beside].find((f) => existsSync(f));
  return file ? { file, execArgv: process.execArgv } : null;
}
