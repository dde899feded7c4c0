/**
 * The sync layer's public entry: what domains may import (lint-enforced). Domains declare their
 * commands here and issue them through the engine; everything else in sync/ is internal.
 */
export { defineCommand, localDayOf, writeLocalRecord, CommandRegistry, MalformedCommandError } from './commands';
export type { CommandDeclaration, EffectContext, SubjectContext } from './commands';
export type { SyncEngine } from './engine';
export type { SyncHandle } from './handle';
export { UNACKED_STATES } from './outbox';
