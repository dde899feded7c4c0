/**
 * Text is stored well-formed: a lone UTF-16 surrogate from the platform becomes exactly one U+FFFD
 * on the way into SQLite (not the three that its CESU-8 bytes read back as), in text columns, ids
 * and JSON columns alike, and the export returns `text.toWellFormed()`.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { toWellFormedDeep, wellFormed, wellFormedJson } from './codec';
import { exportRecords } from './export';
import { RecordStore } from './record-store';

const LONE = 'lone \uD800 surrogate';
const LONE_LOW = 'x\uDC00y';
const PAIR = 'emoji 😀 pair';

let temp: ReturnType<typeof makeTempDir>;
let db: OpenedDatabase;

beforeEach(() => {
  temp = makeTempDir('cockpit-text-');
  db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

function alertItem(id: string, version: number, overrides: Record<string, unknown> = {}) {
  return {
    op: 'upsert',
    id,
    version,
    data: {
      id,
      updated_at: '2026-11-11T10:00:00+08:00',
      dedup_key: `dedup ${LONE_LOW}`,
      title: LONE,
      severity: 'P2',
      status: 'open',
      subject_type: 'platform',
      subject_id: null,
      topic: PAIR,
      opened_at: '2026-11-11T09:00:00+08:00',
      sla_due_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
      assignee_id: null,
      resolved_at: null,
      resolution: null,
      mention_ids: ['mn_\uDBFF'],
      mention_count: 1,
      negative_share: 0.5,
      escalation_level: 0,
      comments: [{ author_id: 'pp_1', text: LONE, at: '2026-11-11T09:30:00+08:00' }],
      ...overrides,
    },
  };
}

function applyAlerts(items: unknown[]) {
  const store = new RecordStore(db.sqlite, () => undefined, () => 'id');
  return store.applyPage({ resource: 'alerts', items, nextCursor: 'c1', caughtUp: true, markSeen: false, receivedAt: '2026-11-11T10:00:00+08:00' });
}

describe('well-formed text', () => {
  it('replaces each lone surrogate with one U+FFFD and leaves pairs alone', () => {
    expect(wellFormed(LONE)).toBe('lone \uFFFD surrogate');
    expect(wellFormed('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(wellFormed(PAIR)).toBe(PAIR);
    expect(toWellFormedDeep({ [`k\uD800`]: [LONE, 1, null, { t: LONE_LOW }] })).toEqual({ 'k\uFFFD': ['lone \uFFFD surrogate', 1, null, { t: 'x\uFFFDy' }] });
    expect(wellFormedJson([LONE, PAIR, 'back\\ud800slash'])).toBe(JSON.stringify(['lone \uFFFD surrogate', PAIR, 'back\\ud800slash']));
  });

  it('stores synced text, ids and JSON well-formed, and the export returns text.toWellFormed()', () => {
    const id = 'al_\uD83D';
    const outcome = applyAlerts([alertItem(id, 1)]);
    expect(outcome).toMatchObject({ applied: 1, malformed: 0 });

    // In the file: one EF BF BD per lone surrogate, never a surrogate's own ED Ax/Bx bytes.
    const hex = db.sqlite.prepare('SELECT hex(id) AS id, hex(title) AS title, hex(comments) AS comments FROM alerts').get() as Record<string, string>;
    expect(hex.title).toBe(Buffer.from('lone \uFFFD surrogate').toString('hex').toUpperCase());
    expect(hex.id).toBe(Buffer.from('al_\uFFFD').toString('hex').toUpperCase());
    expect(Buffer.from(hex.comments!, 'hex').toString('utf8')).not.toMatch(/\\ud[89a-f]/i);

    const [record] = [...exportRecords(db.sqlite, 'alerts')];
    expect(record).toMatchObject({
      id: id.toWellFormed(),
      title: LONE.toWellFormed(),
      dedup_key: `dedup ${LONE_LOW}`.toWellFormed(),
      topic: PAIR,
      mention_ids: ['mn_\uFFFD'],
      comments: [{ author_id: 'pp_1', text: LONE.toWellFormed(), at: '2026-11-11T09:30:00+08:00' }],
    });
  });

  it('keeps a quarantined record and its reason well-formed', () => {
    // An unknown op whose quoted form (cut at 40 characters) and whose raw JSON (cut at 64,000)
    // both end inside a surrogate pair.
    const op = `${'a'.repeat(38)}😀`;
    const prefix = JSON.stringify({ op, id: 'al_2', version: 1, pad: '' }).length - 2;
    const pad = `${'b'.repeat(63_999 - prefix)}😀`;
    const outcome = applyAlerts([{ op, id: 'al_2', version: 1, pad }]);
    expect(outcome.malformed).toBe(1);
    const row = db.sqlite.prepare('SELECT hex(reason) AS reason, hex(raw) AS raw FROM quarantined_records').get() as Record<string, string>;
    for (const hex of [row.reason!, row.raw!]) {
      const bytes = Buffer.from(hex, 'hex');
      expect(bytes.toString('utf8').isWellFormed()).toBe(true);
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), 'valid UTF-8').toBe(true);
    }
  });
});
