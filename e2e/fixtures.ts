import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { CallResult, MethodInput, MethodName } from '../electron/core/api';
import { makeDataDir, startCockpitServer, type CockpitServer } from './cockpit-server';

export { expect };

interface TestFixtures {
  /** Console errors and uncaught exceptions of the page; each test fails if any were seen. */
  consoleErrors: string[];
  /** Calls the core over HTTP with the launch token (setup and checks, not the UI). */
  callCore: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<CallResult>;
}

interface WorkerFixtures {
  cockpit: CockpitServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  cockpit: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const dataDir = makeDataDir('main');
      const server = await startCockpitServer(dataDir);
      await use(server);
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  callCore: async ({ cockpit, request }, use) => {
    await use(async (method, input) => {
      const response = await request.post(`${cockpit.baseUrl}/api/call`, {
        headers: { Authorization: `Bearer ${cockpit.token}` },
        data: { method, input },
      });
      return (await response.json()) as CallResult;
    });
  },

  consoleErrors: async ({ page }, use) => {
    const errors = watchConsoleErrors(page);
    await use(errors);
    expect(errors, 'console errors on the page').toEqual([]);
  },
});

/** Collects the page's console errors and uncaught exceptions. */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A typed API error travels with a matching HTTP status (e.g. 503 `unavailable`), which
    // Chromium also logs; the UI shows those errors itself, and the tests check it does.
    if (message.text().startsWith('Failed to load resource') && message.location().url.includes('/api/call')) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Every test starts from the defaults, whatever the previous test left behind. */
export async function resetSettings(callCore: TestFixtures['callCore']): Promise<void> {
  const result = await callCore('settings.update', { language: 'zh-CN', theme: 'light' });
  expect(result.ok).toBe(true);
}

/**
 * One page for a whole spec file, opened once: on the two-core test machines loading the shell
 * again for every test costs more than the tests. Its console errors are checked after each test.
 */
export function sharedPage(): { page: () => Page; consoleErrors: () => string[] } {
  let page: Page | undefined;
  let errors: string[] = [];
  test.beforeAll(async ({ browser, cockpit }) => {
    page = await browser.newPage();
    errors = watchConsoleErrors(page);
    await openCockpit(page, cockpit);
  });
  test.afterEach(() => {
    expect(errors, 'console errors on the page').toEqual([]);
  });
  test.afterAll(async () => {
    await page?.close();
  });
  return {
    page: () => {
      if (!page) throw new Error('the shared page is opened in beforeAll');
      return page;
    },
    consoleErrors: () => errors,
  };
}

/** Opens the launch URL (the token travels in the fragment) and waits for the shell. */
export async function openCockpit(page: Page, cockpit: CockpitServer): Promise<void> {
  await page.goto(cockpit.launchUrl);
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

export const SCREENSHOT_DIR = 'e2e/screenshots';

/**
 * A picture of the whole screen. The shell scrolls inside its content area, not the page, so the
 * window is made tall enough for all of the content first, then put back.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Let charts finish their entry animation and fonts settle before the picture.
  await page.waitForTimeout(400);
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() => {
    const main = document.getElementById('main-content');
    return main ? main.scrollHeight - main.clientHeight : 0;
  });
  const grow = viewport !== null && hidden > 0;
  if (grow) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + hidden, 4_000) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  if (grow) await page.setViewportSize(viewport);
}
