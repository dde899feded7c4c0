/**
 * Learned word evidence: how much more often a word, or a pair of neighbouring words, appears in
 * positive than in negative reviews (naive-Bayes log-count ratios), words inside a negation's
 * reach counted apart (¬好 is not 好). The rules know the language; these numbers know the
 * vocabulary of reviews that no hand-written lexicon lists (蟑螂, 投诉, 下次还). The calibration
 * decides how far to trust them, under a strong prior, so on unfamiliar text the rules lead.
 *
 * One walk (`FeatureTally`) turns a text's words into integer feature keys, for fitting and for
 * scoring alike, so the two cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LEARNED_WORDS_FILE = path.join('sentiment', 'learned-words.tsv');
export const LEARNED_WORDS_FORMAT = '# ops-cockpit-sentiment-learned-words/1';

/** Word marks in an analysis: the word is inside a negation's reach, or begins a clause. */
export const MARK_NEGATED = 1;
export const MARK_CLAUSE_START = 2;

/**
 * At most this many words: pair keys (prev × (2V + 1) + current, with 2V + 1 < 2^15) then stay
 * small integers, which a Map hashes without allocating.
 */
export const MAX_VOCABULARY = 16_000;
const NEGATED_PREFIX = '¬';
const PAIR_SEPARATOR = '|';
const CLAUSE_START = '^';

export interface LearnedWords {
  /** Word → id, ids dense from 0. */
  vocabulary: Map<string, number>;
  words: string[];
  /** Weight by unigram key (id × 2 + negated). */
  unigrams: Float32Array;
  /** Weight by pair key. */
  pairs: PairWeights;
  /**
   * Per unigram key (and the clause start, key 2V): bit 1 when it begins a weighted pair, bit 2
   * when it ends one. Most neighbouring words cannot form a weighted pair, and this small array
   * says so before any hashing.
   */
  pairRoles: Uint8Array;
}

const BEGINS_PAIR = 1;
const ENDS_PAIR = 2;

function pairRolesOf(vocabularySize: number, pairs: PairWeights): Uint8Array {
  const roles = new Uint8Array(vocabularySize * 2 + 1);
  for (const [key] of pairs.entries()) {
    const [first, second] = splitPairKey(vocabularySize, key);
    roles[first] = (roles[first] as number) | BEGINS_PAIR;
    roles[second] = (roles[second] as number) | ENDS_PAIR;
  }
  return roles;
}

/** What the learned words say about one text. */
export class LearnedEvidence {
  constructor(
    readonly score: number,
    readonly strongestWeight: number,
    private readonly model: LearnedWords | null,
    private readonly strongestKey: number,
    private readonly strongestIsPair: boolean,
  ) {}

  /**
   * The feature that moved the score most, as text (好, ¬好, 很|满意), or '' when none did. Built
   * when asked: most texts are scored without anybody reading it.
   */
  get strongest(): string {
    const model = this.model;
    if (!model || this.strongestKey < 0) return '';
    return this.strongestIsPair ? pairText(model, this.strongestKey) : unigramText(model.words, this.strongestKey);
  }
}

/** Unigram keys run from 0 to 2V − 1 and 2V stands for a clause start, so a pair is (previous, current) in base 2V + 1. */
export function pairKey(vocabularySize: number, previous: number, current: number): number {
  return previous * (vocabularySize * 2 + 1) + current;
}

function splitPairKey(vocabularySize: number, key: number): [number, number] {
  const span = vocabularySize * 2 + 1;
  return [Math.floor(key / span), key % span];
}

/**
 * Walks one text's words (one `add` per word) and turns them into features: each known word
 * (negation-marked) once, and each pair of neighbouring known words within a clause, the first word
 * of a clause paired with the clause start. With a model it sums their weights as it goes (the
 * engine); without one it records the feature keys (fitting). One walk for both, so they cannot drift.
 */
export class FeatureTally {
  /** Recorded keys (only without a model). */
  readonly unigramKeys: number[] = [];
  readonly pairKeys: number[] = [];
  score = 0;
  private strongestKey = -1;
  private strongestIsPair = false;
  private strongestWeight = 0;
  /** The text each unigram key was last seen in (16 bits keep the array small enough to stay in cache). */
  private stamps: Uint16Array;
  private stamp = 0;
  private readonly clauseStart: number;

  constructor(
    private readonly vocabularySize: number,
    private readonly model: LearnedWords | null,
  ) {
    this.clauseStart = vocabularySize * 2;
    this.stamps = new Uint16Array(vocabularySize * 2);
  }

  /** Walks one text: its words' learned ids (-1: unknown) and marks. */
  walk(ids: ArrayLike<number>, marks: ArrayLike<number>): void {
    this.unigramKeys.length = 0;
    this.pairKeys.length = 0;
    this.score = 0;
    this.strongestKey = -1;
    this.strongestWeight = 0;
    if (++this.stamp === 0x10000) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    // Locals rather than fields in the loop: this runs for every word of every text.
    const { model, stamps, stamp, clauseStart, vocabularySize } = this;
    let previous = clauseStart;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const mark = marks[i] as number;
      if ((mark & MARK_CLAUSE_START) !== 0) previous = clauseStart;
      if (id < 0) {
        previous = -1;
        continue;
      }
      const key = id * 2 + (mark & MARK_NEGATED);
      if (stamps[key] !== stamp) {
        stamps[key] = stamp;
        if (!model) this.unigramKeys.push(key);
        else {
          const weight = model.unigrams[key] as number;
          if (weight !== 0) this.weigh(key, weight, false);
        }
      }
      if (previous >= 0) {
        if (!model) this.pairKeys.push(pairKey(vocabularySize, previous, key));
        else if (((model.pairRoles[previous] as number) & BEGINS_PAIR & ((model.pairRoles[key] as number) >> 1)) !== 0) {
          const pair = pairKey(vocabularySize, previous, key);
          const weight = model.pairs.get(pair);
          // NaN (not a known pair) is the usual answer and fails this test.
          if (weight > 0 || weight < 0) this.weigh(pair, weight, true);
        }
      }
      previous = key;
    }
  }

  /** What the walked words say (with a model). */
  evidence(): LearnedEvidence {
    return new LearnedEvidence(this.score, this.strongestWeight, this.model, this.strongestKey, this.strongestIsPair);
  }

  private weigh(key: number, weight: number, isPair: boolean): void {
    this.score += weight;
    if (Math.abs(weight) > Math.abs(this.strongestWeight)) {
      this.strongestWeight = weight;
      this.strongestKey = key;
      this.strongestIsPair = isPair;
    }
  }
}

/**
 * Weights by integer key in open addressing over typed arrays. The engine looks up every word pair
 * of every text and most are not there: a 256-kbit filter (32 KB, it stays in the CPU cache) answers those,
 * so the table itself (and its cache misses) is touched only for likely hits. `get` gives NaN for
 * a missing key.
 */
export class PairWeights {
  private readonly keys: Int32Array;
  private readonly values: Float32Array;
  private readonly mask: number;
  private readonly filter = new Uint32Array(FILTER_BITS / 32);
  size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Float32Array(capacity);
    this.mask = capacity - 1;
  }

  set(key: number, value: number): void {
    const bit = filterBit(key);
    this.filter[bit >>> 5] = (this.filter[bit >>> 5] as number) | (1 << (bit & 31));
    let slot = this.slotOf(key);
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.keys[slot] === -1) this.size++;
    if (this.size * 2 > this.keys.length) throw new Error('PairWeights is full');
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  get(key: number): number {
    const bit = filterBit(key);
    if (((this.filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return NaN;
    let slot = this.slotOf(key);
    for (;;) {
      const found = this.keys[slot] as number;
      if (found === key) return this.values[slot] as number;
      if (found === -1) return NaN;
      slot = (slot + 1) & this.mask;
    }
  }

  *entries(): Generator<[number, number]> {
    for (let slot = 0; slot < this.keys.length; slot++) if ((this.keys[slot] as number) !== -1) yield [this.keys[slot] as number, this.values[slot] as number];
  }

  private slotOf(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }
}

const FILTER_BITS = 1 << 18;

function filterBit(key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x85ebca6b) >>> 14;
}

/** Ids of a text's words looked up by string: for fitting, where speed matters less. */
export function idsOf(vocabulary: Map<string, number>, words: readonly string[]): number[] {
  return words.map((word) => vocabulary.get(word) ?? -1);
}

export interface LearnedWordsOptions {
  /**
   * A word must appear in this many texts to enter the vocabulary, a feature in this many to get a
   * weight (default 5: rarer words are more often a set's accident than the language; 3 and 5 score
   * the same on the development sets).
   */
  minCount?: number;
  /**
   * Weights closer to 0 than this are dropped (default 1: e^1, a word at least 2.7 times likelier
   * in one class). They say little, and dropping them scored no worse (hotel reviews +0.4 points).
   */
  minWeight?: number;
}

/**
 * Fits the ratios on analysed, labelled texts (each class weighs the same, whatever the set's
 * balance). With `domains` (which set each text comes from), a feature whose ratio points one way
 * in one set and the other way in another is dropped: it describes how those sets were written
 * (long narrative hotel praise, short takeaway complaints), not what the words mean.
 */
export function fitLearnedWords(
  texts: readonly { words: readonly string[]; marks: ArrayLike<number> }[],
  labels: readonly (0 | 1)[],
  options: LearnedWordsOptions = {},
  domains?: readonly number[],
): LearnedWords {
  const minCount = options.minCount ?? 5;
  const minWeight = options.minWeight ?? 1;
  const words = chooseVocabulary(texts, minCount);
  const vocabulary = new Map(words.map((word, id) => [word, id]));
  const size = words.length;
  const counts = new FeatureCounts(domains ? Math.max(0, ...domains) + 1 : 1, size);
  const tally = new FeatureTally(size, null);
  texts.forEach((text, t) => {
    tally.walk(idsOf(vocabulary, text.words), text.marks);
    counts.add(domains?.[t] ?? 0, labels[t] as 0 | 1, tally);
  });
  const positives = counts.classTotal(1);
  const negatives = counts.classTotal(0);
  const unigrams = new Float32Array(size * 2);
  const weighted: [number, number][] = [];
  for (const key of counts.keys()) {
    const positive = counts.total(key, 1);
    const negative = counts.total(key, 0);
    const weight = round(logRatio(positive, negative, positives, negatives));
    if (positive + negative < minCount || Math.abs(weight) < minWeight || counts.contradicts(key, minCount)) continue;
    if (key < size * 2) unigrams[key] = weight;
    else weighted.push([key - size * 2, weight]);
  }
  const pairs = new PairWeights(weighted.length);
  for (const [key, weight] of weighted) pairs.set(key, weight);
  return { vocabulary, words, unigrams, pairs, pairRoles: pairRolesOf(size, pairs) };
}

/** Words in at least `minCount` texts, the commonest first, at most MAX_VOCABULARY. */
function chooseVocabulary(texts: readonly { words: readonly string[] }[], minCount: number): string[] {
  const documentCounts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(text.words)) if (isStorable(word)) documentCounts.set(word, (documentCounts.get(word) ?? 0) + 1);
  }
  return [...documentCounts]
    .filter(([, count]) => count >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VOCABULARY)
    .map(([word]) => word);
}

/** Log of (share of positive texts holding a feature ÷ share of negative ones), smoothed. */
function logRatio(positive: number, negative: number, positiveTotal: number, negativeTotal: number): number {
  return Math.log((positive + 0.5) / (positiveTotal + 1)) - Math.log((negative + 0.5) / (negativeTotal + 1));
}

/** A ratio this far from 0 in a set counts as that set's opinion of a feature. */
const DOMAIN_OPINION = 0.5;

/**
 * How many texts of each set and class hold each feature. Unigram keys are used as they are; pair
 * keys are shifted past them (by 2V), so both live in one map per set and class.
 */
class FeatureCounts {
  /** By slot: set × 2 + label. */
  private readonly counts: Map<number, number>[];
  private readonly classSizes: number[];

  constructor(
    private readonly domainCount: number,
    private readonly vocabularySize: number,
  ) {
    this.counts = Array.from({ length: domainCount * 2 }, () => new Map<number, number>());
    this.classSizes = new Array<number>(domainCount * 2).fill(0);
  }

  add(domain: number, label: 0 | 1, tally: FeatureTally): void {
    const slot = domain * 2 + label;
    this.classSizes[slot] = (this.classSizes[slot] as number) + 1;
    const count = this.counts[slot] as Map<number, number>;
    for (const key of tally.unigramKeys) count.set(key, (count.get(key) ?? 0) + 1);
    const pairBase = this.vocabularySize * 2;
    for (const key of new Set(tally.pairKeys)) count.set(pairBase + key, (count.get(pairBase + key) ?? 0) + 1);
  }

  keys(): Set<number> {
    const keys = new Set<number>();
    for (const count of this.counts) for (const key of count.keys()) keys.add(key);
    return keys;
  }

  total(key: number, label: 0 | 1): number {
    let total = 0;
    for (let d = 0; d < this.domainCount; d++) total += this.counts[d * 2 + label]?.get(key) ?? 0;
    return total;
  }

  classTotal(label: 0 | 1): number {
    let total = 0;
    for (let d = 0; d < this.domainCount; d++) total += this.classSizes[d * 2 + label] as number;
    if (total === 0) throw new Error('learned words need both positive and negative examples');
    return total;
  }

  /** Whether two sets, each with enough texts holding the feature, lean opposite ways on it. */
  contradicts(key: number, minCount: number): boolean {
    let leansPositive = false;
    let leansNegative = false;
    for (let d = 0; d < this.domainCount; d++) {
      const positive = this.counts[d * 2 + 1]?.get(key) ?? 0;
      const negative = this.counts[d * 2]?.get(key) ?? 0;
      const positives = this.classSizes[d * 2 + 1] as number;
      const negatives = this.classSizes[d * 2] as number;
      if (positive + negative < minCount || positives === 0 || negatives === 0) continue;
      const lean = logRatio(positive, negative, positives, negatives);
      if (lean >= DOMAIN_OPINION) leansPositive = true;
      if (lean <= -DOMAIN_OPINION) leansNegative = true;
    }
    return leansPositive && leansNegative;
  }
}

/** Only words that cannot be mistaken for the file's own markers, and never a lone punctuation mark. */
function isStorable(word: string): boolean {
  return word !== '' && !word.includes(PAIR_SEPARATOR) && !word.includes(NEGATED_PREFIX) && word !== CLAUSE_START && !/[\s]/.test(word);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function unigramText(words: readonly string[], key: number): string {
  return ((key & 1) === 1 ? NEGATED_PREFIX : '') + (words[key >> 1] as string);
}

function pairText(model: LearnedWords, key: number): string {
  const [previous, current] = splitPairKey(model.words.length, key);
  const first = previous === model.words.length * 2 ? CLAUSE_START : unigramText(model.words, previous);
  return first + PAIR_SEPARATOR + unigramText(model.words, current);
}

/** The file: a header line, then `feature<TAB>weight` (好, ¬好, 很|满意, ^|不错), strongest first. */
export function serializeLearnedWords(model: LearnedWords, provenance: readonly string[]): string {
  const lines: [string, number][] = [];
  model.unigrams.forEach((weight, key) => {
    // Float32 storage: round back to the fitted precision.
    if (weight !== 0) lines.push([unigramText(model.words, key), round(weight)]);
  });
  for (const [key, weight] of model.pairs.entries()) if (weight !== 0) lines.push([pairText(model, key), round(weight)]);
  lines.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  const header = [LEARNED_WORDS_FORMAT, ...provenance.map((line) => `# ${line}`)];
  return header.join('\n') + '\n' + lines.map(([feature, weight]) => `${feature}\t${weight}`).join('\n') + '\n';
}

export function parseLearnedWords(text: string, source: string): LearnedWords {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== LEARNED_WORDS_FORMAT) throw new Error(`cannot load learned words ${source}: not a ${LEARNED_WORDS_FORMAT.slice(2)} file`);
  const entries: { parts: { word: string; negated: boolean }[]; clauseStart: boolean; weight: number }[] = [];
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [feature, weightText, extra] = line.split('\t');
    const weight = Number(weightText);
    if (!feature || weightText === undefined || extra !== undefined || !Number.isFinite(weight)) {
      throw new Error(`cannot load learned words ${source}: bad line ${index + 1}`);
    }
    const pieces = feature.split(PAIR_SEPARATOR);
    const clauseStart = pieces.length === 2 && pieces[0] === CLAUSE_START;
    const parts = (clauseStart ? pieces.slice(1) : pieces).map((piece) => {
      const negated = piece.startsWith(NEGATED_PREFIX);
      const word = negated ? piece.slice(NEGATED_PREFIX.length) : piece;
      if (word === '' || pieces.length > 2) throw new Error(`cannot load learned words ${source}: bad feature on line ${index + 1}`);
      if (!vocabulary.has(word)) {
        vocabulary.set(word, words.length);
        words.push(word);
      }
      return { word, negated };
    });
    entries.push({ parts, clauseStart, weight });
  });
  if (words.length > MAX_VOCABULARY) throw new Error(`cannot load learned words ${source}: more than ${MAX_VOCABULARY} words`);
  const size = words.length;
  const keyOf = (part: { word: string; negated: boolean }): number => (vocabulary.get(part.word) as number) * 2 + (part.negated ? 1 : 0);
  const unigrams = new Float32Array(size * 2);
  const pairs = new PairWeights(entries.length);
  for (const entry of entries) {
    const [first, second] = entry.parts as [{ word: string; negated: boolean }, { word: string; negated: boolean } | undefined];
    if (entry.clauseStart) pairs.set(pairKey(size, size * 2, keyOf(first)), entry.weight);
    else if (second) pairs.set(pairKey(size, keyOf(first), keyOf(second)), entry.weight);
    else unigrams[keyOf(first)] = entry.weight;
  }
  return { vocabulary, words, unigrams, pairs, pairRoles: pairRolesOf(size, pairs) };
}

export function loadLearnedWords(file: string): LearnedWords {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot load learned words ${file}: file not found`, { cause: error });
  }
  return parseLearnedWords(text, file);
}
