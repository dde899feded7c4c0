import { expect, resetSettings, saveScreenshot, sharedPage, test } from './fixtures';

/** The shell's own screens with their English heading; the boards own theirs (checked to be English). */
const ENGLISH_HEADINGS: { id: string; heading?: string }[] = [
  { id: 'overview', heading: 'Overview' },
  { id: 'okr' },
  { id: 'merchants' },
  { id: 'opinion' },
  { id: 'suppliers' },
  { id: 'war-room' },
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
  await expect(page.getByRole('img', { name: 'Local rows per resource' })).toBeVisible();

  for (const board of ENGLISH_HEADINGS) {
    // By address: the war room is full screen, without the navigation.
    await page.evaluate((hash) => (location.hash = hash), board.id === 'overview' ? '#/' : `#/${board.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(board.heading ?? /^[^\u4e00-\u9fff]+$/);
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
    await page.evaluate((hash) => (location.hash = hash), id === 'overview' ? '#/' : `#/${id}`);
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
