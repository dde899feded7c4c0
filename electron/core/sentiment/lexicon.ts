/**
 * Loads the hand-written lexicon files of resources/sentiment into one token table, so the
 * analyzer does a single Map lookup per token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TOPICS, type Topic } from './types';

export type ContrastKind = 'adversative' | 'concessive';

/** Everything the lexicon knows about one token; most tokens have one or two fields set. */
export interface TokenEntry {
  polarity?: number;
  negator?: number;
  degree?: number;
  /** Degree words that follow what they intensify (好吃极了, 难吃死了). */
  postDegree?: number;
  /** Degree words that also signal excess (太, 偏, 有点): they turn neutral attributes negative. */
  excessDegree?: boolean;
  /** An attribute that is a complaint after an excess degree word (太辣, 偏小). */
  excessAttribute?: boolean;
  contrast?: { kind: ContrastKind; factor: number };
  /** Aspect groups this word names (物流 → speed). */
  aspectGroups?: string[];
  /** Attribute weight per aspect group (高 → price: -0.9, rating: 1.3). */
  attributeWeights?: Map<string, number>;
  rhetorical?: 'weak' | 'strong';
  /** Says its own polarity whatever stands before it: negation and degree words do not reach an emoji (不怕了😄). */
  standalone?: boolean;
  /** Names how a thing looks or is packed (外观, 包装): praise in its clause weighs less. */
  looks?: boolean;
  topics?: { topic: Topic; weight: number }[];
}

export interface Lexicon {
  tokens: Map<string, TokenEntry>;
  /** Emoticons made of several characters that segmentation would split (":)", "[怒]"). */
  rawEmoticons: { text: string; weight: number }[];
  /** Multi-character words that must stay one token: added to the jieba dictionary. */
  phrases: string[];
}

/**
 * An entry with every field present, so all entries share one hidden class and the analyzer's
 * property reads stay monomorphic (a third of its time went to megamorphic lookups).
 */
export function blankEntry(): TokenEntry {
  return {
    polarity: undefined,
    negator: undefined,
    degree: undefined,
    postDegree: undefined,
    excessDegree: undefined,
    excessAttribute: undefined,
    contrast: undefined,
    aspectGroups: undefined,
    attributeWeights: undefined,
    rhetorical: undefined,
    topics: undefined,
  };
}

const EXCESS_DEGREE_WORDS = new Set(['太', '太过', '过于', '偏', '有点', '有点儿', '有些', '略', '略微', '稍', '稍微', '一点', '有一点', '超', '巨']);

export function loadLexicon(resourcesDir: string): Lexicon {
  const dir = path.join(resourcesDir, 'sentiment');
  const tokens = new Map<string, TokenEntry>();
  const rawEmoticons: { text: string; weight: number }[] = [];
  const entry = (word: string): TokenEntry => {
    let found = tokens.get(word);
    if (!found) {
      found = blankEntry();
      tokens.set(word, found);
    }
    return found;
  };

  for (const [word, weight] of readWeighted(dir, 'polarity.tsv')) entry(word).polarity = weight;
  for (const [word, strength] of readWeighted(dir, 'negators.tsv')) entry(word).negator = strength;
  for (const [word, multiplier] of readWeighted(dir, 'degree.tsv')) {
    const e = entry(word);
    e.degree = multiplier;
    if (EXCESS_DEGREE_WORDS.has(word)) e.excessDegree = true;
  }
  for (const [word, multiplier] of readWeighted(dir, 'post-degree.tsv')) entry(word).postDegree = multiplier;
  for (const fields of readRows(dir, 'contrast.tsv')) {
    const [word, kind, factor] = fields;
    if (!word || (kind !== 'adversative' && kind !== 'concessive')) throw badLine('contrast.tsv', fields);
    entry(word).contrast = { kind, factor: parseNumber(factor, 'contrast.tsv') };
  }
  for (const fields of readRows(dir, 'aspects.tsv')) {
    const [group, aspects, attributes] = fields;
    if (!group || !aspects || !attributes) throw badLine('aspects.tsv', fields);
    for (const aspect of aspects.split(' ').filter(Boolean)) {
      const e = entry(aspect);
      (e.aspectGroups ??= []).push(group);
    }
    for (const pair of attributes.split(' ').filter(Boolean)) {
      const [word, weight] = splitWeight(pair, 'aspects.tsv');
      (entry(word).attributeWeights ??= new Map()).set(group, weight);
    }
  }
  for (const line of readLines(dir, 'excess.txt')) {
    for (const word of line.split(/\s+/).filter(Boolean)) entry(word).excessAttribute = true;
  }
  for (const line of readLines(dir, 'rhetorical.txt')) {
    const strong = line.startsWith('*');
    entry(strong ? line.slice(1) : line).rhetorical = strong ? 'strong' : 'weak';
  }
  // Words that look like a negation or a sentiment word but are neither (是不是, 不知道): kept whole.
  for (const line of readLines(dir, 'neutral.txt')) {
    for (const word of line.split(/\s+/).filter(Boolean)) entry(word.normalize('NFKC').toLowerCase());
  }
  for (const line of readLines(dir, 'looks.txt')) {
    for (const word of line.split(/\s+/).filter(Boolean)) entry(word).looks = true;
  }
  for (const [symbol, weight] of readWeighted(dir, 'emoji.tsv')) {
    // A single code point survives segmentation as its own token; longer emoticons are matched on the raw text.
    if ([...symbol].length === 1) Object.assign(entry(symbol), { polarity: weight, standalone: true });
    else rawEmoticons.push({ text: symbol, weight });
  }
  for (const fields of readRows(dir, 'topics.tsv')) {
    const [topicName, words] = fields;
    if (!topicName || !words || !isTopic(topicName)) throw badLine('topics.tsv', fields);
    for (const item of words.split(' ').filter(Boolean)) {
      const [word, weight] = item.includes(':') ? splitWeight(item, 'topics.tsv') : [item, 1];
      (entry(word).topics ??= []).push({ topic: topicName, weight });
    }
  }

  inheritTopics(tokens);
  const phrases = [...tokens.keys()].filter((word) => [...word].length > 1 && /[\u4e00-\u9fff]/.test(word));
  return { tokens, rawEmoticons, phrases };
}

/**
 * A lexicon phrase stays one token (就坏了, 过敏了, 有划痕), so it would hide the topic keyword
 * inside it: it takes the topics of the longest keyword (two characters or more) it contains.
 */
function inheritTopics(tokens: Map<string, TokenEntry>): void {
  const keywords = [...tokens].filter(([word, entry]) => entry.topics && word.length >= 2).sort((a, b) => b[0].length - a[0].length);
  for (const [word, entry] of tokens) {
    if (entry.topics || word.length < 3) continue;
    const found = keywords.find(([keyword]) => keyword.length < word.length && word.includes(keyword));
    if (found) entry.topics = found[1].topics;
  }
}

function isTopic(name: string): name is Topic {
  return (TOPICS as readonly string[]).includes(name);
}

function readLines(dir: string, file: string): string[] {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new Error(`sentiment lexicon file not found: ${full}`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function readRows(dir: string, file: string): string[][] {
  return readLines(dir, file).map((line) => line.split('\t').map((field) => field.trim()));
}

function readWeighted(dir: string, file: string): [string, number][] {
  return readRows(dir, file).map((fields) => {
    const [word, weight] = fields;
    if (!word || weight === undefined) throw badLine(file, fields);
    return [word.normalize('NFKC').toLowerCase(), parseNumber(weight, file)];
  });
}

function splitWeight(pair: string, file: string): [string, number] {
  const at = pair.lastIndexOf(':');
  const word = pair.slice(0, at);
  if (!word) throw new Error(`bad entry "${pair}" in ${file}`);
  return [word.normalize('NFKC').toLowerCase(), parseNumber(pair.slice(at + 1), file)];
}

function parseNumber(text: string | undefined, file: string): number {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value)) throw new Error(`bad number "${text}" in ${file}`);
  return value;
}

function badLine(file: string, fields: string[]): Error {
  return new Error(`bad line in ${file}: ${fields.join('\\t')}`);
}
