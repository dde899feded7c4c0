/**
 * How a big feed's bootstrap is made cheaper to write: the WAL is checkpointed less often while
 * it runs (bulk writes, nestable: the two pull lanes may both be in one), and the secondary
 * indexes of an empty table are built once it is caught up (deferred-indexes.ts explains why).
 *
 * State owned here: how many bulk phases are open and the wal_autocheckpoint to restore after
 * the last one.
 */
import type Database from 'better-sqlite3';
import { buildIndex, deferIndexesIfEmpty, missingIndexes } from '../deferred-indexes';
import type { SyncLogger } from './run';

/**
 * WAL pages between automatic checkpoints while a big feed bootstraps (default 1000 = 4 MB).
 * Each checkpoint copies the WAL into the database and fsyncs both files; a 5000-row page dirties
 * a few hundred pages (thousands where an index is kept), so with the default every few
 * transactions paid a checkpoint and its fsyncs. With 100 MB of WAL between checkpoints a page
 * rewritten by several transactions is copied once, and the fsyncs are rare. A checkpoint then
 * takes a few hundred ms inside one commit (the worker's event loop waits, the UI thread does not).
 */
export const BULK_WAL_AUTOCHECKPOINT_PAGES = 25_000;

export class IndexMaintenance {
  private bulkDepth = 0;
  private normalAutocheckpoint = 1000;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly logger: SyncLogger,
  ) {}

  /** Bulk phases (a big feed bootstrapping) checkpoint the WAL less often; nested, restored at the end. */
  beginBulkWrites(): void {
    try {
      if (this.bulkDepth++ > 0) return;
      this.normalAutocheckpoint = Number(this.sqlite.pragma('wal_autocheckpoint', { simple: true }));
      // 0 (checkpoints off) and a setting already above ours are the user's choice: left alone.
      if (this.normalAutocheckpoint > 0 && this.normalAutocheckpoint < BULK_WAL_AUTOCHECKPOINT_PAGES) {
        this.sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
      }
    } catch (error) {
      this.warnPragmaFailed(error);
    }
  }

  /** Ends one bulk phase; the last one to end restores the original wal_autocheckpoint. */
  endBulkWrites(): void {
    try {
      if (--this.bulkDepth === 0) this.sqlite.pragma(`wal_autocheckpoint = ${this.normalAutocheckpoint}`);
    } catch (error) {
      this.warnPragmaFailed(error);
    }
  }

  private warnPragmaFailed(error: unknown): void {
    this.logger.warn({ err: error }, 'could not change wal_autocheckpoint');
  }

  /**
   * Before a big feed's pull. A first bootstrap into an empty table builds the secondary indexes
   * at the end; anything else (catch-up, resuming after a crash or a stop) first restores what is
   * missing.
   */
  async prepareIndexesForPull(resource: string, firstBootstrap: boolean): Promise<void> {
    const deferred = firstBootstrap ? deferIndexesIfEmpty(this.sqlite, resource) : 0;
    if (deferred > 0) this.logger.info({ resource, indexes: deferred }, 'bootstrapping an empty table: indexes are built when it is caught up');
    else await this.restoreTableIndexes(resource);
  }

  /**
   * Builds whichever of the table's schema indexes are missing (after a deferred bootstrap), one
   * at a time with a pause between them: a user action waiting for the lock goes between two
   * builds instead of waiting for all of them.
   */
  async restoreTableIndexes(resource: string): Promise<void> {
    const started = performance.now();
    const built: string[] = [];
    for (const definition of missingIndexes(this.sqlite, resource)) {
      if (built.length > 0) await pause(INDEX_BUILD_GAP_MS);
      buildIndex(this.sqlite, definition);
      built.push(definition.name);
    }
    if (built.length > 0) this.logger.info({ resource, indexes: built, ms: Math.round(performance.now() - started) }, 'indexes built');
  }
}

/** Longer than the longest pause of a write turn waiting for the lock (db/write-turn.ts: 50 ms). */
const INDEX_BUILD_GAP_MS = 75;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
