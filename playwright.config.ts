import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against browser mode (`cockpit serve`), driven in Debian's Chromium: this
 * machine cannot download Playwright's browsers or run the Electron binary. The renderer is
 * served from out/renderer: build first (`npm run test:e2e` does).
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  // Generous: the test machines have two cores, often shared with builds and benchmarks.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Headless hides scrollbars but they still take room, so grids measure them wrong and clip
      // their last column; with them shown the screenshots look like the real window.
      ignoreDefaultArgs: ['--hide-scrollbars'],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
