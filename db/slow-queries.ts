import type Database from 'better-sqlite3';
import type { DbLogger } from './logger';

const TIMED_METHODS = new Set(['run', 'get', 'all']);
const CHAINING_METHODS = new Set(['raw', 'pluck', 'expand', 'safeIntegers', 'bind']);

/**
 * Logs every statement that takes longer than `thresholdMs`. We wrap `prepare` rather than
 * sprinkle timers through the code so that drizzle's queries are covered too.
 */
export function logSlowQueries(db: Database.Database, logger: DbLogger, thresholdMs = 50): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => timeStatement(prepare(source), source, logger, thresholdMs)) as typeof db.prepare;
}

function timeStatement<S extends object>(statement: S, sql: string, logger: DbLogger, thresholdMs: number): S {
  const proxy: S = new Proxy(statement, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (CHAINING_METHODS.has(property)) {
        return (...args: unknown[]) => {
          (value as (...a: unknown[]) => unknown).apply(target, args);
          return proxy;
        };
      }
      if (!TIMED_METHODS.has(property)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const started = performance.now();
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          const ms = performance.now() - started;
          if (ms > thresholdMs) logger.warn({ ms: Math.round(ms), sql: sql.slice(0, 500) }, 'slow query');
        }
      };
    },
  });
  return proxy;
}
