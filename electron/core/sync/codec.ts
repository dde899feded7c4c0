/**
 * Fast validation + row mapping of feed records. One pass per record over a precompiled field
 * list writes positional SQL parameters into a reused array: no zod, no per-row objects. The rules
 * are the zod schemas' (platform/contract.ts), plus "no null in a NOT NULL column" so that a record
 * the schema tolerates but SQLite would refuse cannot fail the whole page's transaction.
 */
import { z } from 'zod';
import type { FieldSpec } from './resources';

const DATE_PATTERN = z.regexes.date;
const TIMESTAMP_PATTERN = z.regexes.datetime({ offset: true });

type Check = (value: unknown) => string | null; // reason, or null when valid

declare global {
  // ES2024 string methods (Node 20 has them; the project's lib is ES2023).
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/**
 * The text with each lone UTF-16 surrogate replaced by one U+FFFD. SQLite would otherwise store
 * the surrogate's CESU-8 bytes, which read back as three U+FFFD. The common case costs one scan.
 */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/** A JSON value with every string (keys too) made well-formed; the value itself when none needed it. */
export function toWellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map(toWellFormedDeep) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[wellFormed(key)] = toWellFormedDeep(item);
    return out as T;
  }
  return value;
}

/**
 * JSON.stringify for a database column: JSON.stringify writes a lone surrogate as a `\udXXX`
 * escape (and only then: pairs are written as they are), which JSON.parse would bring back.
 */
export function wellFormedJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\ud') ? JSON.stringify(toWellFormedDeep(value)) : json;
}

export interface RecordCodec {
  readonly resource: string;
  /** Column names in parameter order: id, version, updated_at, then the data fields. */
  readonly columns: readonly string[];
  readonly fields: readonly FieldSpec[];
  /**
   * Validates `data` and writes params[0..] = id, version, updated_at, fields…
   * Returns null when valid, else the reason (params are then garbage).
   */
  encode(id: string, version: number, data: Record<string, unknown>, params: unknown[]): string | null;
  /** SQL row (column → value) back to SPEC JSON values: JSON parsed, booleans true/false. */
  decodeValue(field: FieldSpec, value: unknown): unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNumberRange(n: number, spec: { min?: number; max?: number; positive?: boolean }): string | null {
  if (spec.min !== undefined && n < spec.min) return `below ${spec.min}`;
  if (spec.max !== undefined && n > spec.max) return `above ${spec.max}`;
  if (spec.positive && !(n > 0)) return 'not positive';
  return null;
}

function checkJsonItem(items: string, value: unknown): boolean {
  switch (items) {
    case 'text':
      return typeof value === 'string';
    case 'id':
      return typeof value === 'string' && value.length > 0;
    case 'certification':
      return isPlainObject(value) && typeof value.type === 'string' && typeof value.expires_on === 'string' && DATE_PATTERN.test(value.expires_on);
    case 'comment':
      return (
        isPlainObject(value) &&
        typeof value.author_id === 'string' &&
        value.author_id.length > 0 &&
        typeof value.text === 'string' &&
        typeof value.at === 'string' &&
        TIMESTAMP_PATTERN.test(value.at)
      );
    default:
      return false;
  }
}

function compileCheck(spec: FieldSpec): Check {
  switch (spec.kind) {
    case 'id':
      return (v) => (typeof v === 'string' && v.length > 0 ? null : 'expected a non-empty id');
    case 'text':
      return (v) => (typeof v === 'string' ? null : 'expected text');
    case 'date':
      return (v) => (typeof v === 'string' && DATE_PATTERN.test(v) ? null : 'expected a YYYY-MM-DD date');
    case 'timestamp':
      return (v) => (typeof v === 'string' && TIMESTAMP_PATTERN.test(v) ? null : 'expected an RFC 3339 timestamp');
    case 'enum': {
      const allowed = new Set(spec.values);
      return (v) => (typeof v === 'string' && allowed.has(v) ? null : `expected one of ${spec.values.join('|')}`);
    }
    case 'int':
      return (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? checkNumberRange(v, spec) : 'expected an integer');
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? checkNumberRange(v, spec) : 'expected a number');
    case 'bool':
      return (v) => (typeof v === 'boolean' ? null : 'expected true/false');
    case 'json':
      return (v) => {
        if (!Array.isArray(v)) return 'expected an array';
        if (spec.maxItems !== undefined && v.length > spec.maxItems) return `more than ${spec.maxItems} items`;
        for (const item of v) if (!checkJsonItem(spec.items, item)) return `bad array item ${JSON.stringify(item)?.slice(0, 80)}`;
        return null;
      };
  }
}

/**
 * @param notNullColumns the table's NOT NULL columns (from PRAGMA table_info): a null there is
 *   malformed even where the contract allows it, because SQLite would refuse the row.
 */
export function createRecordCodec(resource: string, fields: readonly FieldSpec[], notNullColumns: ReadonlySet<string>): RecordCodec {
  const names = fields.map((field) => field.name);
  const checks = fields.map(compileCheck);
  const nullable = fields.map((field) => field.nullable === true && !notNullColumns.has(field.name));
  const optional = fields.map((field, i) => field.optional === true && nullable[i]);
  const isJson = fields.map((field) => field.kind === 'json');
  const isBool = fields.map((field) => field.kind === 'bool');
  // Enums, dates and timestamps are checked against ASCII patterns; free text and ids may hold anything.
  const isText = fields.map((field) => field.kind === 'text' || field.kind === 'id');
  const count = fields.length;

  function encode(id: string, version: number, data: Record<string, unknown>, params: unknown[]): string | null {
    const updatedAt = data.updated_at;
    if (typeof updatedAt !== 'string' || !TIMESTAMP_PATTERN.test(updatedAt)) return 'updated_at: expected an RFC 3339 timestamp';
    params[0] = wellFormed(id);
    params[1] = version;
    params[2] = updatedAt;
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = data[name];
      if (value === null || value === undefined) {
        if (value === null ? nullable[i] : optional[i]) {
          params[i + 3] = null;
          continue;
        }
        return `${name}: ${value === undefined ? 'missing' : 'null not allowed'}`;
      }
      const reason = (checks[i] as Check)(value);
      if (reason !== null) return `${name}: ${reason}`;
      params[i + 3] = isText[i] ? wellFormed(value as string) : isJson[i] ? wellFormedJson(value) : isBool[i] ? (value ? 1 : 0) : value;
    }
    return null;
  }

  function decodeValue(field: FieldSpec, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (field.kind === 'json') return JSON.parse(String(value));
    if (field.kind === 'bool') return value === 1 || value === 1n || value === true;
    return value;
  }

  return { resource, columns: ['id', 'version', 'updated_at', ...names], fields, encode, decodeValue };
}
