/**
 * How a method is declared in the contract. Each domain declares its methods with these two
 * helpers in a file of its own (electron/core/api/<domain>.ts); contract.ts merges them.
 * Imports nothing but zod, so that the renderer can import it too.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** `read` methods change nothing: a read-only token (war-room screens) may call only these. */
  access: 'read' | 'write';
  /** The answer is computed from synced records: the renderer refreshes it after the sync applies data. */
  readsSyncedData: boolean;
}

/** A method that changes nothing. `synced: true` when its answer depends on synced records. */
export function query<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: { synced?: boolean } = {},
): MethodSpec<I, O> {
  return { input, output, access: 'read', readsSyncedData: options.synced ?? false };
}

/** A method that changes local state (a setting, or an outbox command with its local effect). */
export function mutation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output, access: 'write', readsSyncedData: false };
}

export type MethodMap = Record<string, MethodSpec>;
