import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, recordingLogger } from '../electron/testing/temp-dir';
import { DatabaseCorruptError, openDatabase } from './open';
import { queueRescuedCommands, readUnconfirmedCommands } from './rescue';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir()));
afterEach(() => temp.cleanup());

const STATES = ['pending', 'sent', 'done', 'conflict', 'rejected', 'resolved'] as const;

/** A database whose outbox holds one command per state, written first, then a big table after it. */
function databaseWithOutbox(file: string, filler = 0): void {
  const opened = openDatabase({ file, logger: recordingLogger() });
  const insert = opened.sqlite.prepare(
    `INSERT INTO outbox_commands (id, type, resource, entity_id, base_version, payload, issued_at, state, attempts)
     VALUES (?, 'alert.comment', 'alerts', ?, NULL, ?, '2026-12-03T10:00:00+08:00', ?, 1)`,
  );
  STATES.forEach((state, i) => insert.run(`cmd_${state}`, `al_${i}`, JSON.stringify({ text: `第${i}条` }), state));
  const note = opened.sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '2026-12-03')`);
  opened.sqlite.transaction(() => {
    for (let i = 0; i < filler; i++) note.run(`filler.${i}`, 'x'.repeat(400));
  })();
  opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  opened.close();
}

describe('rescuing unconfirmed commands from a damaged database', () => {
  it('reads the commands the platform has not confirmed out of a file damaged after them, and queues them again', () => {
    const damaged = path.join(temp.dir, 'damaged.sqlite');
    databaseWithOutbox(damaged, 5_000);
    // Damage the second half of the file: the outbox's pages, written first, stay readable.
    const bytes = fs.readFileSync(damaged);
    bytes.fill(0x5a, Math.floor(bytes.length / 2));
    fs.writeFileSync(damaged, bytes);
    expect(() => openDatabase({ file: damaged, logger: recordingLogger() })).toThrow(DatabaseCorruptError);

    const read = readUnconfirmedCommands(damaged);
    expect(read.commands.map((c) => c.id)).toEqual(['cmd_pending', 'cmd_sent', 'cmd_conflict']);
    expect(read.commands[0]).toMatchObject({ type: 'alert.comment', resource: 'alerts', entity_id: 'al_0', payload: '{"text":"第0条"}', attempts: 1 });

    const fresh = openDatabase({ file: path.join(temp.dir, 'fresh.sqlite'), logger: recordingLogger() });
    expect(queueRescuedCommands(fresh.sqlite, read.commands)).toBe(3);
    // Queued again whole, in their order; a second rescue of the same commands adds nothing.
    expect(fresh.sqlite.prepare('SELECT id, state FROM outbox_commands ORDER BY seq').all()).toEqual([
      { id: 'cmd_pending', state: 'pending' },
      { id: 'cmd_sent', state: 'sent' },
      { id: 'cmd_conflict', state: 'conflict' },
    ]);
    expect(queueRescuedCommands(fresh.sqlite, read.commands)).toBe(0);
    fresh.close();
  });

  it('says why when the file cannot be read at all, and rescues nothing', () => {
    const garbage = path.join(temp.dir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database'.repeat(500));
    const read = readUnconfirmedCommands(garbage);
    expect(read.commands).toEqual([]);
    expect(read.problem).toMatch(/not a database/);
  });
});
