import { describe, expect, it } from 'vitest';
import { numberText } from './number-format';

describe('numberText', () => {
  it('groups thousands in both languages', () => {
    expect(numberText(28000, 'zh-CN')).toBe('28,000');
    expect(numberText(1234567.891, 'en')).toBe('1,234,567.89');
    expect(numberText(145, 'zh-CN')).toBe('145');
  });

  it('shows a share as a percentage', () => {
    expect(numberText(0.354, 'zh-CN', { unit: 'percent' })).toBe('35%');
    expect(numberText(0.3546, 'en', { unit: 'percent', fractionDigits: 1 })).toBe('35.5%');
  });

  it('keeps a fixed number of decimals when asked, and says nothing for nothing', () => {
    expect(numberText(2000, 'zh-CN', { unit: 'wanYuan', fractionDigits: 1 })).toBe('2,000.0');
    expect(numberText(null, 'zh-CN')).toBe('');
    expect(numberText(undefined, 'en')).toBe('');
    expect(numberText('not a number', 'en')).toBe('not a number');
  });
});
