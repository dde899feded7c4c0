/**
 * Names the user reads instead of wire names: resources, command types, states. Anything the
 * contract may add later and we have no words for yet is shown as it is (never hidden).
 */
import type { TFunction } from 'i18next';
import { zhCN } from '../../i18n/zh-CN';

// Every language has the same keys (en.ts is type-checked against zh-CN), so one is enough to ask.
const known = zhCN.boards.sync;

function has<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(record, key);
}

export { resourceLabel } from '../../components/resource-labels';

export function commandTypeLabel(t: TFunction, type: string): string {
  return has(known.commandTypes, type) ? t(`boards.sync.commandTypes.${type}`) : type;
}

/** A record field's name in words, for the fields an operator compares; others as they are. */
export function fieldLabel(t: TFunction, field: string): string {
  return has(known.fields, field) ? t(`boards.sync.fields.${field}`) : field;
}

/** A value of a record, as plain text: strings as they are, anything else as compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** ETA in words the desk understands: 45 秒 / 3 分 20 秒 / 1 时 5 分. */
export function durationText(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('boards.sync.duration.seconds', { s });
  if (s < 3600) return t('boards.sync.duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('boards.sync.duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}
