import { expect, resetSettings, saveScreenshot, sharedPage, test } from './fixtures';

const ENGLISH_HEADINGS = [
  { id: 'overview', heading: 'Overview' },
  { id: 'okr', heading: 'OKR teams' },
  { id: 'merchants', heading: 'Merchant tiers' },
  { id: 'opinion', heading: 'Public opinion' },
  { id: 'suppliers', heading: 'Supplier pools' },
  { id: 'war-room', heading: 'War room' },
  { id: 'sync', heading: 'Sync' },
];

test.describe.configure({ mode: 'serial' });
const shared = sharedPage();
test.beforeEach(async ({ callCore }) => {
  await resetSettings(callCore);
  // The open page follows the core's `settings.changed` event.
  await expect(shared.page().locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(shared.page().locator('html')).toHaveAttribute('data-theme', 'light');
});

test('switching to English translates the shell and every board, and persists', async () => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('status-bar')).toContainText('Last sync: never');
  await expect(page.getByTestId('grid-overview-table-counts').getByRole('columnheader', { name: 'Table' })).toBeVisible();

  for (const board of ENGLISH_HEADINGS) {
    await page.getByTestId(`nav-${board.id}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(board.heading);
    await saveScreenshot(page, `en-light-${board.id}`);
  }

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync');
  await expect(page.getByTestId('nav-merchants')).toHaveText('Merchant tiers');
});

test('switching to the dark theme darkens the page, and persists', async () => {
  const page = shared.page();
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('theme-switch').click();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('status-bar')).toHaveCSS('background-color', darkColour());

  for (const id of ['overview', 'okr', 'merchants', 'opinion', 'suppliers', 'war-room', 'sync']) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await saveScreenshot(page, `zh-CN-dark-${id}`);
  }

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-switch')).toBeChecked();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
});

test('English and dark together', async ({ callCore }) => {
  const page = shared.page();
  await callCore('settings.update', { language: 'en', theme: 'dark' });
  await page.getByTestId('nav-overview').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'en-dark-overview');
});

/** Any rgb() whose channels are all low. */
function darkColour(): RegExp {
  return /^rgb\((\d|[1-5]\d), (\d|[1-5]\d), (\d|[1-5]\d)\)$/;
}
