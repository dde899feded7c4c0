import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { makeTempDir } from '../electron/testing/temp-dir';
import { connectDatabase } from './open';
import { WriteTurnTimeoutError, writeTurn } from './write-turn';

let temp: ReturnType<typeof makeTempDir>;
let core: Database.Database;
/** Stands for the sync thread: another connection to the same file, holding the write lock. */
let sync: Database.Database;

beforeEach(() => {
  temp = makeTempDir();
  const file = path.join(temp.dir, 'turns.sqlite');
  core = connectDatabase(file);
  sync = connectDatabase(file);
  core.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  core.pragma('busy_timeout = 60000');
});
afterEach(() => {
  core.close();
  sync.close();
  temp.cleanup();
});

const notes = () => core.prepare('SELECT text FROM notes ORDER BY id').pluck().all();
const insert = (text: string) => core.prepare('INSERT INTO notes (text) VALUES (?)').run(text);

/** Holds the write lock on the "sync" connection for `ms`, as a long index build does. */
function holdLock(ms: number): Promise<void> {
  sync.exec('BEGIN IMMEDIATE');
  sync.exec("INSERT INTO notes (text) VALUES ('sync')");
  return new Promise((resolve) =>
    setTimeout(() => {
      sync.exec('COMMIT');
      resolve();
    }, ms),
  );
}

describe('writeTurn', () => {
  it('waits for the lock without blocking the thread: reads and timers go on meanwhile', async () => {
    const released = holdLock(400);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(notes().length), 20);
    const turn = writeTurn(core, () => insert('user action'));
    await released;
    await turn;
    clearInterval(timer);
    // Reads on the waiting connection were answered all along, from the last committed state.
    expect(ticks.length).toBeGreaterThan(8);
    expect(ticks[0]).toBe(0);
    expect(notes()).toEqual(['sync', 'user action']);
    // The connection's own timeout is back for writes outside a turn.
    expect(core.pragma('busy_timeout', { simple: true })).toBe(60000);
  });

  it('writes the work whole or not at all: its own transactions are savepoints of the turn', async () => {
    await expect(
      writeTurn(core, () => {
        core.transaction(() => insert('first'))();
        insert('second');
        throw new Error('the action failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(notes()).toEqual([]);
    expect(core.inTransaction).toBe(false);

    const value = await writeTurn(core, () => {
      core.transaction(() => insert('kept'))();
      return 42;
    });
    expect(value).toBe(42);
    expect(notes()).toEqual(['kept']);
  });

  it('gives up after its longest wait with a clear error, having changed nothing', async () => {
    const released = holdLock(300);
    const error = await writeTurn(core, () => insert('late'), { maxWaitMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteTurnTimeoutError);
    expect((error as Error).message).toMatch(/nothing was changed/);
    await released;
    expect(notes()).toEqual(['sync']);
  });

  it('lets several turns wait at once, each written in the order the lock came free to it', async () => {
    const released = holdLock(150);
    const turns = ['a', 'b', 'c'].map((text) => writeTurn(core, () => insert(text)));
    await released;
    await Promise.all(turns);
    expect(notes().slice().sort()).toEqual(['a', 'b', 'c', 'sync']);
  });

  it('commits the synchronous part of work that goes on after an await', async () => {
    let resume: () => void = () => undefined;
    const turn = writeTurn(core, async () => {
      insert('before the await');
      await new Promise<void>((resolve) => (resume = resolve));
      insert('after the await');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(core.inTransaction).toBe(false);
    expect(sync.prepare('SELECT text FROM notes').pluck().all()).toEqual(['before the await']);
    resume();
    await turn;
    expect(notes()).toEqual(['before the await', 'after the await']);
  });

  it('joins a transaction already open on the connection instead of beginning one', async () => {
    core.exec('BEGIN IMMEDIATE');
    await writeTurn(core, () => insert('inside'));
    expect(core.inTransaction).toBe(true);
    core.exec('ROLLBACK');
    expect(notes()).toEqual([]);
  });
});
