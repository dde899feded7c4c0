/**
 * One shape per record: the field lists the sync engine validates with (resources.ts) agree with
 * the SPEC's zod schemas (platform/contract.ts) and with the SQLite tables (db/schema), and the
 * enums the renderer sees through electron/core/api are the SPEC's.
 */
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as schema from '../../../db/schema';
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_SUBJECT_TYPES, RECORD_SCHEMAS, RESOURCES } from '../../../platform/contract';
import * as api from '../api';
import { RESOURCE_FIELDS, type FieldSpec } from './resources';

const RECORD_BASE = ['id', 'version', 'updated_at'];

function tableNamed(name: string) {
  for (const value of Object.values(schema)) {
    if (value instanceof SQLiteTable && getTableConfig(value).name === name) return getTableConfig(value);
  }
  return null;
}

/** A value the field's kind accepts, to probe the zod schema with. */
function sampleOf(field: FieldSpec): unknown {
  switch (field.kind) {
    case 'id': return 'x_1';
    case 'text': return '文本';
    case 'date': return '2026-11-11';
    case 'timestamp': return '2026-11-11T10:00:00+08:00';
    case 'enum': return field.values[0];
    case 'int': return field.min ?? 1;
    case 'number': return field.positive ? 1 : (field.min ?? 0);
    case 'bool': return true;
    case 'json': return [];
  }
}

describe('record mapping', () => {
  it.each(RESOURCES)('%s: the field list matches the SPEC schema, in order', (resource) => {
    const shape = (RECORD_SCHEMAS[resource] as z.ZodObject).shape;
    expect([...RECORD_BASE, ...RESOURCE_FIELDS[resource].map((f) => f.name)]).toEqual(Object.keys(shape));
  });

  it.each(RESOURCES)('%s: each field accepts what its kind says, null only where nullable, only its enum values', (resource) => {
    const shape = (RECORD_SCHEMAS[resource] as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const field of RESOURCE_FIELDS[resource]) {
      const zod = shape[field.name]!;
      expect(zod.safeParse(sampleOf(field)).success, `${resource}.${field.name} accepts a ${field.kind}`).toBe(true);
      expect(zod.safeParse(null).success, `${resource}.${field.name} nullable`).toBe(field.nullable === true);
      if (field.kind === 'enum') {
        for (const value of field.values) expect(zod.safeParse(value).success, `${resource}.${field.name} = ${value}`).toBe(true);
        expect(zod.safeParse('not-a-known-value').success).toBe(false);
      }
      if (field.kind === 'int') expect(zod.safeParse(1.5).success, `${resource}.${field.name} is an integer`).toBe(false);
    }
  });

  // A column may accept null where the SPEC requires a value (harmless), never the other way round:
  // a NOT NULL column for a nullable field would quarantine valid records.
  it.each(RESOURCES)('%s: the SQLite table has exactly these columns, NOT NULL only where the field is required', (resource) => {
    const table = tableNamed(resource);
    expect(table, `a drizzle table named ${resource}`).not.toBeNull();
    const columns = table!.columns.map((c) => c.name);
    expect(columns).toEqual([...RECORD_BASE, ...RESOURCE_FIELDS[resource].map((f) => f.name)]);
    for (const field of RESOURCE_FIELDS[resource]) {
      const column = table!.columns.find((c) => c.name === field.name)!;
      if (field.nullable) expect(column.notNull, `${resource}.${field.name} accepts null`).toBe(false);
    }
  });

  it('the enums the renderer sees are the SPEC enums', () => {
    expect(api.ALERT_STATUSES).toEqual(ALERT_STATUSES);
    expect(api.ALERT_SEVERITIES).toEqual(ALERT_SEVERITIES);
    expect(api.ALERT_SUBJECT_TYPES).toEqual(ALERT_SUBJECT_TYPES);
  });
});
