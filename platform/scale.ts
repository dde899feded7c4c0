/** Data-set sizes per scale. `large` is what the sync benchmark runs against. */
export type ScaleName = 'small' | 'medium' | 'large';
export const SCALE_NAMES: readonly ScaleName[] = ['small', 'medium', 'large'];

export interface ScaleConfig {
  merchants: number;
  metricDays: number; // days of merchant_metrics, ending yesterday
  suppliers: number;
  skus: number; // supply links ≈ 2.2 per SKU
  mentions: number;
  mentionDays: number; // base mentions are spread over this many days
  people: number;
  teams: number;
  kpiDays: number; // per-minute KPI points ending at the start minute
  kpiCategories: number; // level-1 categories with their own KPI series (besides `platform`)
  riskEvents: number;
  alerts: number; // base alerts, each with an incident block of mentions
  liveMentionsPerTick: number;
}

export const SCALES: Readonly<Record<ScaleName, ScaleConfig>> = {
  small: {
    merchants: 2_000, metricDays: 14, suppliers: 200, skus: 500, mentions: 10_000, mentionDays: 14, people: 80, teams: 6,
    kpiDays: 1, kpiCategories: 4, riskEvents: 30, alerts: 40, liveMentionsPerTick: 5,
  },
  medium: {
    merchants: 20_000, metricDays: 30, suppliers: 2_000, skus: 5_000, mentions: 100_000, mentionDays: 30, people: 200, teams: 15,
    kpiDays: 3, kpiCategories: 6, riskEvents: 120, alerts: 200, liveMentionsPerTick: 10,
  },
  large: {
    merchants: 200_000, metricDays: 60, suppliers: 20_000, skus: 50_000, mentions: 1_000_000, mentionDays: 60, people: 500, teams: 40,
    kpiDays: 7, kpiCategories: 8, riskEvents: 400, alerts: 1_000, liveMentionsPerTick: 20,
  },
};
