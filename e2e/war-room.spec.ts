/**
 * Issue 15 on the demo workspace. The war room: a full-screen dark board without navigation
 * chrome, the 1920×1080 canvas scaled without scrollbars from 1366×768 to 3840×2160 in both
 * languages (e2e/screenshots/war-room-*), keyboard control of the playlist, and a page cut off
 * from the core that shows stale badges and recovers by itself when the connection returns.
 * The review pack: on screen in both languages, printed through the print stylesheet into a PDF
 * that is opened and read (pages, the as-of stamp on each, no navigation chrome), its workbook
 * downloaded and opened (sheets, rows, stamp), and another board exported as it stands.
 */
import fs from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../electron/core/api';
import ExcelJS from 'exceljs';
import { stampLine } from '../electron/core/overview/review-pack-workbook';
import { shanghaiMinute } from '../electron/core/time';
import { makeDataDir, startCockpitServer, waitUntilCaughtUp, type CockpitServer } from './cockpit-server';
import { pdfPageTexts } from './pdf-text';
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

async function downloaded(click: () => Promise<void>): Promise<ExcelJS.Workbook> {
  const download = page.waitForEvent('download');
  await click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

test('the review pack: on screen in both languages, printed to a PDF stamped on every page, exported to a workbook', async ({ demo }) => {
  test.setTimeout(240_000);
  await reviewPackChecks(demo);
});

/** The data's as-of minutes while `act` ran: the demo's live feed moves on every minute. */
async function stampsAround<T>(demo: CockpitServer, act: () => Promise<T>): Promise<{ result: T; stamps: number[] }> {
  const before = (await call(demo, 'overview.dataStamp', {})).asOfMs!;
  const result = await act();
  const after = (await call(demo, 'overview.dataStamp', {})).asOfMs!;
  return { result, stamps: [...new Set([before, after])] };
}

/** The desk's two common sizes, after the charts' entry animation has settled. */
async function screenshotBothSizes(name: string): Promise<void> {
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(1_200);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}${size.width === 1920 ? '' : `-${size.width}`}.png` });
  }
}

async function reviewPackChecks(demo: CockpitServer): Promise<void> {
  await waitUntilCaughtUp(demo, 150_000);
  await call(demo, 'settings.update', { language: 'zh-CN' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate(() => (window.location.hash = '#/review'));
  const pack = page.getByTestId('review-pack');
  await expect(pack).toBeVisible();
  for (const section of ['review-north-star', 'review-merchants', 'review-sla', 'review-coverage', 'review-okr', 'review-meeting']) {
    await expect(page.getByTestId(section)).toBeVisible();
  }
  const { workspace } = await call(demo, 'overview.dataStamp', {});
  const view = await call(demo, 'overview.reviewPack', {});
  const stampText = (ms: number) => `数据截至 ${shanghaiMinute(ms)}（北京时间）· 工作区 ${workspace}`;
  await expect(page.getByTestId('review-periods')).toContainText(`本期 ${view.periods.current.from} – ${view.periods.current.to}`);
  await expect(page.getByTestId('review-periods')).toContainText(/数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）· 工作区 /);
  await screenshotBothSizes('review-pack-zh-CN');

  // Notes and an action item taken at the meeting, kept locally; text stays text.
  const meeting = page.getByTestId('review-meeting');
  await meeting.getByTestId('meeting-add-note').click();
  await page.getByTestId('meeting-note-title').fill('第 22 期双周复盘');
  await page.getByTestId('meeting-note-body-input').fill('美妆退货率上升 <b>0.4</b> 个百分点');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(meeting.getByTestId('meeting-note')).toContainText('美妆退货率上升 <b>0.4</b> 个百分点');
  await meeting.getByTestId('meeting-add-action').click();
  await page.getByTestId('meeting-action-title').fill('核查美妆退货原因');
  await page.getByTestId('meeting-action-owner').fill('李娜');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(meeting.getByTestId('meeting-actions')).toContainText('核查美妆退货原因');
  // Turned into an alert comment: one queued command, and the item says so.
  const comments = async () => (await call(demo, 'sync.outbox', { limit: 10_000 })).filter((entry) => entry.type === 'alert.comment').length;
  const commentsBefore = await comments();
  await meeting.locator('[data-testid^="meeting-to-comment-"]').first().click();
  await page.getByTestId('meeting-convert-alert').click();
  await page.locator('.ant-select-item-option').first().click();
  await page.getByTestId('meeting-convert-ok').click();
  await expect(meeting.getByTestId('meeting-actions')).toContainText('已转为预警评论');
  expect(await comments()).toBe(commentsBefore + 1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/review-pack-meeting-zh-CN.png` });

  // On paper: the board alone, A4 landscape, the stamp in every page's top margin.
  const printed = await stampsAround(demo, () => page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const pages = await pdfPageTexts(printed.result);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  const squeezed = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
  const stamp = printed.stamps.map((ms) => squeezed(stampText(ms))).find((candidate) => squeezed(pages[0]!).includes(candidate));
  expect(stamp, `page 1 carries the stamp of ${printed.stamps.map(shanghaiMinute).join(' or ')}`).toBeDefined();
  for (const [n, text] of pages.entries()) {
    expect(squeezed(text), `page ${n + 1} carries the stamp`).toContain(stamp!);
    expect(text, `page ${n + 1} numbered`).toMatch(new RegExp(`${n + 1}\\s*/\\s*${pages.length}`));
  }
  // pdf.js puts spaces between CJK glyphs: compared without white space.
  const all = pages.join('').replace(/\s+/g, '');
  expect(all).toContain('北极星指标');
  expect(all).toContain('核心SKU供应覆盖');
  expect(all).toContain('核查美妆退货原因');
  // No navigation chrome and no buttons on paper.
  expect(all).not.toContain('供应商池');
  expect(all).not.toContain('导出本页');
  expect(all).not.toContain('打印/存为PDF');

  // The workbook the core writes: the grids as sheets, every sheet stamped.
  const exported = await stampsAround(demo, () => downloaded(() => page.getByTestId('review-export-xlsx').click()));
  const workbook = exported.result;
  const names = workbook.worksheets.map((sheet) => sheet.name);
  expect(names).toEqual(expect.arrayContaining(['北极星 North star', '商家 Merchants', '预警SLA Alerts SLA', '供应覆盖 Coverage', 'OKR 团队 Teams']));
  const sheetStamp = workbook.worksheets[0]!.getCell('A2').value;
  expect(exported.stamps.map((ms) => stampLine(ms, workspace))).toContain(sheetStamp);
  for (const sheet of workbook.worksheets) expect(sheet.getCell('A2').value, sheet.name).toBe(sheetStamp);
  const northStar = workbook.getWorksheet('北极星 North star')!;
  expect(northStar.actualRowCount).toBeGreaterThan(5);
  expect(workbook.getWorksheet('图表 Charts')!.getImages().length).toBeGreaterThan(0);
  expect(workbook.getWorksheet('会议纪要 Notes')!.getRow(6).getCell(3).value).toBe('美妆退货率上升 <b>0.4</b> 个百分点');
  expect(String(workbook.getWorksheet('行动项 Actions')!.getRow(6).getCell(5).value)).toMatch(/^预警评论 alert comment → /);

  await call(demo, 'settings.update', { language: 'en' });
  await expect(page.getByTestId('review-north-star')).toContainText('North-star figures');
  await screenshotBothSizes('review-pack-en');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/review-pack-en-1366.png` });
  await call(demo, 'settings.update', { language: 'zh-CN' });
}

test('any board exports as it stands: its grids as sheets and its charts as pictures, stamped', async ({ demo }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => (window.location.hash = '#/suppliers'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The coverage tab draws its grid; back on the overview tab, its charts are drawn and the grid stays mounted.
  await page.getByRole('tab', { name: '核心 SKU 覆盖' }).click();
  await expect(page.locator('.ag-row').first()).toBeVisible();
  await page.getByRole('tab', { name: '概览' }).click();
  await expect(page.getByRole('img', { name: '核心 SKU 覆盖状态' })).toBeVisible();
  const { workspace } = await call(demo, 'overview.dataStamp', {});
  const exported = await stampsAround(demo, () =>
    downloaded(async () => {
      await page.getByTestId('page-export').click();
      await page.getByTestId('page-export-xlsx').click();
    }),
  );
  const workbook = exported.result;
  const heading = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  expect(workbook.worksheets.length).toBeGreaterThanOrEqual(1);
  const grid = workbook.worksheets[0]!;
  expect(String(grid.getCell('A1').value)).toContain(heading);
  expect(exported.stamps.some((ms) => String(grid.getCell('A2').value).includes(shanghaiMinute(ms)))).toBe(true);
  expect(String(grid.getCell('A2').value)).toContain(workspace);
  // Headers on row 5, then at least one row of the grid as shown.
  expect(grid.getRow(5).cellCount).toBeGreaterThan(2);
  expect(grid.getRow(6).getCell(1).value).not.toBeNull();
  // The suppliers board draws its coverage chart: it goes in as a picture.
  const charts = workbook.worksheets.find((sheet) => sheet.name === '图表');
  expect(charts, 'a charts sheet').toBeDefined();
  expect(charts!.getImages().length).toBeGreaterThan(0);
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
