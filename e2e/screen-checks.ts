/**
 * The checks every screen passes, shared by the sweep (demo workspace, every tab) and the shell
 * spec (empty workspace, the war room too): a page that scrolls sideways, numbers, button labels
 * or column names cut off, raw identifiers and error codes on screen, English among the Chinese
 * UI's own words.
 */
import type { Page } from '@playwright/test';

/** What the page shows that a category manager should never see; each entry names where. */
export async function screenDefects(page: Page, language: 'zh-CN' | 'en'): Promise<{ found: string[]; numbersChecked: number; buttonsChecked: number }> {
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
      // Table and field names (merchant_metrics, tier_overrides, …) are never the Chinese UI's words.
      const content = (document.getElementById('main-content') ?? document.body).textContent ?? '';
      for (const wire of new Set(content.match(/\b[a-z]{3,}_[a-z_]+\b/g) ?? [])) found.push(`wire name in the Chinese UI: ${wire}`);
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

