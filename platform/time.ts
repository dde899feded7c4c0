/** Time helpers. The platform lives in Asia/Shanghai (+08:00, no DST), so a fixed offset is exact. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * HOUR_MS;

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const dayPrefixes = new Map<number, string>(); // Shanghai day number -> "YYYY-MM-DDT"

/** RFC 3339 with +08:00, second precision: 2026-11-11T10:00:00+08:00. Hot (every generated record): no Date per call. */
export function formatTs(ms: number): string {
  const local = Math.floor(ms / 1000) + OFFSET_MS / 1000; // seconds, Shanghai wall clock
  const day = Math.floor(local / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 100_000) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const secondOfDay = local - day * 86_400;
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay - hour * 3600) / 60);
  const second = secondOfDay - hour * 3600 - minute * 60;
  return `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}+08:00`;
}

/** Business date (YYYY-MM-DD) in Asia/Shanghai for an instant. */
export function formatDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of the Shanghai day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** Parses an RFC 3339 timestamp or a YYYY-MM-DD date (taken as Shanghai midnight); NaN if invalid. */
export function parseInstant(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return Number.NaN;
  return Date.parse(text);
}

/** Hour of day (0–23) in Shanghai. */
export function hourOfDay(ms: number): number {
  return Math.floor(((ms + OFFSET_MS) % DAY_MS) / HOUR_MS);
}
