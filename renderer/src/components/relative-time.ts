import dayjs, { type Dayjs } from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** Up to this long ago a time is "just now". */
const JUST_NOW_MS = 45_000;
/** Up to this far ahead too: the clocks of two machines never agree exactly. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How long ago, in the current dayjs locale ("3 分钟前"); "just now" for the last few seconds and
 * for a time slightly ahead of the local clock (a server's clock a little fast), never "in a few
 * seconds". Returns null for "just now", so the caller words it.
 */
export function agoText(at: Dayjs, now: Dayjs): string | null {
  const ago = now.diff(at);
  return ago < JUST_NOW_MS && ago > -CLOCK_SKEW_MS ? null : at.from(now);
}
