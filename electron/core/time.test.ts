import { describe, expect, it } from 'vitest';
import { shanghaiDay, shanghaiDayStart, shanghaiMinute, shanghaiTimestamp } from './time';

const at = (text: string) => Date.parse(text);

describe('Asia/Shanghai time', () => {
  it('starts the day at 00:00 +08:00, whatever offset the instant was written in', () => {
    expect(shanghaiDayStart(at('2026-11-11T00:30:00+08:00'))).toBe(at('2026-11-11T00:00:00+08:00'));
    expect(shanghaiDayStart(at('2026-11-10T16:30:00Z'))).toBe(at('2026-11-11T00:00:00+08:00'));
    expect(shanghaiDayStart(at('2026-11-10T23:59:59+08:00'))).toBe(at('2026-11-10T00:00:00+08:00'));
    expect(shanghaiDay(at('2026-11-10T16:00:00Z'))).toBe('2026-11-11');
    expect(shanghaiTimestamp(at('2026-11-10T16:05:00Z'))).toBe('2026-11-11T00:05:00+08:00');
    expect(shanghaiMinute(at('2026-11-10T16:05:59Z'))).toBe('2026-11-11 00:05');
  });
});
