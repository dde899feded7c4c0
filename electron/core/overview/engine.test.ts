import { describe, expect, it } from 'vitest';
import { formatKpiChange, formatKpiValue } from '../api/overview';
import {
  compare,
  comparisonWindows,
  dayFigure,
  placeSparkline,
  type MetricAggregate,
} from './engine';

const at = (text: string) => Date.parse(text);

function aggregate(partial: Partial<MetricAggregate>): MetricAggregate {
  return {
    points: 1, total: 0, mean: 0, orderWeightedTotal: null, orderWeight: null, visitorNumerator: null, visitorDenominator: null,
    ...partial,
  };
}

describe('the comparison windows', () => {
  it('compares today so far with yesterday up to the same minute', () => {
    const windows = comparisonWindows(at('2026-11-11T10:05:00+08:00'));
    expect(windows.today).toEqual({ from: at('2026-11-11T00:00:00+08:00'), to: at('2026-11-11T10:05:00+08:00') });
    expect(windows.yesterday).toEqual({ from: at('2026-11-10T00:00:00+08:00'), to: at('2026-11-10T10:05:00+08:00') });
    expect(windows.minutes).toBe(10 * 60 + 5 + 1);
  });
});

describe('dayFigure', () => {
  it('adds up counters', () => {
    expect(dayFigure('orders', aggregate({ points: 3, total: 60, mean: 20 }))).toBe(60);
    expect(dayFigure('gmv_fen', aggregate({ points: 2, total: 350_000 }))).toBe(350_000);
  });

  it('weighs refund share and delivery hours by orders', () => {
    // 0.1 over 100 orders and 0.2 over 300: (10 + 60) / 400.
    expect(dayFigure('refund_rate', aggregate({ points: 2, mean: 0.15, orderWeightedTotal: 70, orderWeight: 400 }))).toBeCloseTo(0.175, 12);
    expect(dayFigure('avg_delivery_hours', aggregate({ points: 2, mean: 40, orderWeightedTotal: 100 * 30 + 300 * 50, orderWeight: 400 }))).toBe(45);
  });

  it('weighs conversion and payment success by the visitors they imply', () => {
    // 2% of 5,000 visitors = 100 orders, 5% of 6,000 = 300: 400 / 11,000.
    expect(dayFigure('conversion_rate', aggregate({ points: 2, mean: 0.035, visitorNumerator: 400, visitorDenominator: 11_000 }))).toBeCloseTo(400 / 11_000, 12);
  });

  it('falls back to the plain mean without orders, and to null without points', () => {
    expect(dayFigure('refund_rate', aggregate({ points: 2, mean: 0.15, orderWeightedTotal: 0, orderWeight: 0 }))).toBe(0.15);
    expect(dayFigure('conversion_rate', aggregate({ points: 2, mean: 0.03 }))).toBe(0.03);
    expect(dayFigure('orders', undefined)).toBeNull();
    expect(dayFigure('orders', aggregate({ points: 0 }))).toBeNull();
  });
});

describe('compare', () => {
  it('answers the change and its ratio to yesterday', () => {
    expect(compare(120, 100)).toEqual({ delta: 20, changeRatio: 0.2 });
    expect(compare(5, 0)).toEqual({ delta: 5, changeRatio: null });
    expect(compare(null, 3)).toEqual({ delta: null, changeRatio: null });
    expect(compare(3, null)).toEqual({ delta: null, changeRatio: null });
  });
});

describe('placeSparkline', () => {
  it('puts each value at its minute and leaves gaps empty', () => {
    expect(placeSparkline([{ minute: 0, value: 4 }, { minute: 2, value: 6 }, { minute: 9, value: 1 }, { minute: -1, value: 1 }], 4)).toEqual([4, null, 6, null]);
  });
});

describe('formatKpiValue', () => {
  it('reads money in 万/亿 yuan and counts in 万, as Chinese operations staff do', () => {
    expect(formatKpiValue('gmv_fen', 32_500_000_000)).toBe('3.25亿元');
    expect(formatKpiValue('gmv_fen', 12_345_600)).toBe('12.35万元');
    expect(formatKpiValue('gmv_fen', 98_700)).toBe('987元');
    expect(formatKpiValue('orders', 8_000)).toBe('8,000');
    expect(formatKpiValue('orders', 56_000)).toBe('5.60万');
    expect(formatKpiValue('conversion_rate', 0.0345)).toBe('3.45%');
    expect(formatKpiValue('avg_delivery_hours', 36.25)).toBe('36.3 小时');
    expect(formatKpiValue('orders', null)).toBe('—');
  });

  it('uses ¥ and B/M/k in English', () => {
    expect(formatKpiValue('gmv_fen', 32_500_000_000, 'en')).toBe('¥325.00M');
    expect(formatKpiValue('orders', 56_000, 'en')).toBe('56.00k');
    expect(formatKpiValue('avg_delivery_hours', 36.25, 'en')).toBe('36.3 h');
  });

  it('writes changes in % for counters and percentage points for rates', () => {
    expect(formatKpiChange('orders', { delta: 20, changeRatio: 0.2 })).toBe('+20.0%');
    expect(formatKpiChange('refund_rate', { delta: -0.0012, changeRatio: -0.03 })).toBe('−0.12个百分点');
    expect(formatKpiChange('refund_rate', { delta: 0.0012, changeRatio: 0.03 }, 'en')).toBe('+0.12 pt');
    expect(formatKpiChange('avg_delivery_hours', { delta: 1.25, changeRatio: 0.03 })).toBe('+1.3 小时');
    expect(formatKpiChange('orders', { delta: 5, changeRatio: null })).toBe('—');
  });
});
