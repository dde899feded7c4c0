import { describe, expect, it } from 'vitest';
import { i18n, registerBoardMessages } from './index';
import { zhCN } from './zh-CN';

// What a board does beside its messages: this types useTranslation('test-board') and t's keys.
declare module './index' {
  interface BoardMessages {
    'test-board': { title: string; count: string };
    'test-board-2': { title: string };
  }
}

describe('registerBoardMessages', () => {
  it('adds a board’s words in both languages under its own namespace', async () => {
    registerBoardMessages('test-board', { 'zh-CN': { title: '测试看板', count: '共 {{count}} 项' }, en: { title: 'Test board', count: '{{count}} items' } });
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('title', { ns: 'test-board' })).toBe('测试看板');
    expect(i18n.t('count', { ns: 'test-board', count: 3 })).toBe('共 3 项');
    await i18n.changeLanguage('en');
    expect(i18n.t('title', { ns: 'test-board' })).toBe('Test board');
    // The shell's own words are untouched.
    expect(i18n.t('app.title')).toBe('Ops Cockpit');
  });

  it('replaces a board’s words when registered again', async () => {
    registerBoardMessages('test-board-2', { 'zh-CN': { title: '旧' }, en: { title: 'old' } });
    registerBoardMessages('test-board-2', { 'zh-CN': { title: '新' }, en: { title: 'new' } });
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('title', { ns: 'test-board-2' })).toBe('新');
  });

  it('refuses the shell’s namespace', () => {
    expect(() => registerBoardMessages('translation' as never, { 'zh-CN': {}, en: {} } as never)).toThrow(/namespace of its own/);
  });
});

/** Latin words allowed in the Chinese UI: names of things the desk calls by their Latin name. */
const ALLOWED_LATIN = new Set(['OKR', 'O', 'KR', 'SKU', 'KPI', 'CSV', 'GMV', 'ID', 'http', 'https', 'platform', 'example', 'com', 'Enter', 'Esc', 'P1', 'P2', 'P3', 'English', 'PDF', 'Excel']);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('the Chinese messages', () => {
  it('hold no English words (placeholders and known acronyms aside)', () => {
    const english = strings(zhCN)
      .map((text) => text.replace(/\{\{\w+\}\}/g, ''))
      .flatMap((text) => text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])
      .filter((word) => !ALLOWED_LATIN.has(word));
    expect(english).toEqual([]);
  });
});
