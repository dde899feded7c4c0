/**
 * Asia/Shanghai (UTC+8, no daylight saving) as the platform writes it: the one place the core
 * turns an instant into the platform's timestamp or local day.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** RFC 3339 to the second, `+08:00`: `2026-11-11T10:00:00+08:00`. */
export function shanghaiTimestamp(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The local day, `YYYY-MM-DD`. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start (epoch ms) of the local day that holds `ms`. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** `YYYY-MM-DD HH:mm`: the as-of stamp of packs, printed pages and exported sheets. */
export function shanghaiMinute(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
