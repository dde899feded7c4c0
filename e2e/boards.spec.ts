import fs from 'node:fs';
import { callCockpit, makeDataDir, startCockpitServer, waitUntilCaughtUp } from './cockpit-server';
import { expect, openCockpit, resetSettings, saveScreenshot, sharedPage, test, watchConsoleErrors } from './fixtures';

/** The six boards and the sync screen; the shell's own two with the heading they show in Chinese. */
const DESTINATIONS: { id: string; hash: string; heading?: string }[] = [
  { id: 'overview', hash: '#/', heading: '总览' },
  { id: 'okr', hash: '#/okr' },
  { id: 'merchants', hash: '#/merchants' },
  { id: 'opinion', hash: '#/opinion' },
  { id: 'suppliers', hash: '#/suppliers' },
  { id: 'war-room', hash: '#/war-room' },
  { id: 'sync', hash: '#/sync', heading: '同步' },
];

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ cockpit, request }) => {
  await resetSettings(async (method, input) => {
    const response = await request.post(`${cockpit.baseUrl}/api/call`, { headers: { Authorization: `Bearer ${cockpit.token}` }, data: { method, input } });
    return response.json();
  });
});
const shared = sharedPage();

test('every destination shows its board in Chinese', async () => {
  const page = shared.page();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');

  for (const destination of DESTINATIONS) {
    // By address: the war room is full screen, without the navigation.
    await page.evaluate((hash) => (location.hash = hash), destination.id === 'overview' ? '#/' : `#/${destination.id}`);
    await expect(page).toHaveURL(new RegExp(`${destination.hash.replace('/', '\\/')}$`));
    // Each board owns its words: the shell checks that the heading is there and Chinese.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(destination.heading ?? /[\u4e00-\u9fff]/);
    await saveScreenshot(page, `zh-CN-light-${destination.id}`);
  }
});

test('the overview shows the sync state, app info and a chart of local rows per resource, in words', async ({ cockpit }) => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  // The table-count grid lives on the Sync screen now (next to what sync received and wrote).
  await expect(page.getByTestId('grid-overview-table-counts')).toHaveCount(0);
  await expect(page.getByRole('img', { name: '各项数据的本地行数' }).locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('overview-sync')).toContainText('未连接');
  await expect(page.getByText('浏览器模式')).toBeVisible();
  await expect(page.getByText(cockpit.dataDir, { exact: true })).toBeVisible();
});

test('the status bar shows connection, last sync, pending changes and platform', async () => {
  const statusBar = shared.page().getByTestId('status-bar');
  await expect(statusBar).toContainText(/在线|离线/);
  await expect(statusBar).toContainText('上次同步：从未同步');
  await expect(statusBar).toContainText('待上传的本地更改：0');
  await expect(statusBar).toContainText('平台：未连接');
});

test('a click on the status bar opens the sync screen, which says no platform is connected', async () => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('status-open-sync').click();
  await expect(page).toHaveURL(/#\/sync$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同步');
  await expect(page.getByTestId('sync-progress')).toContainText('尚未连接平台');
  await expect(page.getByTestId('platform-kind')).toHaveText('未连接');
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await expect(page.getByTestId('sync-outbox')).toContainText('没有本地更改');
  await expect(page.getByTestId('sync-quarantine')).toContainText('没有被隔离的记录');
});

test('the platform form checks its input and shows the core\'s error when the platform cannot be reached', async () => {
  const page = shared.page();
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('platform-connect').click();
  await expect(page.getByText('请输入 http 或 https 开头的地址')).toBeVisible();
  await expect(page.getByText('请输入访问令牌')).toBeVisible();

  // A port nobody listens on: the core answers `unavailable`, and the form says so.
  await page.getByTestId('platform-url-input').fill('http://127.0.0.1:9');
  await page.getByTestId('platform-token-input').fill('not-a-token');
  await page.getByTestId('platform-connect').click();
  // In the user's words, with what to do next; the raw detail (host, Node's code) below, copyable.
  await expect(page.getByTestId('platform-error').getByTestId('error-message')).toHaveText('连接失败：连不上平台。请检查网络和平台地址；恢复连接后会自动重试。');
  await expect(page.getByTestId('platform-error').getByTestId('error-message')).not.toContainText(/ECONNREFUSED|fetch failed|unavailable/);
  await expect(page.getByTestId('platform-error').getByTestId('error-detail')).toContainText('127.0.0.1:9');
  await expect(page.getByTestId('platform-error').getByRole('button', { name: /复制|Copy/ })).toBeVisible();
  await expect(page.getByTestId('platform-kind')).toHaveText('未连接');
  await saveScreenshot(page, 'zh-CN-light-sync-platform-error');
});

test('a token for plain http to another machine is sent only after the user agrees', async () => {
  const page = shared.page();
  await page.getByTestId('nav-sync').click();
  // 192.0.2.1 is a documentation address: the core refuses before it sends anything anywhere.
  await page.getByTestId('platform-url-input').fill('http://192.0.2.1:7788');
  await page.getByTestId('platform-token-input').fill('secret-token');
  await page.getByTestId('platform-connect').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('以明文发送令牌？');
  await expect(dialog).toContainText('http://192.0.2.1:7788');
  await saveScreenshot(page, 'zh-CN-light-sync-insecure-confirm');
  await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('platform-kind')).toHaveText('未连接');
});

test('the navigation works from the keyboard and collapses', async () => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('总览');
  await page.getByTestId('nav-overview').focus();
  // Each key waits for the focus it moves: on a loaded machine a second key could otherwise
  // arrive while the menu is still re-rendering after the first.
  await expect(page.getByTestId('nav-overview')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('nav-okr')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('nav-merchants')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('商家分层');

  await page.getByTestId('nav-toggle').click();
  await expect(page.getByTestId('nav-toggle')).toHaveAttribute('aria-expanded', 'false');
  await saveScreenshot(page, 'zh-CN-light-merchants-nav-collapsed');
  await page.getByTestId('nav-toggle').click();
});

test('the desk has a card per board with its two figures, each leading to its board (demo workspace)', async ({ browser }) => {
  test.setTimeout(300_000);
  // A demo workspace of its own: the shared page above stays on a cockpit with no platform.
  const dataDir = makeDataDir('overview-demo');
  const demo = await startCockpitServer(dataDir, ['--demo']);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchConsoleErrors(page);
  try {
    await callCockpit(demo, 'settings.update', { language: 'zh-CN', theme: 'light' });
    await waitUntilCaughtUp(demo, 200_000);
    await openCockpit(page, demo);
    const cards = page.getByTestId('overview-board-cards');
    await expect(cards).toBeVisible();
    const grouped = (n: number) => n.toLocaleString('en-US');

    // Each figure as the core counts it (the opinion feed is live: its counts only look like counts).
    const supply = await callCockpit(demo, 'suppliers.overview', {});
    await expect(page.getByTestId('overview-figure-single-source-value')).toHaveText(grouped(supply.byCoverage.single_source));
    await expect(page.getByTestId('overview-figure-revenue-at-risk-value')).toHaveText(/^[\d,]+(\.\d\d)?(万|亿)?元$/);
    const teams = await callCockpit(demo, 'okr.teams', {});
    await expect(page.getByTestId('overview-figure-off-track-value')).toHaveText(grouped(teams.filter((t) => t.pace === 'off_track').length));
    await expect(page.getByTestId('overview-figure-at-risk-value')).toHaveText(grouped(teams.filter((t) => t.pace === 'at_risk').length));
    const merchants = await callCockpit(demo, 'merchants.summary', {});
    const nothingToCompare = merchants.withEarlierTier === 0 && merchants.earlierSource === 'previous_period';
    await expect(page.getByTestId('overview-figure-tier-changes-value')).toHaveText(nothingToCompare ? '—' : grouped(merchants.changedTier));
    await expect(page.getByTestId('overview-figure-mismatches-value')).toHaveText(grouped(merchants.packageMismatches));
    await expect(page.getByTestId('overview-figure-p1-value')).toHaveText(/^\d{1,3}(,\d{3})*$/);
    await expect(page.getByTestId('overview-figure-breached-value')).toHaveText(/^\d{1,3}(,\d{3})*$/);
    await expect(page.getByTestId('overview-figure-single-source')).toContainText('有主供、无可用备选供应商');
    await expect(cards.getByTestId('error-message')).toHaveCount(0);

    // Pictures for a category manager to read, in both languages, at both desk sizes.
    const shots = process.env.OVERVIEW_SHOTS_DIR;
    for (const language of ['zh-CN', 'en'] as const) {
      await callCockpit(demo, 'settings.update', { language });
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(400);
        if (shots) await page.screenshot({ path: `${shots}/overview-${language}-${viewport.width}x${viewport.height}.png` });
        await saveScreenshot(page, `${language}-light-overview-cards-${viewport.width}`);
      }
    }
    await callCockpit(demo, 'settings.update', { language: 'zh-CN' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.setViewportSize({ width: 1366, height: 768 });

    // A figure leads to its tab of the board; a card's title and its empty space to the board.
    await page.getByTestId('overview-figure-mismatches').click();
    await expect(page).toHaveURL(/#\/merchants\?tab=worklist$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('商家分层');
    await page.goBack();
    await page.getByTestId('overview-figure-off-track').click();
    await expect(page).toHaveURL(/#\/okr\?tab=risk$/);
    await page.goBack();
    await page.getByTestId('overview-card-suppliers-title').click();
    await expect(page).toHaveURL(/#\/suppliers$/);
    await page.goBack();
    await page.getByTestId('overview-card-opinion').locator('.ant-card-body').click({ position: { x: 4, y: 4 } });
    await expect(page).toHaveURL(/#\/opinion$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('舆情监测');
    expect(errors, 'console errors on the page').toEqual([]);
  } finally {
    await page.close();
    await demo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
