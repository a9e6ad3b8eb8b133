// Test runner config: node environment everywhere (the renderer is tested in real Chromium
// through the browser host), forks pool because better-sqlite3 is a native addon.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
