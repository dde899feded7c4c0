/**
 * Commands as their domains declare them (the model: Replicache's named mutators). A declaration
 * names the command type, the resource whose local records it changes, how its payload looks, and
 * its optimistic local effect; the sync layer runs declarations without knowing any domain.
 */
import type { z } from 'zod';
import type { ResourceName } from '../../../platform/contract';
import type { RecordStore } from './record-store';

export interface EffectContext<P = Record<string, unknown>> {
  records: RecordStore;
  type: string;
  entityId: string;
  payload: P;
  /** RFC 3339 (+08:00): the command's issued_at. */
  at: string;
  /** The operator behind the token (GET /v1/me), when known. */
  operatorId: string | null;
}

/**
 * What a command's `subject` may read: the command itself and single text fields of local
 * records, each one primary-key lookup (answers are remembered for the rest of the list).
 */
export interface SubjectContext<P = Record<string, unknown>> {
  type: string;
  entityId: string;
  /** As stored when the command was issued (parsed by its declaration then). */
  payload: P;
  /**
   * A text or id field of the local record `id` of `resource`, as the platform wrote it; null
   * when the cockpit does not hold that record, the field is empty, or `id` is not a string.
   */
  text(resource: ResourceName, id: unknown, field: string): string | null;
}

export interface CommandDeclaration<T extends string = string, P extends Record<string, unknown> = Record<string, unknown>> {
  type: T;
  resource: ResourceName;
  /**
   * The record field that names the entity a command addresses, when it is not `id` (tier
   * overrides are addressed by merchant: SPEC entity_id = merchant id). Pulled records whose
   * guard field names an entity with unacknowledged commands do not overwrite the local copy.
   */
  guardField?: string;
  payload: z.ZodType<P>;
  /**
   * What the user sees at once, inside the transaction that records the command. Keeps the
   * record's version (the server's) so the answer or a later pull replaces it cleanly. Without an
   * effect, the change shows when the platform has applied it.
   */
  effect?(ctx: EffectContext<P>): void;
  /**
   * What the command is about, in words, for the Sync screen: the platform's own name or title
   * of what it addresses (a merchant's name, an alert's title). Untrusted text, returned as is:
   * the renderer shows it as text. Null when the cockpit does not hold the entity. Runs for every
   * listed command, so it reads a field or two through `ctx.text`, nothing more.
   */
  subject?(ctx: SubjectContext<P>): string | null;
}

/** Declares one command; the literal type of `type` is kept so domains can derive their unions. */
export function defineCommand<const T extends string, P extends Record<string, unknown>>(
  declaration: CommandDeclaration<T, P>,
): CommandDeclaration<T, P> {
  return declaration;
}

/**
 * Writes a record from an optimistic effect, validated like a feed record: an effect that would
 * store a malformed record throws, and then neither the command nor the effect is written.
 */
export function writeLocalRecord(ctx: EffectContext<object>, resource: ResourceName, record: Record<string, unknown>): void {
  const problem = ctx.records.writeRecord(resource, record, 'force');
  if (problem) throw new Error(`${ctx.type}: the local effect would store a malformed ${resource} record (${problem})`);
}

/** The local day (YYYY-MM-DD, Asia/Shanghai) of an RFC 3339 +08:00 timestamp such as ctx.at. */
export function localDayOf(at: string): string {
  return at.slice(0, 10);
}

/** Thrown when a command's payload does not match its declaration: nothing is written. */
export class MalformedCommandError extends Error {
  constructor(type: string, problem: string) {
    super(`malformed payload for ${type}: ${problem}`);
    this.name = 'MalformedCommandError';
  }
}

/** All declared commands, looked up by type: what the outbox and the record store run. */
export class CommandRegistry {
  private readonly byType = new Map<string, CommandDeclaration>();
  private readonly guardFields = new Map<string, string>();

  constructor(declarations: readonly CommandDeclaration[]) {
    for (const declaration of declarations) {
      if (this.byType.has(declaration.type)) throw new Error(`command type ${declaration.type} is declared twice`);
      this.byType.set(declaration.type, declaration);
      const guard = declaration.guardField ?? 'id';
      const known = this.guardFields.get(declaration.resource);
      if (known && known !== guard) {
        throw new Error(`commands on ${declaration.resource} disagree on the field that names their entity (${known}, ${guard})`);
      }
      this.guardFields.set(declaration.resource, guard);
    }
  }

  /**
   * A registry that knows only which field names each resource's entity: enough for the sync
   * thread, which sends, settles and guards commands but never issues them (the core thread does,
   * with the declarations' payload schemas and effects, which cannot cross threads).
   */
  static forSettlingOnly(guardFields: Readonly<Record<string, string>>): CommandRegistry {
    const registry = new CommandRegistry([]);
    for (const [resource, field] of Object.entries(guardFields)) registry.guardFields.set(resource, field);
    return registry;
  }

  /** resource → guard field for every resource a command addresses (what forSettlingOnly takes). */
  guardFieldMap(): Record<string, string> {
    return Object.fromEntries(this.guardFields);
  }

  declarationOf(type: string): CommandDeclaration | undefined {
    return this.byType.get(type);
  }

  /** The record field that names the entity commands on `resource` address: `id` unless declared. */
  guardFieldOf(resource: string): string {
    return this.guardFields.get(resource) ?? 'id';
  }

  /** The payload as its declaration parses it; throws MalformedCommandError. */
  parsePayload(type: string, payload: unknown): Record<string, unknown> {
    const declaration = this.byType.get(type);
    if (!declaration) throw new Error(`unknown command type ${type}`);
    const parsed = declaration.payload.safeParse(payload);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
      throw new MalformedCommandError(type, problem);
    }
    return parsed.data;
  }
}
