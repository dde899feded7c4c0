import { expect, resetSettings, saveScreenshot, sharedPage, test } from './fixtures';

/** The six boards and the sync screen, with the heading each shows in Chinese. */
const DESTINATIONS = [
  { id: 'overview', hash: '#/', heading: '总览' },
  { id: 'okr', hash: '#/okr', heading: 'OKR 攻坚小组' },
  { id: 'merchants', hash: '#/merchants', heading: '商家分层' },
  { id: 'opinion', hash: '#/opinion', heading: '舆情监测' },
  { id: 'suppliers', hash: '#/suppliers', heading: '供应商池' },
  { id: 'war-room', hash: '#/war-room', heading: '作战室' },
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
    await page.getByTestId(`nav-${destination.id}`).click();
    await expect(page).toHaveURL(new RegExp(`${destination.hash.replace('/', '\\/')}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(destination.heading);
    await saveScreenshot(page, `zh-CN-light-${destination.id}`);
  }
});

test('the overview shows the local table counts in a grid and a chart, the sync state and app info', async ({ cockpit }) => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  const grid = page.getByTestId('grid-overview-table-counts');
  await expect(grid.getByRole('gridcell', { name: 'merchants', exact: true })).toBeVisible();
  // Chinese grid text comes from AG Grid's locale, the column headers from ours.
  await expect(grid.getByRole('columnheader', { name: '数据表' })).toBeVisible();
  await expect(page.getByRole('img', { name: '各数据表行数' }).locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('overview-sync')).toContainText('未连接');
  await expect(page.getByText('浏览器模式')).toBeVisible();
  await expect(page.getByText(cockpit.dataDir, { exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('overview-table-counts-export').click();
  expect((await download).suggestedFilename()).toMatch(/^table-counts-\d{8}-\d{4}\.csv$/);
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
  await expect(page.getByTestId('platform-error')).toContainText('连接失败');
  await expect(page.getByTestId('platform-error')).toContainText('127.0.0.1:9');
  await expect(page.getByTestId('platform-kind')).toHaveText('未连接');
  await saveScreenshot(page, 'zh-CN-light-sync-platform-error');
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
