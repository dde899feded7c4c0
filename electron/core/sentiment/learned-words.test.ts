import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from './analyzer';
import { createAnalyzer, createSentimentEngine } from './engine';
import { fitLearnedWords, parseLearnedWords, PairWeights, serializeLearnedWords, type LearnedWords } from './learned-words';
import { defaultResourcesDir } from './resources-dir';
import { fitSentimentModel, withLearnedWords, writeSentimentModel } from './training';

/**
 * Hand-written hotel-ish reviews: 推荐 marks praise, 蟑螂 and 投诉 complaints; 地毯 (carpet), a word
 * no lexicon calls good or bad, turns up only in complaints; 早餐 in praise, but 没有早餐 in complaints.
 */
const POSITIVE = ['推荐这家，房间干净', '很推荐，早餐丰富', '干净，推荐', '推荐！早餐丰富', '早餐好，会推荐给朋友', '值得推荐，早餐可口'];
const NEGATIVE = ['房间有蟑螂，地毯脏', '没有早餐，有蟑螂', '投诉也没用，没有早餐', '蟑螂在地毯上爬', '地毯一股味，投诉', '没有早餐，地毯旧'];
const TEXTS = [...POSITIVE, ...NEGATIVE];
const LABELS: (0 | 1)[] = [...POSITIVE.map(() => 1 as const), ...NEGATIVE.map(() => 0 as const)];
const LOOSE = { minCount: 2, minWeight: 0.5 };

let analyze: (text: string) => Analysis;
let analyses: Analysis[];
let model: LearnedWords;
beforeAll(() => {
  analyze = createAnalyzer(defaultResourcesDir());
  analyses = TEXTS.map((text) => analyze(text));
  model = fitLearnedWords(analyses, LABELS, LOOSE);
});

const weightOf = (words: LearnedWords, feature: string): number | undefined => {
  const line = serializeLearnedWords(words, [])
    .split('\n')
    .find((row) => row.split('\t')[0] === feature);
  return line === undefined ? undefined : Number(line.split('\t')[1]);
};

describe('fitting learned words', () => {
  it('learns which words mark which class', () => {
    expect(weightOf(model, '推荐')).toBeGreaterThan(1);
    expect(weightOf(model, '蟑螂')).toBeLessThan(-1);
    expect(weightOf(model, '投诉')).toBeLessThan(-1);
  });

  it('counts a word inside a negation apart: 没有早餐 is not 早餐', () => {
    expect(weightOf(model, '¬早餐')).toBeLessThan(-1);
    expect(weightOf(model, '没有|¬早餐')).toBeLessThan(-1);
    expect(weightOf(model, '早餐')).toBeGreaterThan(1);
  });

  it('marks pairs at the start of a clause', () => {
    expect(weightOf(model, '^|推荐')).toBeGreaterThan(0);
  });

  it('drops weak and rare features', () => {
    expect(weightOf(fitLearnedWords(analyses, LABELS, { minCount: 2, minWeight: 5 }), '推荐')).toBeUndefined();
    expect(weightOf(fitLearnedWords(analyses, LABELS, { minCount: 50, minWeight: 0 }), '推荐')).toBeUndefined();
  });

  it('drops a word that two sets read opposite ways, and only then', () => {
    // 安静 is praise in the first set (a quiet room) and a complaint in the second (a dead restaurant).
    const first = ['很安静，舒服', '安静，推荐', '房间安静', '安静整洁', '吵死了', '太吵', '隔音差', '很吵'];
    const second = ['店里很安静，没人吃', '安静得吓人，难吃', '安静，菜凉了', '难吃', '好吃', '很好吃', '好吃，推荐', '味道好'];
    const texts = [...first, ...second].map((text) => analyze(text));
    const labels: (0 | 1)[] = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    const domains = [...first.map(() => 0), ...second.map(() => 1)];
    const loose = { minCount: 2, minWeight: 0 };
    expect(weightOf(fitLearnedWords(texts, labels, loose), '安静')).toBeDefined();
    expect(weightOf(fitLearnedWords(texts, labels, loose, domains), '安静')).toBeUndefined();
    expect(weightOf(fitLearnedWords(texts, labels, loose, domains), '好吃')).toBeGreaterThan(0);
  });

  it('refuses a set with one class only', () => {
    expect(() => fitLearnedWords(analyses.slice(0, 6), LABELS.slice(0, 6), LOOSE)).toThrow(/both positive and negative/);
  });
});

describe('scoring with learned words', () => {
  it('scores a text in the engine exactly as the fitting code does', () => {
    const withWords = createAnalyzer(defaultResourcesDir(), model);
    for (const text of [...TEXTS, '不推荐这家，蟑螂太多。投诉无门', '推荐推荐推荐', '', '完全无关的一句话']) {
      const engineSide = withWords(text);
      const fittingSide = withLearnedWords(analyze(text), model);
      expect(engineSide.learned?.score).toBeCloseTo(fittingSide.learned?.score ?? NaN, 5);
      expect(engineSide.dense).toEqual(fittingSide.dense);
    }
  });

  it('names the strongest learned feature', () => {
    const analysis = createAnalyzer(defaultResourcesDir(), model)('有蟑螂');
    expect(analysis.learned?.strongest).toContain('蟑螂');
    expect(analysis.learned?.strongestWeight).toBeLessThan(-1);
  });

  it('survives a round trip through the file format', () => {
    const parsed = parseLearnedWords(serializeLearnedWords(model, ['test']), 'memory');
    for (const text of TEXTS) {
      expect(withLearnedWords(analyze(text), parsed).learned?.score).toBeCloseTo(withLearnedWords(analyze(text), model).learned?.score ?? NaN, 3);
    }
  });

  it('rejects a damaged file with the line that is wrong', () => {
    expect(() => parseLearnedWords('not the header\n好\t1\n', 'f.tsv')).toThrow(/f\.tsv: not a/);
    expect(() => parseLearnedWords('# ops-cockpit-sentiment-learned-words/1\n好\tabc\n', 'f.tsv')).toThrow(/bad line 2/);
    expect(() => parseLearnedWords('# ops-cockpit-sentiment-learned-words/1\na|b|c\t1\n', 'f.tsv')).toThrow(/bad feature on line 2/);
  });
});

describe('the pair table', () => {
  it('finds what was stored and gives NaN for the rest', () => {
    const table = new PairWeights(5000);
    for (let key = 0; key < 5000; key++) table.set(key * 7919, key / 10);
    for (let key = 0; key < 5000; key++) expect(table.get(key * 7919)).toBeCloseTo(key / 10, 4);
    expect(table.get(3)).toBeNaN();
    expect(table.size).toBe(5000);
    expect([...table.entries()]).toHaveLength(5000);
  });
});

describe('building and loading a model', () => {
  it('writes the files the engine loads, and the engine then uses the learned words', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentiment-model-'));
    const many = Array.from({ length: 8 }, () => analyses).flat();
    const labels = Array.from({ length: 8 }, () => LABELS).flat();
    const built = fitSentimentModel([{ analyses: many, labels }], ['hand-written']);
    expect(built.calibration.weights.learnedWords).toBeGreaterThan(0);
    const [calibrationFile, learnedWordsFile] = writeSentimentModel(built, dir, 'a test');
    expect(fs.readFileSync(learnedWordsFile as string, 'utf8')).toContain('地毯');
    const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir(), calibrationFile, learnedWordsFile });
    const withoutWords = createSentimentEngine({ resourcesDir: defaultResourcesDir(), calibrationFile, learnedWordsFile: null });
    // No lexicon word here: only the learned words can tell.
    expect(engine.score('地毯').label).toBe('negative');
    expect(engine.score('地毯').drivers.map((driver) => driver.text)).toEqual(['地毯']);
    expect(withoutWords.score('地毯').label).toBe('neutral');
  });
});
