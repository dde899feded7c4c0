import type { TFunction } from 'i18next';
import { zhCN } from '../i18n/zh-CN';

// Every language has the same keys (en.ts is type-checked against zh-CN), so one is enough to ask.
const known = zhCN.boards.sync.resources;

/** A synced resource (and its local table) in the user's words: 商家经营指标, not merchant_metrics. */
export function resourceLabel(t: TFunction, resource: string): string {
  return Object.prototype.hasOwnProperty.call(known, resource) ? t(`boards.sync.resources.${resource as keyof typeof known}`) : resource;
}
