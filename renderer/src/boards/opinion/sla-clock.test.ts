import { describe, expect, it } from 'vitest';
import { countdownText, minuteOf, slaView } from './sla-clock';

const opened = '2026-11-11T10:00:00+08:00';
const due = '2026-11-11T12:00:00+08:00';
const at = (hhmm: string) => Date.parse(`2026-11-11T${hhmm}:00+08:00`);

describe('slaView', () => {
  it('counts down to the due time, warns at 90 minutes, breaches at 2 hours, stops at response', () => {
    expect(slaView({ status: 'open', openedAt: opened, slaDueAt: due }, at('11:29'))).toEqual({ state: 'on_track', msLeft: 31 * 60_000 });
    expect(slaView({ status: 'acknowledged', openedAt: opened, slaDueAt: due }, at('11:30')).state).toBe('warning');
    expect(slaView({ status: 'open', openedAt: opened, slaDueAt: due }, at('12:00'))).toEqual({ state: 'breached', msLeft: 0 });
    expect(slaView({ status: 'responding', openedAt: opened, slaDueAt: due }, at('13:00'))).toEqual({ state: 'responded', msLeft: null });
  });

  it('keeps an alert’s own due time (a 24-hour P3 warns at 18 hours)', () => {
    expect(slaView({ status: 'open', openedAt: opened, slaDueAt: '2026-11-12T10:00:00+08:00' }, Date.parse('2026-11-12T03:59:00+08:00')).state).toBe('on_track');
    expect(slaView({ status: 'open', openedAt: opened, slaDueAt: '2026-11-12T10:00:00+08:00' }, Date.parse('2026-11-12T04:00:00+08:00')).state).toBe('warning');
  });

  it('formats the countdown and the query minute', () => {
    expect(countdownText(3_909_000)).toBe('1:05:09');
    expect(countdownText(-61_000)).toBe('0:01:01');
    expect(countdownText(86_399_000)).toBe('23:59:59');
    expect(countdownText(-(254 * 3_600_000 + 50 * 60_000))).toBe('10 天 14 小时');
    expect(countdownText(86_400_000, 'en')).toBe('1 d 0 h');
    expect(minuteOf(Date.parse('2026-11-11T02:03:59.999Z'))).toBe('2026-11-11T02:03:00.000Z');
  });
});
