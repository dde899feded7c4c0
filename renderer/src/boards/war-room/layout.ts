/**
 * The war room's pure logic: the fixed design canvas scaled to the screen, the panel playlist,
 * how old the data is, and the sparkline geometry. No React, no DOM: unit-tested on their own.
 */
import { LOWER_IS_BETTER, METRIC_AGGREGATION, type KpiMetric, type NorthStar } from '../../../../electron/core/api/overview';

/** Everything is laid out at 1920×1080 and scaled as one picture, so a big screen shows what the design shows. */
export const CANVAS_WIDTH = 1920;
export const CANVAS_HEIGHT = 1080;

export interface CanvasFit {
  scale: number;
  /** Offsets that centre the scaled canvas (letterboxing when the aspect differs). */
  left: number;
  top: number;
}

/** The largest scale at which the whole canvas fits the window, centred. */
export function fitCanvas(width: number, height: number): CanvasFit {
  const scale = Math.max(0.01, Math.min(width / CANVAS_WIDTH, height / CANVAS_HEIGHT));
  return { scale, left: (width - CANVAS_WIDTH * scale) / 2, top: (height - CANVAS_HEIGHT * scale) / 2 };
}

/** A panel of the playlist: the platform's figures, the category table, or one category's figures. */
export type Panel = { kind: 'platform' } | { kind: 'categories' } | { kind: 'scope'; scope: string; name: string };

export function playlistOf(northStar: NorthStar | undefined): Panel[] {
  const categories = (northStar?.scopes ?? []).filter((s) => s.scope !== 'platform');
  return [
    { kind: 'platform' },
    ...(categories.length > 0 ? [{ kind: 'categories' } as const] : []),
    ...categories.map((s) => ({ kind: 'scope', scope: s.scope, name: s.name ?? s.scope }) as const),
  ];
}

export function panelKey(panel: Panel): string {
  return panel.kind === 'scope' ? `scope:${panel.scope}` : panel.kind;
}

export interface PlaylistState {
  index: number;
  paused: boolean;
}

export type PlaylistAction = { type: 'next' | 'previous'; length: number } | { type: 'toggle' };

/** Moves through the playlist, wrapping at both ends; a manual move keeps the pause as it is. */
export function playlistReducer(state: PlaylistState, action: PlaylistAction): PlaylistState {
  switch (action.type) {
    case 'toggle':
      return { ...state, paused: !state.paused };
    case 'next':
      return { ...state, index: action.length > 0 ? (state.index + 1) % action.length : 0 };
    case 'previous':
      return { ...state, index: action.length > 0 ? (state.index - 1 + action.length) % action.length : 0 };
  }
}

/** Settings from the address (`#/war-room?interval=20&stale=120`), clamped to sane bounds. */
export function warRoomConfig(search: URLSearchParams): { intervalSeconds: number; staleSeconds: number } {
  const number = (name: string, fallback: number, min: number, max: number) => {
    const raw = Number(search.get(name));
    return search.has(name) && Number.isFinite(raw) ? Math.min(max, Math.max(min, raw)) : fallback;
  };
  return { intervalSeconds: number('interval', 20, 3, 3600), staleSeconds: number('stale', 60, 5, 86_400) };
}

/** Whole seconds since the data was last received; null before the first answer. */
export function ageSeconds(receivedAt: number, now: number): number | null {
  return receivedAt > 0 ? Math.max(0, Math.floor((now - receivedAt) / 1000)) : null;
}

/** Good, bad or flat news: a rise of a lower-is-better figure is bad. */
export function trend(metric: KpiMetric, delta: number | null): 'good' | 'bad' | 'flat' {
  if (delta === null || delta === 0) return 'flat';
  const rising = delta > 0;
  return rising !== LOWER_IS_BETTER.has(metric) ? 'good' : 'bad';
}

export const MINUTES_PER_DAY = 1440;
/** The window of the moving mean that smooths per-minute rates on the sparklines. */
export const RATE_SMOOTHING_MINUTES = 15;

/**
 * The sparkline's points on a width×height box spanning the whole day: counters as their
 * running total (so the daily target is a line to reach), rates as a 15-minute moving mean. The y-range takes in
 * the target so its line is always on the chart.
 */
export function sparklineGeometry(
  metric: KpiMetric,
  values: readonly (number | null)[],
  target: number | null,
  width: number,
  height: number,
): { points: string; targetY: number | null } {
  const cumulative = METRIC_AGGREGATION[metric] === 'sum';
  const series: { minute: number; value: number }[] = [];
  let running = 0;
  const recent: number[] = [];
  values.forEach((value, minute) => {
    if (value === null) return;
    running += value;
    // Rates jitter minute to minute: a moving mean shows the trend a screen across the room can read.
    recent.push(value);
    if (recent.length > RATE_SMOOTHING_MINUTES) recent.shift();
    series.push({ minute, value: cumulative ? running : recent.reduce((a, b) => a + b, 0) / recent.length });
  });
  if (series.length === 0) return { points: '', targetY: null };
  const all = [...series.map((p) => p.value), ...(target !== null ? [target] : [])];
  const max = Math.max(...all);
  const min = cumulative ? 0 : Math.min(...all);
  const span = max - min || 1;
  const y = (v: number) => Math.round((height - ((v - min) / span) * height) * 10) / 10;
  const x = (minute: number) => Math.round((minute / (MINUTES_PER_DAY - 1)) * width * 10) / 10;
  return {
    points: series.map((p) => `${x(p.minute)},${y(p.value)}`).join(' '),
    targetY: target !== null ? y(target) : null,
  };
}

/** Progress of today's figure against its target, for the ring under each number; null without one. */
export function targetProgress(metric: KpiMetric, today: number | null, target: number | null): number | null {
  if (today === null || target === null || target === 0) return null;
  // For lower-is-better figures, being at or under target is 100%.
  return LOWER_IS_BETTER.has(metric) ? Math.min(1, target / Math.max(today, Number.EPSILON)) : today / target;
}

