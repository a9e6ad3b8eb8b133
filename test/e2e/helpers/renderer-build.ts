// Makes sure the renderer bundle exists before a browser test: `npm test` builds it first; a
// lone `npx vitest run test/e2e` builds it here once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');

export async function ensureRendererBuilt(): Promise<string> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'renderer'), logLevel: 'warn' });
  }
  return RENDERER_DIR;
}
