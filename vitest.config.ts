// Test runner config: node environment everywhere (the renderer is tested in real Chromium
// through the browser host), forks pool because better-sqlite3 is a native addon.
// Two projects in separate groups (sequence.groupOrder), so they never run at the same time:
// unit + integration files in parallel, and the end-to-end browser files one at a time. On a
// 2-core machine Chromium competing with the 200 MB import test or with another Chromium made
// page waits time out.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
