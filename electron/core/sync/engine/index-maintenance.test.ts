/**
 * Bulk-write WAL tuning and deferred indexes, on a real SQLite file opened as the app opens it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../../db/open';
import { makeTempDir, recordingLogger } from '../../../testing/temp-dir';
import { BULK_WAL_AUTOCHECKPOINT_PAGES, IndexMaintenance } from './index-maintenance';

let temp: ReturnType<typeof makeTempDir>;
let db: OpenedDatabase;

beforeEach(() => {
  temp = makeTempDir('cockpit-indexes-');
  db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
});
afterEach(() => {
  if (db.sqlite.open) db.close();
  temp.cleanup();
});

function autocheckpoint(): number {
  return Number(db.sqlite.pragma('wal_autocheckpoint', { simple: true }));
}

function indexesOf(table: string): string[] {
  return db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table) as string[];
}

describe('bulk writes', () => {
  it('raise wal_autocheckpoint while any phase is open and restore the original after the last one', () => {
    expect(autocheckpoint()).toBe(1000); // SQLite's default, as openDatabase leaves it
    const maintenance = new IndexMaintenance(db.sqlite, recordingLogger());
    maintenance.beginBulkWrites();
    expect(autocheckpoint()).toBe(BULK_WAL_AUTOCHECKPOINT_PAGES);
    maintenance.beginBulkWrites(); // the other lane
    maintenance.endBulkWrites();
    expect(autocheckpoint()).toBe(BULK_WAL_AUTOCHECKPOINT_PAGES); // one phase still open
    maintenance.endBulkWrites();
    expect(autocheckpoint()).toBe(1000);
  });

  it('restore a setting the database had before, not the default', () => {
    db.sqlite.pragma('wal_autocheckpoint = 300');
    const maintenance = new IndexMaintenance(db.sqlite, recordingLogger());
    maintenance.beginBulkWrites();
    expect(autocheckpoint()).toBe(BULK_WAL_AUTOCHECKPOINT_PAGES);
    maintenance.endBulkWrites();
    expect(autocheckpoint()).toBe(300);
    // A second bulk phase starts from the restored value again.
    maintenance.beginBulkWrites();
    maintenance.endBulkWrites();
    expect(autocheckpoint()).toBe(300);
  });

  it('leave checkpoints switched off, or already rarer than the bulk setting, as they are', () => {
    const maintenance = new IndexMaintenance(db.sqlite, recordingLogger());
    for (const setting of [0, 50_000]) {
      db.sqlite.pragma(`wal_autocheckpoint = ${setting}`);
      maintenance.beginBulkWrites();
      expect(autocheckpoint()).toBe(setting);
      maintenance.endBulkWrites();
      expect(autocheckpoint()).toBe(setting);
    }
  });

  it('only log when the pragma cannot be changed', () => {
    const logger = recordingLogger();
    const maintenance = new IndexMaintenance(db.sqlite, logger);
    db.close();
    expect(() => maintenance.beginBulkWrites()).not.toThrow();
    expect(() => maintenance.endBulkWrites()).not.toThrow();
    expect(logger.lines.filter((l) => l.message === 'could not change wal_autocheckpoint')).toHaveLength(2);
  });
});

describe('deferred indexes', () => {
  const TABLE = 'mentions';

  it('a first bootstrap into an empty table drops its indexes; catching up builds them again', async () => {
    const before = indexesOf(TABLE);
    expect(before).toEqual(['mentions_by_merchant', 'mentions_by_published']);
    const logger = recordingLogger();
    const maintenance = new IndexMaintenance(db.sqlite, logger);
    await maintenance.prepareIndexesForPull(TABLE, true);
    expect(indexesOf(TABLE)).toEqual(['mentions_by_published']);
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'bootstrapping an empty table: indexes are built when it is caught up' }));
    await maintenance.restoreTableIndexes(TABLE);
    expect(indexesOf(TABLE)).toEqual(before);
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'indexes built', details: expect.objectContaining({ indexes: ['mentions_by_merchant'] }) }));
  });

  it('any other pull first restores what a crashed bootstrap left missing', async () => {
    const before = indexesOf(TABLE);
    db.sqlite.exec('DROP INDEX mentions_by_merchant');
    await new IndexMaintenance(db.sqlite, recordingLogger()).prepareIndexesForPull(TABLE, false);
    expect(indexesOf(TABLE)).toEqual(before);
  });

  it('builds one index at a time and lets another writer in between', async () => {
    db.sqlite.exec('DROP INDEX mentions_by_merchant; DROP INDEX mentions_by_published');
    const other = new Database(db.sqlite.name);
    try {
      other.pragma('busy_timeout = 0');
      const building = new IndexMaintenance(db.sqlite, recordingLogger()).restoreTableIndexes(TABLE);
      // The first index is built; the second waits while a user action takes its turn.
      expect(indexesOf(TABLE)).toEqual(['mentions_by_published']);
      other.exec('BEGIN IMMEDIATE');
      other.exec("INSERT INTO settings (key, value, updated_at) VALUES ('between-builds', '1', 'now')");
      other.exec('COMMIT');
      await building;
      expect(indexesOf(TABLE)).toEqual(['mentions_by_merchant', 'mentions_by_published']);
    } finally {
      other.close();
    }
  });

  it('restoring with nothing missing builds nothing and says nothing', async () => {
    const logger = recordingLogger();
    await new IndexMaintenance(db.sqlite, logger).restoreTableIndexes(TABLE);
    expect(logger.lines).toEqual([]);
  });
});
