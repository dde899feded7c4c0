/**
 * The rule layer: one pass over jieba tokens that applies the lexicon with negation, degree,
 * aspect-dependent attributes, contrast, rhetorical questions, emoji and punctuation, and collects
 * a dozen text-level features for the calibration layer.
 */
import type { Jieba } from '@node-rs/jieba';
import { FeatureTally, MARK_CLAUSE_START, MARK_NEGATED, type LearnedEvidence, type LearnedWords } from './learned-words';
import { blankEntry, type Lexicon, type TokenEntry } from './lexicon';
import type { Topic } from './types';

/** A sentiment-bearing phrase and its value after all rules (clause weights included). */
export interface Contribution {
  text: string;
  value: number;
  clause: number;
}

export interface TopicHit {
  word: string;
  topic: Topic;
  weight: number;
  clause: number;
}

export interface Analysis {
  contributions: Contribution[];
  /** Sum of contributions: the rule layer's verdict. */
  lexScore: number;
  /** Net value of each clause, for topic weighting. */
  clauseSums: number[];
  topicHits: TopicHit[];
  /** How many Chinese words the text has: a text with none says nothing we can read. */
  hanWords: number;
  /** Text-level features for the calibration, in DENSE_FEATURE_NAMES order. */
  dense: number[];
  /** The processed words, with their marks (MARK_NEGATED, MARK_CLAUSE_START): what the learned words are fitted on. */
  words: string[];
  marks: number[];
  /** What the learned words say (null without them). */
  learned: LearnedEvidence | null;
}

export const DENSE_FEATURE_NAMES = [
  'lex',
  'lexLog',
  'positiveLog',
  'negativeLog',
  'lastClause',
  'noEvidence',
  'danglingNegation',
  'exclamation',
  'repeatedQuestion',
  'ellipsis',
  'question',
  'positiveClauses',
  'negativeClauses',
  'learnedWords',
] as const;

/** The learned score enters the calibration as tanh(score / this): a few strong words saturate it. */
export const LEARNED_SCALE = 4;

const NEGATION_WINDOW = 3;
/** Contrast words that turn to a complaint, and what such a turn is worth when no sentiment word follows it. */
const TURN_WORDS = new Set(['可是', '可惜', '然而', '却']);
const DANGLING_TURN_VALUE = -1.0;
/**
 * jieba keeps 没 or 不 with the verb after it (没洗, 没煮, 不放): such a word negates what follows
 * (没洗干净 is not clean). Its first characters, and second characters that make something else
 * (不停, 不断, 不管, 不然, 不仅, 不少, 不久, 没事, 不同).
 */
const VERB_NEGATION_FIRST = new Set(['没', '不'].map((char) => char.charCodeAt(0)));
const NOT_VERB_NEGATION_SECOND = new Set(['停', '断', '管', '然', '仅', '少', '久', '事', '但', '光', '只', '同']);
const VERB_NEGATION: TokenEntry = { ...blankEntry(), negator: 1 };
/** Words that end a negation's or degree word's reach: what follows is a new verb phrase. */
const SCOPE_BREAKERS = new Set(['就', '才', '把', '被', '却', '而且', '并且', '然后', '结果', '所以', '因为', '又', '再']);
/** The value of a negation that found no sentiment word to flip (没给, 没有肉). */
const DANGLING_NEGATION_VALUE = -0.5;
/** 就没声音了, 不出水了: a negated verb with 了 says something stopped working, so such a dangling negation counts twice. */
const STOPPED_FACTOR = 2;
const DEGREE_WINDOW = 2;
const ASPECT_WINDOW = 6;
/** Compound tokens longer than this are not taken apart. */
const MAX_DECOMPOSED_LENGTH = 6;
const DECOMPOSITION_CACHE_LIMIT = 200_000;
/** The cost of a character outside the lexicon when a compound is taken apart (a known piece costs 1). */
const UNKNOWN_CHAR_COST = 3;
/** The CJK unified ideographs block: a pair of them makes a small integer key. */
const HAN_FIRST = 0x4e00;
const HAN_SPAN = 0x9fff - HAN_FIRST + 1;

/** Characters that end a clause (1) or a sentence (2); a sentence end also ends a contrast's scope. */
const BREAK_KIND = new Uint8Array(0x10000);
for (const char of ',:~、·()[]{}<>"\'“”‘’「」『』【】《》/\\|-—_=+*&#@$%^` \t') BREAK_KIND[char.charCodeAt(0)] = 1;
for (const char of '.!?;。…') BREAK_KIND[char.charCodeAt(0)] = 2;
const EXCLAMATION = '!'.charCodeAt(0);
const QUESTION = '?'.charCodeAt(0);
const DOT = '.'.charCodeAt(0);
const FULL_STOP = '。'.charCodeAt(0);
const ELLIPSIS = '…'.charCodeAt(0);

function breakKind(token: string | undefined): number {
  return token === undefined ? 0 : (BREAK_KIND[token.charCodeAt(0)] as number);
}

function isHan(token: string): boolean {
  return isHanCode(token.charCodeAt(0));
}

function isHanCode(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

const HAO = '好'.charCodeAt(0);
const GUO = '过'.charCodeAt(0);
const DAO = '到'.charCodeAt(0);
/** Degree words that point at the thing itself (这么差): after "never met", they make an emphasis of the negation. */
const EMPHATIC_DEMONSTRATIVES = new Set(['这么', '这样', '如此', '那么']);

function isVerbNegation(token: string): boolean {
  return (
    token.length === 2 && VERB_NEGATION_FIRST.has(token.charCodeAt(0)) && isHanCode(token.charCodeAt(1)) && !NOT_VERB_NEGATION_SECOND.has(token[1] as string)
  );
}

/** 掉色太厉害了: how much 厉害 strengthens the complaint before it. */
const COMPLAINT_INTENSIFIER = 1.5;
/** Particles after which a phrase has ended: 一点问题都没有啊. */
const PHRASE_END_PARTICLES = new Set(['了', '过', '啊', '呀', '呢', '吧', '哦', '的', '哈', '啦']);

function endsPhrase(next: string | undefined): boolean {
  return next === undefined || breakKind(next) !== 0 || PHRASE_END_PARTICLES.has(next);
}

/** Quantifiers that make 都没有 an emphasis: 一点用都没有, 什么效果也没有. */
const EMPHATIC_QUANTIFIERS = new Set(['一点', '一点点', '一丝', '一个', '一句', '一次', '什么', '任何', '半点', '丝毫']);
/** What a buyer expects to get: none of it at all (一点效果都没有) is a complaint. */
const EXPECTED_GOODS = new Set(['用', '用处', '效果', '作用', '味道', '味', '香味', '奶味', '诚信', '信誉', '反应', '动静', '服务', '改善', '变化', '好转', '热水', '声音', '信号']);
/** 一点效果都没有: nothing at all of what was expected. */
const NOTHING_AT_ALL_VALUE = -1.0;

/** Praise in a clause about looks (looks.txt: 外观, 包装) counts this much. */
const LOOKS_PRAISE_FACTOR = 0.6;
/** Verbs of use (用了十天就, 穿了两次就, 装完第二天就): what follows 就 happened soon after use began. */
const USE_VERBS = new Set(['用', '穿', '戴', '洗', '装', '开', '玩', '使用', '用了', '穿了', '装完', '买', '喝', '吃']);
/** 用了十天屏幕就出现一条竖线: a fact told so soon after use began, with no sentiment word, is a failure worth this. */
const SOON_AFTER_USE_VALUE = -1.0;
/** 用了一周就坏了: a complaint soon after use began weighs this much more. */
const SOON_AFTER_USE_FACTOR = 1.5;
/** A span of time or a count of uses as jieba cuts it: 十天, 两个月, 三次, 第二天. */
const DURATION = /^(?:[一二两三四五六七八九十几半0-9]+|第[一二三四五六七八九十0-9]+)(?:个)?(?:天|日|周|星期|礼拜|个月|月|次|回|小时|年)$/;

function isDuration(token: string): boolean {
  return token.length <= 5 && DURATION.test(token);
}

/** Characters that are words of their own (的, 了, 我 …), never pieces of a name jieba did not know. */
const FUNCTION_CHAR = new Uint8Array(0x10000);
for (const char of '的了是我你他她它们也都很就在和与有给把被又还吗吧呢啊呀哦着过到这那个一不没要会能说让去来对从向跟比') FUNCTION_CHAR[char.charCodeAt(0)] = 1;

/** Quotes after these report what someone said (他说"好吃"): not irony. */
const REPORTED_SPEECH = new Set(['说', '问', '答', '喊', '叫', '道', '写', '写着']);
/** Quotation marks by code unit (a Set lookup would hash every one-character token). */
const QUOTE = new Uint8Array(0x10000);
for (const char of '"“”\'‘’「」『』') QUOTE[char.charCodeAt(0)] = 1;

function isQuote(token: string | undefined): boolean {
  return token !== undefined && token.length === 1 && QUOTE[token.charCodeAt(0)] === 1;
}

/** Two ideographs as one small integer. */
function pairCode(word: string): number {
  return (word.charCodeAt(0) - HAN_FIRST) * HAN_SPAN + (word.charCodeAt(1) - HAN_FIRST);
}

/** The learned-word score of an analysis made without the learned words (ids looked up by string): for fitting. */
export function learnedDenseValue(score: number): number {
  return Math.tanh(score / LEARNED_SCALE);
}

interface Clause {
  start: number;
  weight: number;
  questionMarks: number;
  exclamations: number;
  rhetorical: 'weak' | 'strong' | null;
  rhetoricalWord: string;
  /** The clause speaks of looks (外观, 包装, 颜值): its praise says little about the product. */
  looks: boolean;
  /** 用了十天…就: the clause tells how soon something happened after use began. */
  soonAfterUse: boolean;
}

/** What the clause's subject does to one contribution: praise of looks weighs less, a failure soon after use more. */
function clauseFactor(clause: Clause, value: number): number {
  if (value > 0 && clause.looks) return LOOKS_PRAISE_FACTOR;
  if (value < 0 && clause.soonAfterUse) return SOON_AFTER_USE_FACTOR;
  return 1;
}

function newClause(start: number, weight: number): Clause {
  return { start, weight, questionMarks: 0, exclamations: 0, rhetorical: null, rhetoricalWord: '', looks: false, soonAfterUse: false };
}

/** Negation and degree words waiting for the sentiment word they modify. */
class Modifiers {
  negations = 0;
  negationStrength = 1;
  negationLeft = 0;
  degree = 1;
  degreeLeft = 0;
  degreeBeforeNegation = false;
  excess = false;
  /** Where the phrase starts in the processed stream, -1 when nothing is pending. */
  spanStart = -1;
  /** A modifier word that also has its own polarity (好, 不够): emitted if nothing follows it. */
  fallback: { text: string; value: number } | null = null;

  get negated(): boolean {
    return this.negations % 2 === 1 && this.negationLeft > 0;
  }
}

export class Analyzer {
  /** Emoticons grouped by first character: one indexOf rules most texts out. */
  private readonly emoticonsByFirstChar = new Map<string, { text: string; weight: number }[]>();
  /** Each token seen, with its lexicon entries (null: none); jieba keeps many compounds whole (速度快, 挺好吃), and those come in pieces. */
  private readonly resolved = new Map<string, readonly ResolvedPiece[] | null>();
  /** The same for two-ideograph tokens, keyed by their code units. */
  private readonly pairs = new Map<number, readonly ResolvedPiece[] | null>();
  private readonly emoticonStart = new Uint8Array(0x10000);
  /** Characters that begin (bit 1) or end (bit 2) a two-character lexicon word, or are entries themselves (3). */
  private readonly pairCandidate = new Uint8Array(0x10000);
  /** One-character tokens by code unit (a packed array: Array.from keeps it out of dictionary mode; undefined: not seen yet). */
  private readonly singleChars: (readonly ResolvedPiece[] | null | undefined)[] = Array.from({ length: 0x10000 }, () => undefined);
  /** Learned-word ids of one-character words by code unit, and of two-ideograph words by integer key (-1 / absent: unknown). */
  private readonly singleIds = new Int32Array(0x10000).fill(-1);
  private readonly pairIds = new Map<number, number>();
  private readonly tally: FeatureTally | null;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly jieba: Jieba,
    private readonly learned: LearnedWords | null = null,
  ) {
    this.tally = learned ? new FeatureTally(learned.words.length, learned) : null;
    if (learned) {
      for (const [word, id] of learned.vocabulary) {
        if (word.length === 1) this.singleIds[word.charCodeAt(0)] = id;
        else if (word.length === 2 && isHan(word) && isHan(word.slice(1))) this.pairIds.set(pairCode(word), id);
      }
    }
    for (const word of lexicon.tokens.keys()) {
      if (word.length === 1) this.pairCandidate[word.charCodeAt(0)] = 3;
      if (word.length === 2) {
        const first = word.charCodeAt(0);
        const second = word.charCodeAt(1);
        this.pairCandidate[first] = (this.pairCandidate[first] as number) | 1;
        this.pairCandidate[second] = (this.pairCandidate[second] as number) | 2;
      }
    }
    // Longest first, so ":-)" is taken before ":)" could match inside it.
    const sorted = [...lexicon.rawEmoticons].sort((a, b) => b.text.length - a.text.length);
    for (const emoticon of sorted) {
      const first = emoticon.text[0] as string;
      const group = this.emoticonsByFirstChar.get(first) ?? [];
      group.push(emoticon);
      this.emoticonsByFirstChar.set(first, group);
      this.emoticonStart[first.charCodeAt(0)] = 1;
    }
  }

  analyze(text: string): Analysis {
    const run = new AnalysisRun(this.lexicon);
    const learned = this.learned;
    const scanned = this.takeEmoticons(text, run);
    const tokens = this.jieba.cut(scanned, false);
    let closingQuoteAt = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (i === closingQuoteAt) {
        run.endIrony();
        continue;
      }
      if (isQuote(tokens[i] as string) && isQuote(tokens[i + 2]) && isHan(tokens[i + 1] as string) && !REPORTED_SPEECH.has(tokens[i - 1] ?? '')) {
        // One word in scare quotes: 真是太"好"了, 所谓"正品". The quotes do not end the clause.
        run.startIrony();
        closingQuoteAt = i + 2;
        continue;
      }
      if ((tokens[i] as string).length >= 2 && (tokens[i] as string).charCodeAt((tokens[i] as string).length - 1) === HAO) this.resplitHao(tokens, i);
      let token = tokens[i] as string;
      if (tokens[i + 1] === '是' && (token === '说' || token === '这')) {
        // jieba cuts 说是 (a claim: 说是全新正版) and 这是 (这是正品？) apart before most words; they are read whole.
        token += '是';
        i++;
      }
      const kind = breakKind(token);
      if (kind !== 0) {
        run.punctuation(token, kind, breakKind(tokens[i + 1]) !== 0);
        continue;
      }
      // Only a 没 needs to know what follows it (一点问题都没有 ends there; 一个都没坏 does not).
      const phraseEnds = (token === '没有' || token === '没') && endsPhrase(tokens[i + 1]);
      const pieces = this.resolve(token);
      if (pieces === null) {
        run.word(token, undefined, learned ? this.wordId(token) : -1, phraseEnds);
        continue;
      }
      for (let p = 0; p < pieces.length; p++) {
        const piece = pieces[p] as ResolvedPiece;
        run.word(piece.text, piece.entry, piece.id, phraseEnds);
      }
    }
    const analysis = run.finish();
    const tally = this.tally;
    if (tally) {
      // A separate tight loop: folded into word() it made that hot function too big to optimise well.
      tally.walk(run.ids, analysis.marks);
      analysis.learned = tally.evidence();
      analysis.dense[analysis.dense.length - 1] = learnedDenseValue(tally.score);
    }
    return analysis;
  }

  /**
   * jieba glues 好 to the word before it when 好 belongs to the word after it: 挺好|看 (挺|好看),
   * 真好|用 (真|好用), 其它都好|难吃 (其它都|好难吃, 好 as "very"). Re-cuts the two tokens in place
   * when 好 + the next token's first character is a lexicon word, or the next token is a complaint.
   * Most of these glued tokens come from our own lexicon phrases (挺好, 蛮好, 其它都好) that
   * createSegmenter adds to jieba's dictionary; plain jieba cuts 挺|好看. Not adding phrases that
   * the analyzer can rebuild from pieces would be the deeper fix, but it moves scores (挺好 1.2 vs
   * 挺 × 好), so it waits for a change that re-measures.
   */
  private resplitHao(tokens: string[], i: number): void {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    if (next === undefined || !isHan(next) || this.lexicon.tokens.get(token + next) !== undefined) return;
    const head = token.slice(0, -1);
    const joined = '好' + (next[0] as string);
    if (this.lexicon.tokens.get(joined)?.polarity !== undefined) {
      tokens[i] = head;
      tokens[i + 1] = joined;
      if (next.length > 1) tokens.splice(i + 2, 0, next.slice(1));
    } else if ((this.lexicon.tokens.get(next)?.polarity ?? 0) < 0) {
      tokens[i] = head;
      tokens.splice(i + 1, 0, '好');
    }
  }

  /** A word's learned-word id, found without hashing the fresh string when it is one or two ideographs long. */
  private wordId(word: string): number {
    if (word.length === 1) return this.singleIds[word.charCodeAt(0)] as number;
    if (word.length === 2 && isHanCode(word.charCodeAt(0)) && isHanCode(word.charCodeAt(1))) return this.pairIds.get(pairCode(word)) ?? -1;
    return (this.learned as LearnedWords).vocabulary.get(word) ?? -1;
  }

  private takeEmoticons(text: string, run: AnalysisRun): string {
    // One pass over the text rules out most texts before any substring search.
    let any = false;
    for (let i = 0; i < text.length && !any; i++) any = this.emoticonStart[text.charCodeAt(i)] === 1;
    if (!any) return text;
    let scanned = text;
    for (const [firstChar, emoticons] of this.emoticonsByFirstChar) {
      if (scanned.indexOf(firstChar) === -1) continue;
      for (const emoticon of emoticons) {
        let at = scanned.indexOf(emoticon.text);
        if (at === -1) continue;
        while (at !== -1) {
          run.emoticon(emoticon.text, emoticon.weight);
          at = scanned.indexOf(emoticon.text, at + emoticon.text.length);
        }
        scanned = scanned.split(emoticon.text).join(' ');
      }
    }
    return scanned;
  }

  /**
   * Splits an unknown compound into lexicon pieces by forward maximum matching, but only when
   * every character is covered and the pieces carry sentiment the way a phrase would
   * (挺+好吃, 速度+快, 好+极了). 好像 or 好多 stay whole.
   */
  private decompose(token: string): string[] | null {
    if (token.length < 2 || token.length > MAX_DECOMPOSED_LENGTH || !isHan(token)) return null;
    const pieces = this.segment(token);
    return pieces !== null && pieces.length > 1 && this.carriesSentiment(pieces) ? pieces : null;
  }

  /**
   * A token's lexicon entries, decomposed when needed, or null for a plain word. Tokens come fresh
   * from the segmenter, and hashing a fresh string costs more than everything else done with it, so
   * one- and two-character tokens (nine in ten) are looked up by their code units instead.
   */
  private resolve(token: string): readonly ResolvedPiece[] | null {
    if (token.length === 1) {
      const code = token.charCodeAt(0);
      let single = this.singleChars[code];
      if (single === undefined) {
        const entry = this.lexicon.tokens.get(token);
        single = entry === undefined ? null : [this.piece(token, entry)];
        this.singleChars[code] = single;
      }
      return single;
    }
    if (token.length === 2) {
      const first = token.charCodeAt(0) - HAN_FIRST;
      const second = token.charCodeAt(1) - HAN_FIRST;
      // A pair has entries only if it is a lexicon word or both its characters are entries (or it is 没/不 + a verb).
      const candidate = ((this.pairCandidate[first + HAN_FIRST] as number) & 1) !== 0 && ((this.pairCandidate[second + HAN_FIRST] as number) & 2) !== 0;
      if (!candidate && !VERB_NEGATION_FIRST.has(first + HAN_FIRST)) return null;
      if (first >= 0 && first < HAN_SPAN && second >= 0 && second < HAN_SPAN) {
        // Both ideographs: the pair fits an unboxed integer key.
        const key = first * HAN_SPAN + second;
        let pair = this.pairs.get(key);
        if (pair === undefined) {
          pair = this.resolveWord(token);
          if (this.pairs.size >= DECOMPOSITION_CACHE_LIMIT) this.pairs.clear();
          this.pairs.set(key, pair);
        }
        return pair;
      }
    }
    let cached = this.resolved.get(token);
    if (cached === undefined) {
      cached = this.resolveWord(token);
      if (this.resolved.size >= DECOMPOSITION_CACHE_LIMIT) this.resolved.clear();
      this.resolved.set(token, cached);
    }
    return cached;
  }

  /** A cached piece carries its learned-word id, so a lexicon word is never looked up twice. */
  private piece(text: string, entry: TokenEntry | undefined): ResolvedPiece {
    return { text, entry, id: this.learned ? this.wordId(text) : -1 };
  }

  private resolveWord(token: string): readonly ResolvedPiece[] | null {
    const entry = this.lexicon.tokens.get(token);
    if (entry !== undefined) return [this.piece(token, entry)];
    const pieces = this.decompose(token);
    if (pieces) return pieces.map((text) => this.piece(text, this.lexicon.tokens.get(text)));
    return isVerbNegation(token) ? [this.piece(token, VERB_NEGATION)] : null;
  }

  /**
   * The cheapest cover of the token by lexicon pieces (each shorter than the token, at most 4
   * characters), or null. Dynamic programming, so 挺好吃 is 挺+好吃 even though 挺好 is a word.
   * Characters outside the lexicon may be left over (携带+方便, 码数+正好) at a high cost; a run
   * of them becomes one piece without an entry.
   */
  private segment(token: string): string[] | null {
    const n = token.length;
    const best = new Array<number>(n + 1).fill(Infinity);
    const from = new Array<number>(n + 1).fill(-1);
    best[0] = 0;
    for (let end = 1; end <= n; end++) {
      for (let length = 1; length <= Math.min(4, end); length++) {
        const start = end - length;
        if ((best[start] as number) === Infinity || length === n) continue;
        const known = this.lexicon.tokens.has(token.slice(start, end));
        if (!known && length > 1) continue;
        const cost = (best[start] as number) + (known ? 1 : UNKNOWN_CHAR_COST);
        if (cost < (best[end] as number)) {
          best[end] = cost;
          from[end] = start;
        }
      }
    }
    if ((best[n] as number) === Infinity) return null;
    const pieces: string[] = [];
    let unknownRun = '';
    for (let end = n; end > 0; end = from[end] as number) {
      const piece = token.slice(from[end] as number, end);
      if (piece.length === 1 && !this.lexicon.tokens.has(piece)) {
        unknownRun = piece + unknownRun;
        continue;
      }
      if (unknownRun) pieces.unshift(unknownRun);
      unknownRun = '';
      pieces.unshift(piece);
    }
    if (unknownRun) pieces.unshift(unknownRun);
    return pieces;
  }

  private carriesSentiment(pieces: string[]): boolean {
    const entries = pieces.map((piece) => this.lexicon.tokens.get(piece));
    const complete = entries.every((entry) => entry !== undefined);
    return entries.some((entry, k) => {
      if (!entry) return false;
      const piece = pieces[k] as string;
      const previous = entries[k - 1];
      // With characters left over only a real sentiment word (two characters or more) counts.
      if (entry.polarity !== undefined && piece.length >= 2 && entry.negator === undefined && entry.degree === undefined) return true;
      if (!complete || !previous) return false;
      if ((previous.degree !== undefined || previous.negator !== undefined) && (entry.polarity !== undefined || entry.attributeWeights)) return true;
      if (previous.aspectGroups && entry.attributeWeights) return true;
      return previous.polarity !== undefined && entry.postDegree !== undefined;
    });
  }
}

interface ResolvedPiece {
  text: string;
  entry: TokenEntry | undefined;
  id: number;
}

/** The state of one text's pass. */
class AnalysisRun {
  private readonly contributions: Contribution[] = [];
  private readonly topicHits: TopicHit[] = [];
  private readonly clauses: Clause[] = [newClause(0, 1)];
  private mods = new Modifiers();
  private aspectGroups: string[] | null = null;
  private aspectLeft = 0;
  /** The contribution of the aspect word itself (噪音 -1), which its attribute replaces (噪音不大). */
  private aspectContribution = -1;
  private attributeResolved = false;
  private sentenceFirstClause = 0;
  private afterContrastWeight = 1;
  /** Stream position of the last sentiment word, for post-degree words (好吃极了). */
  private lastContributionAt = -2;
  private sentenceEnds = false;
  private questionRun = 0;
  private dotRun = 0;
  private ellipsis = 0;
  private repeatedQuestion = 0;
  private danglingNegation = 0;
  private lastWasUnknownChar = false;
  private hanWords = 0;
  /** The processed words of the text, for phrase texts such as 不太好, and for the learned words. */
  private readonly stream: string[] = [];
  private readonly marks: number[] = [];
  /** Learned-word ids of the stream's words (-1: unknown or no learned words). */
  readonly ids: number[] = [];
  private clauseStarts = true;
  /** A turn word whose sentence has not ended yet, and how many contributions there were before it. */
  private turn: { word: string; contributionsBefore: number } | null = null;
  /** The next sentiment word stands in scare quotes (真是太"好"了): it means its opposite. */
  private ironic = false;

  constructor(private readonly lexicon: Lexicon) {}

  startIrony(): void {
    this.ironic = true;
  }

  /** The closing quote: a quoted modifier word with its own polarity (太"好"了) speaks now, ironically. */
  endIrony(): void {
    if (this.ironic && this.mods.fallback) this.releaseModifiers();
    this.ironic = false;
  }

  emoticon(text: string, weight: number): void {
    this.contributions.push({ text, value: weight, clause: 0 });
  }

  punctuation(token: string, kind: number, moreFollows: boolean): void {
    const first = token.charCodeAt(0);
    const clause = this.current();
    if (first === EXCLAMATION) clause.exclamations++;
    if (first === QUESTION) {
      clause.questionMarks++;
      if (++this.questionRun === 2) this.repeatedQuestion++;
    } else this.questionRun = 0;
    if (first === DOT || first === FULL_STOP || first === ELLIPSIS) {
      if (++this.dotRun === 2) this.ellipsis++;
    } else this.dotRun = 0;
    if (kind === 2) this.sentenceEnds = true;
    this.clauseStarts = true;
    // A run of punctuation ("!!!", "。。。") closes the clause once, at its end.
    if (moreFollows) return;
    if (this.sentenceEnds) this.settleTurn();
    this.closeClause();
    if (this.sentenceEnds) {
      this.sentenceFirstClause = this.clauses.length - 1;
      this.afterContrastWeight = 1;
    }
    this.sentenceEnds = false;
    this.questionRun = 0;
    this.dotRun = 0;
  }

  /** One word of the text; `phraseEnds`: nothing but punctuation or a particle follows it. */
  word(token: string, entry: TokenEntry | undefined, id: number, phraseEnds = false): void {
    // 吗 (and its colloquial 么) asks a question as a question mark does (这不是欺骗吗, 有意思么).
    if (token === '吗' || token === '么') this.current().questionMarks++;
    if (isHan(token)) this.hanWords++;
    this.questionRun = 0;
    this.dotRun = 0;
    const at = this.stream.length;
    this.stream.push(token);
    this.ids.push(id);
    this.marks.push((this.mods.negated ? MARK_NEGATED : 0) | (this.clauseStarts ? MARK_CLAUSE_START : 0));
    this.clauseStarts = false;
    const unknownChar = !entry && token.length === 1 && isHan(token) && FUNCTION_CHAR[token.charCodeAt(0)] === 0;
    const continuesName = unknownChar && this.lastWasUnknownChar;
    this.lastWasUnknownChar = unknownChar;
    if ((token === '没有' || token === '没') && phraseEnds && this.negatesWhatCameBefore(at)) return;
    if (token === '厉害' && this.intensifiesComplaint(at)) return;
    if (token === '就' && this.followsUseAndDuration(at)) this.current().soonAfterUse = true;
    if (entry?.looks) this.current().looks = true;
    if (!entry) {
      // 没吃几口就扔了: a negation does not reach past 就, 才, 把 … into the next verb phrase.
      if (this.mods.spanStart >= 0 && SCOPE_BREAKERS.has(token)) this.releaseModifiers();
      // 没有汉拿山好吃: jieba cuts a name it does not know into characters; together they are one word.
      else if (!continuesName) this.ageModifiers();
      if (this.aspectLeft > 0 && --this.aspectLeft === 0) {
        this.aspectGroups = null;
        this.aspectContribution = -1;
      }
      return;
    }
    if (entry.topics) {
      for (const hit of entry.topics) this.topicHits.push({ word: token, topic: hit.topic, weight: hit.weight, clause: this.clauses.length - 1 });
    }
    if (entry.contrast) {
      this.contrast(token, entry.contrast.kind, entry.contrast.factor);
      // A concessive word with its own polarity (推荐: a verdict, its clause counts more) goes on
      // as a sentiment word, so negation still reaches it (不推荐).
      if (entry.contrast.kind !== 'concessive' || entry.polarity === undefined) return;
    }
    if (entry.postDegree !== undefined && this.lastContributionAt === at - 1 && this.mods.spanStart < 0) {
      const last = this.contributions[this.contributions.length - 1] as Contribution;
      last.value *= entry.postDegree;
      last.text += token;
      this.lastContributionAt = at;
      return;
    }
    if (entry.rhetorical) {
      const clause = this.current();
      if (clause.rhetorical !== 'strong') {
        clause.rhetorical = entry.rhetorical;
        clause.rhetoricalWord = token;
      }
    }
    if (entry.aspectGroups) {
      this.aspectGroups = entry.aspectGroups;
      this.aspectLeft = ASPECT_WINDOW;
      this.aspectContribution = -1;
    }
    this.attributeResolved = false;
    if (entry.standalone) this.releaseModifiers();
    const resolved = this.resolveValue(entry);
    if (resolved !== undefined) {
      const value = this.withIrony(resolved);
      const spanStart = this.mods.spanStart >= 0 ? this.mods.spanStart : at;
      const text = spanStart === at ? token : this.stream.slice(spanStart, at + 1).join('');
      if (entry.aspectGroups) this.aspectContribution = this.contributions.length;
      else if (this.attributeResolved && this.aspectContribution >= 0) {
        // The attribute says how the aspect is (噪音不大, 异味没有): the aspect word's own lean goes.
        (this.contributions[this.aspectContribution] as Contribution).value = 0;
        this.aspectContribution = -1;
      }
      this.contributions.push({ text, value, clause: this.clauses.length - 1 });
      this.lastContributionAt = at;
      this.mods = new Modifiers();
      return;
    }
    const mods = this.mods;
    if (entry.negator !== undefined) {
      if (mods.fallback) this.releaseModifiers();
      this.mods.negations++;
      this.mods.negationStrength = Math.min(this.mods.negationStrength, entry.negator);
      this.mods.negationLeft = NEGATION_WINDOW;
      if (this.mods.spanStart < 0) this.mods.spanStart = at;
      if (entry.polarity !== undefined) this.mods.fallback = { text: token, value: entry.polarity };
      return;
    }
    if (entry.degree !== undefined) {
      if (mods.fallback && mods.negations === 0) this.releaseModifiers();
      const pending = this.mods;
      if (pending.negations % 2 === 1 && EMPHATIC_DEMONSTRATIVES.has(token) && this.sawExperienceSince(pending.spanStart, at)) {
        // 没见过这么差的, 从没吃到这么好吃的: "never met one so bad" says it is bad; nothing is negated.
        pending.negations = 0;
        pending.negationLeft = 0;
        pending.negationStrength = 1;
      }
      const degreeBefore = pending.degree;
      pending.degree = Math.min(pending.degree * entry.degree, 3);
      pending.degreeLeft = DEGREE_WINDOW;
      if (pending.negations === 0) pending.degreeBeforeNegation = true;
      if (entry.excessDegree) pending.excess = true;
      if (pending.spanStart < 0) pending.spanStart = at;
      if (entry.polarity !== undefined && pending.negations === 0) pending.fallback = { text: token, value: entry.polarity };
      else if (entry.polarity !== undefined && pending.negated) {
        // 不是太好, 没有想象的那么好: 好 ends the phrase, so it is the word negated (softened after a degree word).
        const softening = degreeBefore > 1 ? 0.7 : 1;
        const text = this.stream.slice(pending.spanStart, at + 1).join('');
        pending.fallback = { text, value: -entry.polarity * pending.negationStrength * softening };
      }
      return;
    }
    this.ageModifiers();
  }

  /**
   * 一点问题都没有, 一个坏的都没有, 什么效果也没有: 都/也 + 没有 negates what came before it, as
   * emphasis. A sentiment word there is turned round in full; with none, "not a bit of it" after a
   * quantifier (一点, 一个, 什么, 任何) is a complaint. Returns whether the 没有 was read so.
   */
  private negatesWhatCameBefore(at: number): boolean {
    const previous = this.stream[at - 1];
    // 问题都没解决, 一个都没坏: a 没 with words after it negates them, as usual.
    if ((previous !== '都' && previous !== '也') || this.aspectLeft > 0) return false;
    this.releaseModifiers();
    const clause = this.clauses.length - 1;
    const last = this.contributions[this.contributions.length - 1];
    // 没起球也没掉色: a phrase that holds a negation of its own is coordinated with what follows, not negated.
    if (last && last.clause === clause && last.value !== 0 && this.lastContributionAt >= at - 5 && !this.startsWithNegator(last.text)) {
      last.value = -last.value;
      last.text += '…' + previous + this.stream[at];
      this.lastContributionAt = at;
      return true;
    }
    for (let k = Math.max(0, at - 5); k < at - 1; k++) {
      if (!EMPHATIC_QUANTIFIERS.has(this.stream[k] as string)) continue;
      // 一点效果都没有 is a complaint; 一点渣都没有 is not, and what 渣 is the lexicon does not say.
      // 周边什么都没有: nothing at all is missing, a complaint too; so is 效果一点都没有.
      const missing = this.stream.slice(k + 1, at - 1);
      if (missing.length === 0 || missing.some((word) => EXPECTED_GOODS.has(word)) || EXPECTED_GOODS.has(this.stream[k - 1] ?? '')) {
        this.contributions.push({ text: this.stream.slice(k, at + 1).join(''), value: NOTHING_AT_ALL_VALUE, clause });
      }
      this.lastContributionAt = at;
      return true;
    }
    return false;
  }

  /** Whether a phrase begins with a one-character negator of the lexicon (没起球, 不好). */
  private startsWithNegator(text: string): boolean {
    return this.lexicon.tokens.get(text[0] as string)?.negator !== undefined;
  }

  /**
   * 掉色太厉害了, 卡得厉害: 厉害 right after a complaint says how bad it is, not that something is
   * impressive. Returns whether it was read so.
   */
  private intensifiesComplaint(at: number): boolean {
    const last = this.contributions[this.contributions.length - 1];
    if (!last || last.clause !== this.clauses.length - 1 || last.value >= 0 || this.lastContributionAt < at - 3) return false;
    last.value *= COMPLAINT_INTENSIFIER;
    last.text += '…厉害';
    this.lastContributionAt = at;
    this.mods = new Modifiers();
    return true;
  }

  /** Whether the words before 就 (at `at`) in this clause are a use and a span of time: 用了十天, 穿了两次. */
  private followsUseAndDuration(at: number): boolean {
    const from = Math.max(0, at - 6);
    for (let k = at - 1; k > from; k--) {
      if (breakKind(this.stream[k]) !== 0) return false;
      if (!isDuration(this.stream[k] as string)) continue;
      for (let v = k - 1; v >= from && v >= k - 3; v--) if (USE_VERBS.has(this.stream[v] as string)) return true;
    }
    return false;
  }

  /** Whether a word of experience (见过, 吃到, 遇到过: it ends in 过 or 到) stands between the two stream positions. */
  private sawExperienceSince(from: number, to: number): boolean {
    for (let k = Math.max(from, 0); k < to; k++) {
      const word = this.stream[k] as string;
      const last = word.charCodeAt(word.length - 1);
      if (last === GUO || last === DAO) return true;
    }
    return false;
  }

  finish(): Analysis {
    this.settleTurn();
    this.closeClause();
    const { contributions, clauses } = this;
    const clauseSums = new Array<number>(clauses.length).fill(0);
    let questions = 0;
    let exclamations = 0;
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c] as Clause;
      const end = c + 1 < clauses.length ? (clauses[c + 1] as Clause).start : contributions.length;
      if (clause.questionMarks > 0) questions++;
      exclamations += clause.exclamations;
      let weight = clause.weight;
      if (clause.exclamations > 0) weight *= 1 + 0.15 * Math.min(clause.exclamations, 3);
      const rhetorical = clause.rhetorical === 'strong' || (clause.rhetorical === 'weak' && clause.questionMarks > 0);
      // A plain question asserts little; a rhetorical one is a complaint.
      if (clause.questionMarks > 0 && !rhetorical) weight *= 0.5;
      let sum = 0;
      for (let k = clause.start; k < end; k++) {
        const item = contributions[k] as Contribution;
        const value = rhetorical && item.value > 0 ? -item.value * 0.8 : item.value;
        item.value = value * weight * clauseFactor(clause, value);
        sum += item.value;
      }
      if (rhetorical) {
        contributions.push({ text: clause.rhetoricalWord + '?', value: -0.8, clause: c });
        sum -= 0.8;
      }
      if (clause.questionMarks >= 2) {
        contributions.push({ text: '??', value: -0.5, clause: c });
        sum -= 0.5;
      }
      clauseSums[c] = sum;
    }

    let lexScore = 0;
    let positive = 0;
    let negative = 0;
    for (const item of contributions) {
      lexScore += item.value;
      if (item.value > 0) positive += item.value;
      else negative -= item.value;
    }
    // The last clause that says something: reviews tend to end on their verdict. (The first
    // clause and the mere presence of a contrast are deliberately not features: the calibration
    // learned from them to undo the contrast rule on hotel reviews.)
    let lastClause = 0;
    let positiveClauses = 0;
    let negativeClauses = 0;
    for (const sum of clauseSums) {
      if (sum === 0) continue;
      lastClause = sum;
      if (sum > 0) positiveClauses++;
      else negativeClauses++;
    }
    const dense = [
      Math.tanh(lexScore / 3),
      Math.sign(lexScore) * Math.log1p(Math.abs(lexScore)),
      Math.log1p(positive),
      Math.log1p(negative),
      Math.tanh(lastClause / 2),
      contributions.length === 0 ? 1 : 0,
      Math.min(this.danglingNegation, 3) / 3,
      Math.min(exclamations, 3) / 3,
      Math.min(this.repeatedQuestion, 2) / 2,
      Math.min(this.ellipsis, 2) / 2,
      Math.min(questions, 2) / 2,
      Math.log1p(positiveClauses),
      Math.log1p(negativeClauses),
      0, // learnedWords: set by the analyzer when it has them
    ];
    return {
      contributions,
      lexScore,
      clauseSums,
      topicHits: this.topicHits,
      dense,
      hanWords: this.hanWords,
      words: this.stream,
      marks: this.marks,
      learned: null,
    };
  }

  private current(): Clause {
    return this.clauses[this.clauses.length - 1] as Clause;
  }

  private contrast(word: string, kind: 'adversative' | 'concessive', factor: number): void {
    if (kind === 'concessive') {
      this.current().weight *= factor;
      return;
    }
    // Start a fresh clause at the conjunction; everything before it in this sentence weighs less.
    // A strong rhetorical marker reaches across it (难道这就是正品？).
    const before = this.current();
    const carried = before.rhetorical === 'strong' ? before.rhetoricalWord : '';
    if (before.start < this.contributions.length) this.closeClause();
    else this.releaseModifiers();
    if (carried && this.current() !== before) {
      this.current().rhetorical = 'strong';
      this.current().rhetoricalWord = carried;
      before.rhetorical = null;
    }
    for (let c = this.sentenceFirstClause; c < this.clauses.length - 1; c++) (this.clauses[c] as Clause).weight /= factor;
    this.afterContrastWeight = factor;
    this.current().weight = factor;
    if (TURN_WORDS.has(word)) this.turn = { word, contributionsBefore: this.contributions.length };
  }

  /**
   * A turn (可惜, 可是, 但是 …) followed, to the end of its sentence, by no sentiment word at all
   * still says that what follows is bad: 外观很漂亮，可惜用了十天屏幕就出现一条竖线.
   */
  private settleTurn(): void {
    const turn = this.turn;
    this.turn = null;
    if (!turn || this.contributions.length > turn.contributionsBefore) return;
    this.releaseModifiers();
    if (this.contributions.length > turn.contributionsBefore) return;
    this.contributions.push({ text: turn.word + '…', value: DANGLING_TURN_VALUE, clause: this.clauses.length - 1 });
  }

  private closeClause(): void {
    this.releaseModifiers();
    this.aspectGroups = null;
    this.aspectContribution = -1;
    const clause = this.current();
    if (clause.soonAfterUse && clause.start === this.contributions.length) {
      // 用了十天屏幕就出现一条竖线: what happened so soon after use began, told as a plain fact, is a failure.
      this.contributions.push({ text: '用了…就', value: SOON_AFTER_USE_VALUE, clause: this.clauses.length - 1 });
    }
    if (clause.start < this.contributions.length || clause.questionMarks > 0 || clause.exclamations > 0 || clause.rhetorical === 'strong') {
      this.clauses.push(newClause(this.contributions.length, this.afterContrastWeight));
    } else {
      // An empty clause is reused: forget what its words said about it.
      this.clauses[this.clauses.length - 1] = newClause(clause.start, this.afterContrastWeight);
    }
  }

  /** A sentiment word's value, turned round if it stands in scare quotes (praise only: "差" is just quoted). */
  private withIrony(value: number): number {
    const ironic = this.ironic;
    this.ironic = false;
    return ironic && value > 0 ? -value : value;
  }

  /** Pending modifiers end: a modifier with its own polarity speaks for itself. */
  private releaseModifiers(): void {
    const mods = this.mods;
    if (mods.fallback) {
      this.contributions.push({ text: mods.fallback.text, value: this.withIrony(mods.fallback.value), clause: this.clauses.length - 1 });
      this.lastContributionAt = this.stream.length - 1;
    } else if (mods.negations % 2 === 1 && mods.spanStart >= 0 && this.stream.length - 1 > mods.spanStart) {
      // 没给, 没有肉, 不是我要的: a negation with no sentiment word after it is a mild complaint.
      this.danglingNegation++;
      const text = this.stream.slice(mods.spanStart, mods.spanStart + 2).join('');
      const stopped = this.stream.indexOf('了', mods.spanStart + 1) >= 0 ? STOPPED_FACTOR : 1;
      this.contributions.push({ text, value: DANGLING_NEGATION_VALUE * mods.negationStrength * stopped, clause: this.clauses.length - 1 });
    }
    if (mods.spanStart >= 0) this.mods = new Modifiers();
  }

  /** One more word passed that was not what the modifiers were waiting for. */
  private ageModifiers(): void {
    const mods = this.mods;
    if (mods.spanStart < 0) return;
    if (mods.fallback && mods.negations === 0) {
      this.releaseModifiers();
      return;
    }
    if (mods.negationLeft > 0) mods.negationLeft--;
    if (mods.degreeLeft > 0) mods.degreeLeft--;
    if (mods.negationLeft === 0 && mods.degreeLeft === 0) this.releaseModifiers();
  }

  /** The value of a sentiment-bearing token under the pending modifiers, or undefined if it bears none here. */
  private resolveValue(entry: TokenEntry): number | undefined {
    const mods = this.mods;
    let base: number | undefined;
    if (this.aspectGroups && entry.attributeWeights) {
      for (const group of this.aspectGroups) {
        const weight = entry.attributeWeights.get(group);
        if (weight !== undefined) {
          base = weight;
          this.attributeResolved = true;
          break;
        }
      }
    }
    if (base === undefined && mods.excess && mods.degreeLeft > 0 && entry.excessAttribute) base = -0.9;
    // Modifier words with their own polarity (好, 不够) act as modifiers first.
    if (base === undefined && entry.polarity !== undefined && entry.negator === undefined && entry.degree === undefined) base = entry.polarity;
    if (base === undefined) return undefined;

    const negated = mods.negated;
    const degree = mods.degreeLeft > 0 || negated ? mods.degree : 1;
    if (!negated) return base * degree;
    if (base < 0) return -base * 0.6 * mods.negationStrength; // 不差, 没问题: positive, but weakly
    // 很不好 keeps the degree; 不很好 / 不太好 is a softened negative.
    const softening = mods.degreeBeforeNegation ? degree : degree > 1 ? 0.7 : 1;
    return -base * mods.negationStrength * softening;
  }
}
