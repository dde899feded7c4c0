/**
 * Why a record was kept aside, in the user's words. The core's reasons are terse English for
 * support (`rating_avg: above 5`, `op: unknown "merge"`): each known shape becomes a sentence with
 * the field's name in words; anything else is shown as the core wrote it. The raw reason stays in
 * the record's details for support.
 */
import type { TFunction } from 'i18next';
import type { zhCN } from '../../i18n/zh-CN';
import { fieldLabel } from './labels';

type ReasonKey = keyof typeof zhCN.boards.sync.reasons;
type Problem = { key: ReasonKey; values?: Record<string, string> };

const EXACT: Record<string, ReasonKey> = {
  missing: 'missing',
  'null not allowed': 'nullNotAllowed',
  'expected a non-empty id': 'expectedId',
  'expected text': 'expectedText',
  'expected a YYYY-MM-DD date': 'expectedDate',
  'expected an RFC 3339 timestamp': 'expectedTimestamp',
  'expected an integer': 'expectedInteger',
  'expected an integer ≥ 1': 'expectedPositiveInteger',
  'expected a number': 'expectedNumber',
  'expected true/false': 'expectedBoolean',
  'expected an array': 'expectedArray',
  'expected an object': 'expectedObject',
  'not positive': 'notPositive',
};

const PATTERNS: [RegExp, ReasonKey, string[]][] = [
  [/^expected one of (.+)$/, 'expectedOneOf', ['values']],
  [/^below (.+)$/, 'below', ['limit']],
  [/^above (.+)$/, 'above', ['limit']],
  [/^more than (\d+) items$/, 'tooManyItems', ['limit']],
  [/^bad array item (.*)$/s, 'badItem', ['item']],
  [/^unknown (.*)$/s, 'unknownOp', ['op']],
];

const WHOLE: Record<string, ReasonKey> = {
  'item is not an object': 'notAnObject',
  'data.id differs from the item id': 'idMismatch',
};

function problemOf(text: string): Problem | null {
  const exact = EXACT[text];
  if (exact) return { key: exact };
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { key, values: Object.fromEntries(names.map((name, k) => [name, (match[k + 1] ?? '').replace(/\|/g, ' / ')])) };
  }
  return null;
}

/** The reason in words, or null when its shape is unknown (then show the core's text as it is). */
export function quarantineReasonText(t: TFunction, reason: string): string | null {
  // The keys are checked (ReasonKey); the values are the reason's own pieces, whatever their names.
  const say = (key: ReasonKey, values?: Record<string, string>): string => (t as unknown as (key: string, values?: Record<string, string>) => string)(`boards.sync.reasons.${key}`, values);
  const whole = WHOLE[reason];
  if (whole) return say(whole);
  if (reason.startsWith('unserialisable: ')) return say('unreadable');
  const colon = reason.indexOf(': ');
  if (colon <= 0) return null;
  const field = reason.slice(0, colon);
  if (!/^[a-z_][a-z0-9_.]*$/.test(field)) return null;
  const problem = problemOf(reason.slice(colon + 2));
  if (!problem) return null;
  return say('fieldProblem', { field: fieldLabel(t, field), problem: say(problem.key, problem.values) });
}
