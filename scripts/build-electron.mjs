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
});
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
});
