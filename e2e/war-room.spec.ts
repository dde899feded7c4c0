/**
 * The war room on the demo workspace: a full-screen dark board without navigation chrome, the
 * 1920×1080 canvas scaled without scrollbars from 1366×768 to 3840×2160 in both languages
 * (e2e/screenshots/war-room-*), keyboard control of the playlist, and a page cut off from the
 * core that shows stale badges and recovers by itself when the connection returns.
 */
import fs from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../electron/core/api';
import { makeDataDir, startCockpitServer, type CockpitServer } from './cockpit-server';
import { expect, openCockpit, SCREENSHOT_DIR, watchConsoleErrors } from './fixtures';

const test = base.extend<object, { demo: CockpitServer }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const dataDir = makeDataDir('war-room');
      const cockpit = await startCockpitServer(dataDir, ['--demo']);
      await use(cockpit);
      await cockpit.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

async function call<M extends MethodName>(cockpit: CockpitServer, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await fetch(`${cockpit.baseUrl}/api/call`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${cockpit.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  const result = (await response.json()) as CallResult;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 3840, height: 2160 },
] as const;

test.describe.configure({ mode: 'serial', timeout: 180_000 });
let page: Page;
let consoleErrors: string[];

/** Opens the war room afresh (from the desk, so its playlist starts at the first panel). */
async function openWarRoom(query: string): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/'));
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await page.evaluate((hash) => (window.location.hash = hash), `#/war-room?${query}`);
  await expect(page.getByTestId('war-room')).toBeVisible();
}

test.beforeAll(async ({ demo, browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  await call(demo, 'settings.update', { language: 'zh-CN', theme: 'light' });
  // The demo's KPI feed synced: the platform and its categories have figures.
  await expect
    .poll(async () => (await call(demo, 'overview.northStar', {}).catch(() => ({ scopes: [] }))).scopes.length, { timeout: 150_000, intervals: [1_000] })
    .toBeGreaterThan(1);
  page = await browser.newPage({ viewport: SIZES[0] });
  consoleErrors = watchConsoleErrors(page);
  await openCockpit(page, demo);
});

test.afterEach(() => {
  expect(consoleErrors, 'console errors on the page').toEqual([]);
});

test.afterAll(async () => {
  await page.close();
});

test('full screen without navigation chrome, scaled without scrollbars at every size, in both languages', async ({ demo }) => {
  for (const language of ['zh-CN', 'en'] as const) {
    await call(demo, 'settings.update', { language });
    await openWarRoom('interval=600');
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(language === 'en' ? 'War room' : '作战室');
    await expect(page.getByTestId('sider')).toHaveCount(0);
    await expect(page.getByTestId('status-bar')).toHaveCount(0);
    await expect(page.getByTestId('war-room-figure-gmv_fen')).toBeVisible();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(600);
      const fit = await page.evaluate(() => {
        const root = document.documentElement;
        const canvas = document.querySelector('.wr-canvas')!.getBoundingClientRect();
        return {
          scrollsX: root.scrollWidth > root.clientWidth,
          scrollsY: root.scrollHeight > root.clientHeight,
          canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom },
        };
      });
      expect(fit.scrollsX || fit.scrollsY, `scrollbars at ${size.width}×${size.height}`).toBe(false);
      expect(fit.canvas.left).toBeGreaterThanOrEqual(-0.5);
      expect(fit.canvas.top).toBeGreaterThanOrEqual(-0.5);
      expect(fit.canvas.right).toBeLessThanOrEqual(size.width + 0.5);
      expect(fit.canvas.bottom).toBeLessThanOrEqual(size.height + 0.5);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/war-room-${language}-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZES[0]);
  }
  await call(demo, 'settings.update', { language: 'zh-CN' });
});

test('space pauses the playlist, arrows switch panels, and it rotates by itself at the set interval', async () => {
  await openWarRoom('interval=3');
  const board = page.getByTestId('war-room');
  const first = await board.getAttribute('data-panel');
  // Rotates on its own.
  await expect(board).not.toHaveAttribute('data-panel', first ?? '', { timeout: 10_000 });
  await page.keyboard.press('Space');
  await expect(board).toHaveAttribute('data-paused', 'true');
  const paused = await board.getAttribute('data-panel');
  await page.waitForTimeout(4_000);
  await expect(board).toHaveAttribute('data-panel', paused ?? '');
  await page.keyboard.press('ArrowRight');
  await expect(board).not.toHaveAttribute('data-panel', paused ?? '');
  await page.keyboard.press('ArrowLeft');
  await expect(board).toHaveAttribute('data-panel', paused ?? '');
  // The category table is one of the panels: walk to it.
  for (let step = 0; step < 12 && (await board.getAttribute('data-panel')) !== 'categories'; step++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('war-room-panel-name')).toHaveText('各类目对比');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/war-room-zh-CN-categories.png` });
  await page.keyboard.press('Space');
  await expect(board).toHaveAttribute('data-paused', 'false');
});

test('cut off from the core it keeps the figures, shows stale badges, and recovers by itself', async () => {
  await openWarRoom('interval=600&stale=6');
  await expect(page.getByTestId('war-room-figure-orders')).toBeVisible();
  await expect(page.getByTestId('war-room-stale')).toHaveCount(0);
  const orders = await page.getByTestId('war-room-figure-orders').locator('.wr-number').textContent();

  await page.route('**/api/call', (route) => route.abort('connectionfailed'));
  await expect(page.getByTestId('war-room-stale')).toBeVisible({ timeout: 30_000 });
  // The last figures stay on screen: no spinner, no blank.
  await expect(page.getByTestId('war-room-figure-orders').locator('.wr-number')).not.toBeEmpty();
  expect(orders).not.toBe('');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/war-room-zh-CN-stale.png` });

  await page.unroute('**/api/call');
  // Nobody at the keyboard: the next timed refresh brings it back.
  await expect(page.getByTestId('war-room-stale')).toHaveCount(0, { timeout: 30_000 });
});

test('the desk shows the north-star figures; a target set there is drawn on the war room', async ({ demo }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => (window.location.hash = '#/'));
  const card = page.getByTestId('overview-north-star');
  await expect(card.getByTestId('north-star-gmv_fen')).toBeVisible();
  await card.getByRole('button', { name: '设置目标 · 成交额 GMV' }).click();
  await page.getByRole('spinbutton').fill('500');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(card.getByTestId('north-star-gmv_fen')).toContainText('目标 500.00万元');
  const northStar = await call(demo, 'overview.northStar', {});
  expect(northStar.scopes[0]!.figures.find((f) => f.metric === 'gmv_fen')!.target).toBe(500 * 10_000 * 100);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-north-star-zh-CN.png` });
  await call(demo, 'settings.update', { language: 'en' });
  await expect(card.getByTestId('north-star-gmv_fen')).toContainText('Target ¥5.00M');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-north-star-en.png` });
  await call(demo, 'settings.update', { language: 'zh-CN' });

  await openWarRoom('interval=600');
  await expect(page.getByTestId('war-room-figure-gmv_fen')).toContainText('目标 500.00万元');
  await page.setViewportSize(SIZES[0]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/war-room-zh-CN-target.png` });
  await call(demo, 'overview.setTarget', { scope: 'platform', metric: 'gmv_fen', value: null });
});

test('Esc leaves the war room for the desk', async () => {
  await openWarRoom('');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
});

test('shared read-only on the local network: the war room opens from its own URL, and writes are forbidden', async ({ browser }) => {
  const dataDir = makeDataDir('war-room-shared');
  const shared = await startCockpitServer(dataDir, ['--offline', '--share-war-room', '127.0.0.1']);
  const screen = await browser.newPage();
  try {
    expect(shared.sharedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+&view=war-room$/);
    await screen.goto(shared.sharedUrl!);
    await expect(screen.getByTestId('war-room')).toBeVisible();
    const refused = await screen.evaluate(async () => {
      const token = sessionStorage.getItem('cockpit.token') ?? '';
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ method: 'settings.update', input: { theme: 'dark' } }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  } finally {
    await screen.close();
    await shared.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
