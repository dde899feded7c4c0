/**
 * What each listed command is about, in words: its declaration's `subject`, run for every entry
 * of one outbox list. A subject reads single text fields of local records, each one primary-key
 * lookup, remembered for the rest of the list (ten commands on one alert read its title once).
 * A subject that throws names nothing for that entry; the failure is logged once per command type
 * and list, never swallowed, and never breaks the list.
 */
import type Database from 'better-sqlite3';
import type { ResourceName } from '../../../platform/contract';
import type { CommandRegistry, SubjectContext } from './commands';
import { RESOURCE_FIELDS } from './resources';

export interface SubjectLogger {
  error(obj: object, msg: string): void;
}

interface Subjectable {
  id: string;
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
}

export class SubjectReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly registry: CommandRegistry,
    private readonly logger: SubjectLogger,
  ) {}

  /** One subject per entry, in order: null when its declaration names none or the entity is not held locally. */
  subjectsOf(entries: readonly Subjectable[]): (string | null)[] {
    const remembered = new Map<string, string | null>();
    const text: SubjectContext['text'] = (resource, id, field) => {
      if (typeof id !== 'string' || id.length === 0) return null;
      const key = `${resource}\u0000${field}\u0000${id}`;
      const known = remembered.get(key);
      if (known !== undefined) return known;
      const value: unknown = this.statementFor(resource, field).get(id);
      const found = typeof value === 'string' && value.length > 0 ? value : null;
      remembered.set(key, found);
      return found;
    };
    const failures = new Map<string, { commandId: string; count: number; error: unknown }>();
    const subjects = entries.map((entry) => {
      const declaration = this.registry.declarationOf(entry.type);
      if (!declaration?.subject) return null;
      try {
        const subject: unknown = declaration.subject({ type: entry.type, entityId: entry.entityId, payload: entry.payload, text });
        return typeof subject === 'string' && subject.length > 0 ? subject : null;
      } catch (error) {
        const failure = failures.get(entry.type);
        if (failure) failure.count++;
        else failures.set(entry.type, { commandId: entry.id, count: 1, error });
        return null;
      }
    });
    for (const [type, failure] of failures) {
      this.logger.error(
        { type, commandId: failure.commandId, commands: failure.count, err: failure.error },
        'could not name what a command is about; the outbox shows it without a subject',
      );
    }
    return subjects;
  }

  /** `SELECT <field> FROM <resource> WHERE id = ?`, for text and id fields of synced records only. */
  private statementFor(resource: ResourceName, field: string): Database.Statement {
    const key = `${resource}\u0000${field}`;
    const existing = this.statements.get(key);
    if (existing) return existing;
    const spec = (RESOURCE_FIELDS[resource] as (typeof RESOURCE_FIELDS)[ResourceName] | undefined)?.find((candidate) => candidate.name === field);
    if (!spec || (spec.kind !== 'text' && spec.kind !== 'id')) throw new Error(`${resource}.${field} is not a text field of a synced record`);
    // Both names come from RESOURCE_FIELDS (checked above), never from a command's payload.
    const statement = this.sqlite.prepare(`SELECT "${field}" FROM "${resource}" WHERE id = ?`).pluck();
    this.statements.set(key, statement);
    return statement;
  }
}
