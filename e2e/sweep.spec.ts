/**
 * Issue 9's sweep: every desk screen of the demo workspace at 1366×768 and 1920×1080 in both
 * languages, pictured (e2e/screenshots/sweep-*) and checked for the defects a new user found:
 * a page that scrolls sideways, numbers or button labels cut off, raw identifiers and error codes
 * in the UI, English in the Chinese UI's own words, and console errors.
 */
import fs from 'node:fs';
import { callCockpit, makeDataDir, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, SCREENSHOT_DIR, test, watchConsoleErrors } from './fixtures';
import { screenDefects } from './screen-checks';

const SCREENS = [
  { id: 'overview', hash: '#/' },
  { id: 'okr', hash: '#/okr' },
  { id: 'merchants', hash: '#/merchants' },
  { id: 'opinion', hash: '#/opinion' },
  { id: 'suppliers', hash: '#/suppliers' },
  { id: 'review', hash: '#/review' },
  { id: 'sync', hash: '#/sync' },
] as const;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

test.describe.configure({ mode: 'serial' });
let demo: CockpitServer;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = makeDataDir('sweep');
  demo = await startCockpitServer(dataDir, ['--demo']);
  await callCockpit(demo, 'settings.update', { language: 'zh-CN', theme: 'light' });
  await waitUntilCaughtUp(demo, 200_000);
});

test.afterAll(async () => {
  await demo?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const language of ['zh-CN', 'en'] as const) {
  test(`every desk screen in ${language} at 1366×768 and 1920×1080: nothing cut off, no raw codes, its own words`, async ({ browser }) => {
    test.setTimeout(400_000);
    await callCockpit(demo, 'settings.update', { language });
    const page = await browser.newPage({ viewport: SIZES[0] });
    const errors = watchConsoleErrors(page);
    try {
      await openCockpit(page, demo);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const problems: string[] = [];
      let numbersChecked = 0;
      const look = async (name: string) => {
        // Let the board's queries land and its charts finish their entry animation.
        await page.waitForLoadState('networkidle');
        await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.waitForTimeout(600);
          await page.screenshot({ path: `${SCREENSHOT_DIR}/sweep-${name}-${language}-${size.width}.png` });
          const seen = await screenDefects(page, language);
          problems.push(...seen.found.map((d) => `${name} ${size.width}: ${d}`));
          numbersChecked += seen.numbersChecked;
          // The checks looked at something: every desk screen has buttons.
          expect(seen.buttonsChecked, `${name}: buttons checked`).toBeGreaterThan(0);
        }
        await page.setViewportSize(SIZES[0]);
      };
      for (const screen of SCREENS) {
        await page.evaluate((hash) => (window.location.hash = hash), screen.hash);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await look(screen.id);
        // Each of the board's own tabs, as a user clicks through them.
        const tabs = page.locator('#main-content .ant-tabs').first().locator(':scope > .ant-tabs-nav .ant-tabs-tab');
        const count = await tabs.count();
        for (let i = 1; i < count; i += 1) {
          await tabs.nth(i).click();
          await look(`${screen.id}-tab${i}`);
        }
      }
      expect(numbersChecked, 'figures checked').toBeGreaterThan(100);
      expect(problems).toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
}
