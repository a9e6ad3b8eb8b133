// The import service as the app runs it: bundled to CommonJS with the parser's worker beside it,
// the way scripts/build-electron.mjs builds main.cjs and import-parse-worker.cjs. Run from the
// sources (tsx), the worker thread starts the TypeScript loader first: 0.24 s per import measured,
// which the app never pays (its bundled worker answers its first chunk at about 0.08 s), and
// which the import's main thread spends waiting.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { openDatabase } from '../../electron/db/connection';
import type { systemClock } from '../../electron/services/clock';
import type { createImportService } from '../../electron/services/import';

export interface BundledImport {
  openDatabase: typeof openDatabase;
  createImportService: typeof createImportService;
  systemClock: typeof systemClock;
}

const ENTRY = `
export { openDatabase } from './electron/db/connection';
export { systemClock } from './electron/services/clock';
export { createImportService } from './electron/services/import';
`;

/**
 * Builds the bundle and the worker and loads the bundle. They go under the project's
 * node_modules/.cache so that the bundle's require('better-sqlite3') finds the project's copy, as
 * main.cjs finds the app's.
 */
export async function loadBundledImport(): Promise<BundledImport> {
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning' } as const;
  const root = join(import.meta.dirname, '../..');
  const dir = join(root, 'node_modules/.cache/tayori-bench-import');
  const outfile = join(dir, 'import-bench.cjs');
  await build({
    ...common,
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    outfile,
    external: ['better-sqlite3'],
    define: { 'import.meta.url': 'undefined' },
  });
  await build({
    ...common,
    entryPoints: [join(root, 'electron/services/import/parse-worker.ts')],
    outfile: join(dir, 'import-parse-worker.cjs'),
  });
  return createRequire(import.meta.url)(outfile) as BundledImport;
}
