/**
 * Issue 9's sweep: every desk screen of the demo workspace at 1366×768 and 1920×1080 in both
 * languages, pictured (e2e/screenshots/sweep-*) and checked for the defects a new user found:
 * a page that scrolls sideways, numbers or button labels cut off, raw identifiers and error codes
 * in the UI, English in the Chinese UI's own words, and console errors.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { callCockpit, makeDataDir, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, SCREENSHOT_DIR, test, watchConsoleErrors } from './fixtures';

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

/** What the page shows that a category manager should never see; each entry names where. */
async function defects(page: Page, language: 'zh-CN' | 'en'): Promise<{ found: string[]; numbersChecked: number; buttonsChecked: number }> {
  return page.evaluate((lang) => {
    const found: string[] = [];
    let numbersChecked = 0;
    let buttonsChecked = 0;
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);

    // A number in a grid or table cell is never cut: its text fits the cell it is drawn in.
    const numberCells = [...document.querySelectorAll('.ag-right-aligned-cell .ag-cell-value, .ag-right-aligned-cell, td.ant-table-cell, .ant-progress-text, [data-testid$="-value"]')];
    for (const cell of numberCells) {
      const text = (cell.textContent ?? '').trim();
      if (!/^[-+−±¥]?[\d,.]+\s*(%|万元|亿元|元|万|亿|件|小时|h|k|M)?$/.test(text) || !visible(cell)) continue;
      numbersChecked += 1;
      if (cell.scrollWidth > cell.clientWidth) found.push(`number cut off: "${text}" (${cell.scrollWidth} > ${cell.clientWidth})`);
    }
    // A button's label fits the button.
    for (const label of document.querySelectorAll('button > span:not(.anticon)')) {
      const button = label.parentElement!;
      if (!visible(button) || !label.textContent?.trim()) continue;
      buttonsChecked += 1;
      if (label.scrollWidth > label.clientWidth && getComputedStyle(label).textOverflow === 'ellipsis') found.push(`button label cut off: "${label.textContent}"`);
      if (button.scrollWidth > button.clientWidth + 1) found.push(`button label overflows: "${label.textContent}"`);
    }

    // A column's name is read whole: a grid header never ends in an ellipsis.
    for (const header of document.querySelectorAll('.ag-header-cell-text')) {
      if (visible(header) && header.scrollWidth > header.clientWidth) found.push(`column name cut off: "${header.textContent}"`);
    }

    // Words: no raw codes, and in Chinese none of the shell's words left in English.
    const text = document.getElementById('root')?.innerText ?? '';
    for (const code of ['ECONNREFUSED', 'fetch failed', 'not_found', 'merchant_metrics', 'kpi_points', 'tier_overrides', 'undefined', 'NaN', '[object Object]']) {
      if (text.includes(code)) found.push(`raw text on screen: ${code}`);
    }
    if (lang === 'zh-CN') {
      // Labels, headers and buttons are the app's own words; the platform's data may be in any language.
      const own = [...document.querySelectorAll('button, th, .ag-header-cell-text, .ant-card-head-title, .ant-tabs-tab-btn, h1, h2, h3, label, .ant-menu-title-content')];
      for (const el of own) {
        const words = (el.textContent ?? '').trim();
        // The language switch names each language in itself.
        if (words === 'English') continue;
        // Product and format names Chinese staff read as they are.
        const stripped = words.replace(/\b(GMV|OKR|KR|SKU|SLA|PDF|Excel|CSV|P[1-3]|ID|KPI|AI|VIP|TOP\d*|WAL|SQLite)\b/g, '');
        if (visible(el) && /[A-Za-z]{3,}/.test(stripped) && !/[\u4e00-\u9fff]/.test(stripped)) found.push(`English in the Chinese UI: "${words}"`);
      }
    }
    return { found: [...new Set(found)], numbersChecked, buttonsChecked };
  }, language);
}

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
          const seen = await defects(page, language);
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
