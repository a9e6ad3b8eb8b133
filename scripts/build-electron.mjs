// Bundles the Electron main process and preload into CommonJS files in dist-electron/.
// The preload runs sandboxed, where only a few built-in modules can be required, so it
// must be one self-contained file; native and heavy packages stay external in main.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: false, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist-electron/main.cjs',
  external: ['electron', 'better-sqlite3', 'nodemailer', 'smtp-server', 'mailparser'],
  // CommonJS has no import.meta; code that needs its own location falls back to __dirname.
  define: { 'import.meta.url': 'undefined' },
});
// The import parser's worker thread (electron/services/import/parse-runner.ts looks for it
// beside main.cjs; without it imports parse on the main thread).
await build({
  ...common,
  entryPoints: ['electron/services/import/parse-worker.ts'],
  outfile: 'dist-electron/import-parse-worker.cjs',
});
// The WAL checkpointer's worker thread (electron/db/wal-checkpointer.ts looks for it beside
// main.cjs; without it the main connection checkpoints itself). better-sqlite3 stays external.
await build({
  ...common,
  entryPoints: ['electron/db/checkpoint-worker.ts'],
  outfile: 'dist-electron/db-checkpoint-worker.cjs',
  external: ['better-sqlite3'],
});
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
});
