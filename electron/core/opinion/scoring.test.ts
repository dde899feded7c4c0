import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { createSentimentEngine, defaultResourcesDir, type SentimentEngine } from '../sentiment';
import { platformTopicOf, scoreMentions, sentimentModelVersion, textKeyOf } from './scoring';
import { MentionScoringService } from './scoring-service';

let engine: SentimentEngine;
beforeAll(() => {
  engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
});

const TEXTS = {
  milk: '奶粉有异味，孩子喝了拉肚子，太恶心了',
  slow: '物流太慢了，等了一个星期还没到',
  good: '质量很好，非常满意',
  fraud: '骗子商家，收了钱不发货',
};

describe('scoreMentions', () => {
  it("stores the model's verdict with the platform's topic names and the words behind it", () => {
    const [milk, good] = scoreMentions(
      [{ id: 'mn_1', version: 3, text: TEXTS.milk }, { id: 'mn_2', version: 1, text: TEXTS.good }],
      engine.score, 'v1',
    );
    expect(milk).toMatchObject({ mentionId: 'mn_1', mentionVersion: 3, modelVersion: 'v1', label: 'negative', topic: 'food_safety', labelSource: 'model', topicWords: ['拉肚子'] });
    expect(milk!.drivers.map((d) => d.text)).toContain('拉肚子');
    expect(good).toMatchObject({ label: 'positive', topic: null, labelSource: 'model' });
  });

  it("lets an operator's label win: the platform's label on the mention, or a relabel of a near-duplicate text", () => {
    const labels = new Map([[textKeyOf('质量很好，非常满意！！'), { label: 'negative' as const, topic: 'false_advertising' }]]);
    const [copy, labelled] = scoreMentions(
      [{ id: 'mn_1', version: 1, text: ' 质量很好 非常满意 😀' }, { id: 'mn_2', version: 1, text: TEXTS.fraud, label: 'neutral', topic: null }],
      engine.score, 'v1', labels,
    );
    expect(copy).toMatchObject({ label: 'negative', topic: 'false_advertising', labelSource: 'operator' });
    expect(copy!.score).toBeGreaterThan(0); // the model's own score stays for calibration
    expect(labelled).toMatchObject({ label: 'neutral', topic: null, labelSource: 'operator' });
  });

  it('keys texts by letters and digits only', () => {
    expect(textKeyOf('＃好评＃ 质量 很好!!')).toBe('好评质量很好');
    expect(textKeyOf('   ')).toBe('');
    expect(platformTopicOf('safety')).toBe('food_safety');
    expect(platformTopicOf('fraud')).toBe('fraud');
  });

  it('versions the model by its resource files', () => {
    const version = sentimentModelVersion(defaultResourcesDir());
    expect(version).toMatch(/^sentiment-[0-9a-f]{12}$/);
    expect(sentimentModelVersion(defaultResourcesDir())).toBe(version);
  });
});

describe('MentionScoringService', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let opened: OpenedDatabase;
  const at = () => new Date('2026-11-11T04:00:00Z');

  function addMention(id: string, text: string, version = 1): void {
    opened.sqlite
      .prepare(
        `INSERT INTO mentions (id, version, updated_at, source, text, published_at, reach) VALUES (?, ?, '2026-11-11T12:00:00+08:00', 'weibo', ?, '2026-11-11T11:00:00+08:00', 10)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, text = excluded.text`,
      )
      .run(id, version, text);
  }

  function stored(id: string) {
    return opened.sqlite.prepare(`SELECT mention_version, model_version, label, topic, label_source, scored_at FROM mention_scores WHERE mention_id = ?`).get(id);
  }

  beforeEach(() => {
    temp = makeTempDir();
    opened = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  });
  afterEach(() => {
    opened.close();
    temp.cleanup();
  });

  it('scores unscored mentions in batches and resumes where it stopped', () => {
    addMention('mn_b', TEXTS.slow);
    addMention('mn_a', TEXTS.milk);
    addMention('mn_c', TEXTS.good);
    const service = new MentionScoringService(opened.sqlite, { score: engine.score, modelVersion: 'v1' }, at);
    expect(service.progress()).toEqual({ modelVersion: 'v1', scored: 0, total: 3, caughtUp: false });

    expect(service.scorePending({ batchSize: 2, maxBatches: 1 })).toEqual({ modelVersion: 'v1', scored: 2, total: 3, caughtUp: false });
    // In arrival order (rowid), not id order.
    expect(stored('mn_b')).toEqual({ mention_version: 1, model_version: 'v1', label: 'negative', topic: 'logistics', label_source: 'model', scored_at: '2026-11-11T12:00:00+08:00' });
    expect(stored('mn_c')).toBeUndefined();

    addMention('mn_d', TEXTS.fraud);
    expect(service.scorePending({ batchSize: 2 })).toEqual({ modelVersion: 'v1', scored: 4, total: 4, caughtUp: true });
    expect(stored('mn_d')).toMatchObject({ label: 'negative', topic: 'fraud' });
    expect(service.scorePending()).toMatchObject({ scored: 4, caughtUp: true });
  });

  it('rescores everything when the model version changes', () => {
    addMention('mn_a', TEXTS.milk);
    addMention('mn_b', TEXTS.good);
    new MentionScoringService(opened.sqlite, { score: engine.score, modelVersion: 'v1' }, at).scorePending();
    const v2 = new MentionScoringService(opened.sqlite, { score: engine.score, modelVersion: 'v2' }, at);
    expect(v2.progress()).toEqual({ modelVersion: 'v2', scored: 0, total: 2, caughtUp: false });
    expect(v2.scorePending({ batchSize: 1, maxBatches: 1 })).toMatchObject({ scored: 1, caughtUp: false });
    expect(v2.scorePending()).toMatchObject({ scored: 2, caughtUp: true });
    expect(stored('mn_b')).toMatchObject({ model_version: 'v2' });
  });

  it("applies operators' relabels of the same text to new copies", () => {
    opened.sqlite
      .prepare(`INSERT INTO mention_labels (mention_id, label, topic, text_key, text, labelled_at) VALUES ('mn_x', 'negative', 'quality', ?, ?, '2026-11-11T10:00:00+08:00')`)
      .run(textKeyOf(TEXTS.good), TEXTS.good);
    addMention('mn_copy', `${TEXTS.good}！`);
    new MentionScoringService(opened.sqlite, { score: engine.score, modelVersion: 'v1' }, at).scorePending();
    expect(stored('mn_copy')).toMatchObject({ label: 'negative', topic: 'quality', label_source: 'operator' });
  });
});
