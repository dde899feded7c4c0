import { describe, expect, it } from 'vitest';
import { burnUpOption, burnUpPoints, escapeHtml } from './burnup';

const kr = {
  startValue: 48,
  targetValue: 24,
  unit: '<b>小时</b>',
  checkIns: [
    { id: 'c1', value: 40, confidence: 0.6, note: null, authorId: 'p', authorName: null, checkedAt: '2026-01-08T17:00:00+08:00', local: false },
    { id: 'c2', value: 36, confidence: 0.7, note: null, authorId: 'p', authorName: null, checkedAt: '2026-01-15T17:00:00+08:00', local: true },
  ],
};

describe('burn-up', () => {
  it('starts at the start value on the first day; the ideal line runs to the target on the last', () => {
    expect(burnUpPoints(kr, '2026-01-01', '2026-01-31')).toEqual({
      actual: [['2026-01-01', 48], ['2026-01-08', 40], ['2026-01-15', 36]],
      ideal: [['2026-01-01', 48], ['2026-01-31', 24]],
    });
  });

  it('runs the axis the way a decrease KR should move, and escapes the unit in tooltips', () => {
    const option = burnUpOption(kr, '2026-01-01', '2026-01-31', { actual: 'A', ideal: 'I' }, { actual: '#1', ideal: '#2', text: '#3' }) as {
      yAxis: { inverse: boolean; min: number; max: number };
      tooltip: { formatter: (p: unknown[]) => string };
    };
    expect(option.yAxis).toMatchObject({ inverse: true, min: 24, max: 48 });
    const tip = option.tooltip.formatter([{ seriesName: 'A', value: ['2026-01-08', 40] }]);
    expect(tip).toBe('A 2026-01-08: 40 &lt;b&gt;小时&lt;/b&gt;');
    expect(escapeHtml(`<img src=x onerror="a('1')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;');
  });
});
