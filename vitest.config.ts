import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['electron/**/*.test.ts', 'db/**/*.test.ts', 'platform/**/*.test.ts', 'renderer/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // UI components and boards, rendered with a fake client (renderer/src/testing).
        extends: true,
        test: { name: 'dom', include: ['renderer/src/**/*.test.tsx'], environment: 'jsdom', setupFiles: ['renderer/src/testing/setup-dom.ts'] },
      },
    ],
  },
});
