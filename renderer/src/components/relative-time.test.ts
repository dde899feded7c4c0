import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import zhCn from 'dayjs/locale/zh-cn';
import { agoText } from './relative-time';

const now = dayjs('2026-11-11T10:00:00+08:00');

describe('agoText', () => {
  it('calls a time a few seconds ahead of the local clock "just now", not "in a few seconds"', () => {
    expect(agoText(now.add(3, 'second'), now)).toBeNull();
    expect(agoText(now.add(90, 'second'), now)).toBeNull();
    expect(agoText(now.subtract(10, 'second'), now)).toBeNull();
  });

  it('says how long ago otherwise, in the current locale', () => {
    dayjs.locale(zhCn);
    expect(agoText(dayjs(now.valueOf()).subtract(3, 'minute'), now)).toBe('3 分钟前');
    dayjs.locale('en');
    expect(agoText(dayjs(now.valueOf()).subtract(2, 'hour'), now)).toBe('2 hours ago');
  });

  it('still says a far-future time is in the future: that is a clock problem worth seeing', () => {
    dayjs.locale('en');
    expect(agoText(dayjs(now.valueOf()).add(2, 'hour'), now)).toBe('in 2 hours');
  });
});
