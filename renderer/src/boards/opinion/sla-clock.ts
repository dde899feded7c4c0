/**
 * The SLA countdown as the queue shows it, from the page's clock (so a test's controlled clock
 * drives it): the same rule as the core (electron/core/opinion/sla.ts): due at `slaDueAt`, warning
 * at three quarters of the span from opening (90 of 120 minutes), breached at the due time, over
 * once the response started.
 */
import type { SlaState } from '../../../../electron/core/api';

const WAITING_FOR_RESPONSE = new Set(['open', 'acknowledged']);
const WARNING_FRACTION = 90 / 120;

export interface SlaView {
  state: SlaState;
  /** Milliseconds to the due time (negative once breached); null once responded. */
  msLeft: number | null;
}

export function slaView(alert: { status: string; openedAt: string; slaDueAt: string }, nowMs: number): SlaView {
  if (!WAITING_FOR_RESPONSE.has(alert.status)) return { state: 'responded', msLeft: null };
  const openedMs = Date.parse(alert.openedAt);
  const dueMs = Date.parse(alert.slaDueAt);
  const msLeft = dueMs - nowMs;
  const warningAt = openedMs + (dueMs - openedMs) * WARNING_FRACTION;
  return { state: msLeft <= 0 ? 'breached' : nowMs >= warningAt ? 'warning' : 'on_track', msLeft };
}

const DAY_SECONDS = 86_400;

/**
 * 1:05:09 — hours, minutes, seconds of a span (its absolute value). From a day on, days and hours
 * ("10 天 14 小时"): nobody reads 254:50:19 at a glance, and seconds no longer matter.
 */
export function countdownText(ms: number, language = 'zh-CN'): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  if (total >= DAY_SECONDS) {
    const days = Math.floor(total / DAY_SECONDS);
    const hours = Math.floor((total % DAY_SECONDS) / 3600);
    return language === 'en' ? `${days} d ${hours} h` : `${days} 天 ${hours} 小时`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** The instant sent with queue queries: the page's clock to the minute, so the query key changes once a minute. */
export function minuteOf(nowMs: number): string {
  return new Date(Math.floor(nowMs / 60_000) * 60_000).toISOString();
}
