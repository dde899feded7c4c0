// scripts/sentiment-tmp-k.ts
import { Jieba as Jieba2 } from "@node-rs/jieba";

// electron/core/sentiment/engine.ts
import fs3 from "node:fs";
import path2 from "node:path";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

// electron/core/sentiment/analyzer.ts
var DENSE_FEATURE_NAMES = [
  "lex",
  "lexLog",
  "positiveLog",
  "negativeLog",
  "lastClause",
  "noEvidence",
  "danglingNegation",
  "exclamation",
  "repeatedQuestion",
  "ellipsis",
  "question",
  "positiveClauses",
  "negativeClauses"
];
var NEGATION_WINDOW = 3;
var SCOPE_BREAKERS = /* @__PURE__ */ new Set(["\u5C31", "\u624D", "\u628A", "\u88AB", "\u5374", "\u800C\u4E14", "\u5E76\u4E14", "\u7136\u540E", "\u7ED3\u679C", "\u6240\u4EE5", "\u56E0\u4E3A", "\u53C8", "\u518D"]);
var DANGLING_NEGATION_VALUE = -0.5;
var DEGREE_WINDOW = 2;
var ASPECT_WINDOW = 6;
var MAX_DECOMPOSED_LENGTH = 6;
var DECOMPOSITION_CACHE_LIMIT = 2e5;
var UNKNOWN_CHAR_COST = 3;
var BREAK_KIND = new Uint8Array(65536);
for (const char of ",:~\u3001\xB7()[]{}<>\"'\u201C\u201D\u2018\u2019\u300C\u300D\u300E\u300F\u3010\u3011\u300A\u300B/\\|-\u2014_=+*&#@$%^` 	") BREAK_KIND[char.charCodeAt(0)] = 1;
for (const char of ".!?;\u3002\u2026") BREAK_KIND[char.charCodeAt(0)] = 2;
var EXCLAMATION = "!".charCodeAt(0);
var QUESTION = "?".charCodeAt(0);
var DOT = ".".charCodeAt(0);
var FULL_STOP = "\u3002".charCodeAt(0);
var ELLIPSIS = "\u2026".charCodeAt(0);
function breakKind(token) {
  return token === void 0 ? 0 : BREAK_KIND[token.charCodeAt(0)];
}
function twoCharKey(first, second) {
  return (first & 32767) << 15 | second & 32767;
}
function isHan(token) {
  const code = token.charCodeAt(0);
  return code >= 19968 && code <= 40959;
}
function newClause(start, weight) {
  return { start, weight, questionMarks: 0, exclamations: 0, rhetorical: null, rhetoricalWord: "" };
}
var Modifiers = class {
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
  fallback = null;
  get negated() {
    return this.negations % 2 === 1 && this.negationLeft > 0;
  }
};
var Analyzer = class {
  constructor(lexicon, jieba) {
    this.lexicon = lexicon;
    this.jieba = jieba;
    for (const word of lexicon.tokens.keys()) {
      if (word.length === 2) this.twoCharWords.add(twoCharKey(word.charCodeAt(0), word.charCodeAt(1)));
      if (word.length === 1) this.isEntry[word.charCodeAt(0)] = 1;
    }
    const sorted = [...lexicon.rawEmoticons].sort((a, b) => b.text.length - a.text.length);
    for (const emoticon of sorted) {
      const first = emoticon.text[0];
      const group = this.emoticonsByFirstChar.get(first) ?? [];
      group.push(emoticon);
      this.emoticonsByFirstChar.set(first, group);
      this.emoticonStart[first.charCodeAt(0)] = 1;
    }
  }
  lexicon;
  jieba;
  /** Emoticons grouped by first character: one indexOf rules most texts out. */
  emoticonsByFirstChar = /* @__PURE__ */ new Map();
  /** Each token seen, with its lexicon entry; jieba keeps many compounds whole (速度快, 挺好吃), and those come in pieces. */
  resolved = /* @__PURE__ */ new Map();
  /**
   * Two-character lexicon words as a small-integer key of their code units (15 bits each, so V8
   * keeps it unboxed; a rare collision only costs the exact lookup after it), and one-character entries.
   */
  twoCharWords = /* @__PURE__ */ new Set();
  isEntry = new Uint8Array(65536);
  emoticonStart = new Uint8Array(65536);
  /** One-character tokens by code unit (a packed array: Array.from keeps it out of dictionary mode). */
  singleChars = Array.from({ length: 65536 }, () => null);
  analyze(text) {
    const run = new AnalysisRun(this.lexicon);
    const scanned = this.takeEmoticons(text, run);
    const tokens = this.jieba.cut(scanned, false);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const kind = breakKind(token);
      if (kind !== 0) {
        run.punctuation(token, kind, breakKind(tokens[i + 1]) !== 0);
        continue;
      }
      const pieces = this.resolve(token);
      if (pieces === null) {
        run.word(token, void 0);
        continue;
      }
      for (let p = 0; p < pieces.length; p++) {
        const piece = pieces[p];
        run.word(piece.text, piece.entry);
      }
    }
    return run.finish();
  }
  takeEmoticons(text, run) {
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
        scanned = scanned.split(emoticon.text).join(" ");
      }
    }
    return scanned;
  }
  /**
   * Splits an unknown compound into lexicon pieces by forward maximum matching, but only when
   * every character is covered and the pieces carry sentiment the way a phrase would
   * (挺+好吃, 速度+快, 好+极了). 好像 or 好多 stay whole.
   */
  decompose(token) {
    if (token.length < 2 || token.length > MAX_DECOMPOSED_LENGTH || !isHan(token)) return null;
    const pieces = this.segment(token);
    return pieces !== null && pieces.length > 1 && this.carriesSentiment(pieces) ? pieces : null;
  }
  /** A token's lexicon entries, decomposed when needed; one Map lookup per token once cached. */
  resolve(token) {
    if (token.length === 2) {
      const first = token.charCodeAt(0);
      const second = token.charCodeAt(1);
      if (!this.twoCharWords.has(twoCharKey(first, second)) && (this.isEntry[first] === 0 || this.isEntry[second] === 0)) return null;
    }
    if (token.length === 1) {
      const code = token.charCodeAt(0);
      let single = this.singleChars[code];
      if (single === null) {
        single = [{ text: token, entry: this.lexicon.tokens.get(token) }];
        this.singleChars[code] = single;
      }
      return single;
    }
    const cached = this.resolved.get(token);
    if (cached !== void 0) return cached;
    const entry = this.lexicon.tokens.get(token);
    const pieces = entry === void 0 ? this.decompose(token) : null;
    const result = pieces ? pieces.map((text) => ({ text, entry: this.lexicon.tokens.get(text) })) : [{ text: token, entry }];
    if (this.resolved.size >= DECOMPOSITION_CACHE_LIMIT) this.resolved.clear();
    this.resolved.set(token, result);
    return result;
  }
  /**
   * The cheapest cover of the token by lexicon pieces (each shorter than the token, at most 4
   * characters), or null. Dynamic programming, so 挺好吃 is 挺+好吃 even though 挺好 is a word.
   * Characters outside the lexicon may be left over (携带+方便, 码数+正好) at a high cost; a run
   * of them becomes one piece without an entry.
   */
  segment(token) {
    const n = token.length;
    const best = new Array(n + 1).fill(Infinity);
    const from = new Array(n + 1).fill(-1);
    best[0] = 0;
    for (let end = 1; end <= n; end++) {
      for (let length = 1; length <= Math.min(4, end); length++) {
        const start = end - length;
        if (best[start] === Infinity || length === n) continue;
        const known = this.lexicon.tokens.has(token.slice(start, end));
        if (!known && length > 1) continue;
        const cost = best[start] + (known ? 1 : UNKNOWN_CHAR_COST);
        if (cost < best[end]) {
          best[end] = cost;
          from[end] = start;
        }
      }
    }
    if (best[n] === Infinity) return null;
    const pieces = [];
    let unknownRun = "";
    for (let end = n; end > 0; end = from[end]) {
      const piece = token.slice(from[end], end);
      if (piece.length === 1 && !this.lexicon.tokens.has(piece)) {
        unknownRun = piece + unknownRun;
        continue;
      }
      if (unknownRun) pieces.unshift(unknownRun);
      unknownRun = "";
      pieces.unshift(piece);
    }
    if (unknownRun) pieces.unshift(unknownRun);
    return pieces;
  }
  carriesSentiment(pieces) {
    const entries = pieces.map((piece) => this.lexicon.tokens.get(piece));
    const complete = entries.every((entry) => entry !== void 0);
    return entries.some((entry, k) => {
      if (!entry) return false;
      const piece = pieces[k];
      const previous = entries[k - 1];
      if (entry.polarity !== void 0 && piece.length >= 2 && entry.negator === void 0 && entry.degree === void 0) return true;
      if (!complete || !previous) return false;
      if ((previous.degree !== void 0 || previous.negator !== void 0) && (entry.polarity !== void 0 || entry.attributeWeights)) return true;
      if (previous.aspectGroups && entry.attributeWeights) return true;
      return previous.polarity !== void 0 && entry.postDegree !== void 0;
    });
  }
};
var AnalysisRun = class {
  constructor(lexicon) {
    this.lexicon = lexicon;
  }
  lexicon;
  contributions = [];
  topicHits = [];
  clauses = [newClause(0, 1)];
  mods = new Modifiers();
  aspectGroups = null;
  aspectLeft = 0;
  sentenceFirstClause = 0;
  afterContrastWeight = 1;
  /** Stream position of the last sentiment word, for post-degree words (好吃极了). */
  lastContributionAt = -2;
  position = 0;
  sentenceEnds = false;
  questionRun = 0;
  dotRun = 0;
  ellipsis = 0;
  repeatedQuestion = 0;
  danglingNegation = 0;
  hanWords = 0;
  /** The processed words of the text, for phrase texts such as 不太好. */
  stream = [];
  emoticon(text, weight) {
    this.contributions.push({ text, value: weight, clause: 0 });
  }
  punctuation(token, kind, moreFollows) {
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
    if (moreFollows) return;
    this.closeClause();
    if (this.sentenceEnds) {
      this.sentenceFirstClause = this.clauses.length - 1;
      this.afterContrastWeight = 1;
    }
    this.sentenceEnds = false;
    this.questionRun = 0;
    this.dotRun = 0;
  }
  word(token, entry) {
    if (isHan(token)) this.hanWords++;
    this.questionRun = 0;
    this.dotRun = 0;
    const at = this.stream.length;
    this.stream.push(token);
    if (!entry) {
      if (SCOPE_BREAKERS.has(token) && this.mods.spanStart >= 0) this.releaseModifiers();
      else this.ageModifiers();
      if (this.aspectLeft > 0 && --this.aspectLeft === 0) this.aspectGroups = null;
      return;
    }
    if (entry.topics) {
      for (const hit of entry.topics) this.topicHits.push({ word: token, topic: hit.topic, weight: hit.weight, clause: this.clauses.length - 1 });
    }
    if (entry.contrast) {
      this.contrast(entry.contrast.kind, entry.contrast.factor);
      return;
    }
    if (entry.postDegree !== void 0 && this.lastContributionAt === at - 1 && this.mods.spanStart < 0) {
      const last = this.contributions[this.contributions.length - 1];
      last.value *= entry.postDegree;
      last.text += token;
      this.lastContributionAt = at;
      return;
    }
    if (entry.rhetorical) {
      const clause = this.current();
      if (clause.rhetorical !== "strong") {
        clause.rhetorical = entry.rhetorical;
        clause.rhetoricalWord = token;
      }
    }
    if (entry.aspectGroups) {
      this.aspectGroups = entry.aspectGroups;
      this.aspectLeft = ASPECT_WINDOW;
    }
    const value = this.resolveValue(entry);
    if (value !== void 0) {
      const spanStart = this.mods.spanStart >= 0 ? this.mods.spanStart : at;
      const text = spanStart === at ? token : this.stream.slice(spanStart, at + 1).join("");
      this.contributions.push({ text, value, clause: this.clauses.length - 1 });
      this.lastContributionAt = at;
      this.mods = new Modifiers();
      return;
    }
    const mods = this.mods;
    if (entry.negator !== void 0) {
      if (mods.fallback) this.releaseModifiers();
      this.mods.negations++;
      this.mods.negationStrength = Math.min(this.mods.negationStrength, entry.negator);
      this.mods.negationLeft = NEGATION_WINDOW;
      if (this.mods.spanStart < 0) this.mods.spanStart = at;
      if (entry.polarity !== void 0) this.mods.fallback = { text: token, value: entry.polarity };
      return;
    }
    if (entry.degree !== void 0) {
      if (mods.fallback && mods.negations === 0) this.releaseModifiers();
      const pending = this.mods;
      pending.degree = Math.min(pending.degree * entry.degree, 3);
      pending.degreeLeft = DEGREE_WINDOW;
      if (pending.negations === 0) pending.degreeBeforeNegation = true;
      if (entry.excessDegree) pending.excess = true;
      if (pending.spanStart < 0) pending.spanStart = at;
      if (entry.polarity !== void 0 && pending.negations === 0) pending.fallback = { text: token, value: entry.polarity };
      return;
    }
    this.ageModifiers();
  }
  finish() {
    this.closeClause();
    const { contributions, clauses } = this;
    const clauseSums = new Array(clauses.length).fill(0);
    let questions = 0;
    let exclamations = 0;
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c];
      const end = c + 1 < clauses.length ? clauses[c + 1].start : contributions.length;
      if (clause.questionMarks > 0) questions++;
      exclamations += clause.exclamations;
      let weight = clause.weight;
      if (clause.exclamations > 0) weight *= 1 + 0.15 * Math.min(clause.exclamations, 3);
      const rhetorical = clause.rhetorical === "strong" || clause.rhetorical === "weak" && clause.questionMarks > 0;
      if (clause.questionMarks > 0 && !rhetorical) weight *= 0.5;
      let sum = 0;
      for (let k = clause.start; k < end; k++) {
        const item = contributions[k];
        const value = rhetorical && item.value > 0 ? -item.value * 0.8 : item.value;
        item.value = value * weight;
        sum += item.value;
      }
      if (rhetorical) {
        contributions.push({ text: clause.rhetoricalWord + "?", value: -0.8, clause: c });
        sum -= 0.8;
      }
      if (clause.questionMarks >= 2) {
        contributions.push({ text: "??", value: -0.5, clause: c });
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
      Math.log1p(negativeClauses)
    ];
    return { contributions, lexScore, clauseSums, topicHits: this.topicHits, dense, hanWords: this.hanWords };
  }
  current() {
    return this.clauses[this.clauses.length - 1];
  }
  contrast(kind, factor) {
    if (kind === "concessive") {
      this.current().weight *= factor;
      return;
    }
    const before = this.current();
    const carried = before.rhetorical === "strong" ? before.rhetoricalWord : "";
    if (before.start < this.contributions.length) this.closeClause();
    else this.releaseModifiers();
    if (carried && this.current() !== before) {
      this.current().rhetorical = "strong";
      this.current().rhetoricalWord = carried;
      before.rhetorical = null;
    }
    for (let c = this.sentenceFirstClause; c < this.clauses.length - 1; c++) this.clauses[c].weight /= factor;
    this.afterContrastWeight = factor;
    this.current().weight = factor;
  }
  closeClause() {
    this.releaseModifiers();
    this.aspectGroups = null;
    const clause = this.current();
    if (clause.start < this.contributions.length || clause.questionMarks > 0 || clause.exclamations > 0 || clause.rhetorical === "strong") {
      this.clauses.push(newClause(this.contributions.length, this.afterContrastWeight));
    } else {
      this.clauses[this.clauses.length - 1] = newClause(clause.start, this.afterContrastWeight);
    }
  }
  /** Pending modifiers end: a modifier with its own polarity speaks for itself. */
  releaseModifiers() {
    const mods = this.mods;
    if (mods.fallback) {
      this.contributions.push({ ...mods.fallback, clause: this.clauses.length - 1 });
      this.lastContributionAt = this.stream.length - 1;
    } else if (mods.negations % 2 === 1 && mods.spanStart >= 0 && this.stream.length - 1 > mods.spanStart) {
      this.danglingNegation++;
      const text = this.stream.slice(mods.spanStart, mods.spanStart + 2).join("");
      this.contributions.push({ text, value: DANGLING_NEGATION_VALUE * mods.negationStrength, clause: this.clauses.length - 1 });
    }
    if (mods.spanStart >= 0) this.mods = new Modifiers();
  }
  /** One more word passed that was not what the modifiers were waiting for. */
  ageModifiers() {
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
  resolveValue(entry) {
    const mods = this.mods;
    let base;
    if (this.aspectGroups && entry.attributeWeights) {
      for (const group of this.aspectGroups) {
        const weight = entry.attributeWeights.get(group);
        if (weight !== void 0) {
          base = weight;
          break;
        }
      }
    }
    if (base === void 0 && mods.excess && mods.degreeLeft > 0 && entry.excessAttribute) base = -0.9;
    if (base === void 0 && entry.polarity !== void 0 && entry.negator === void 0 && entry.degree === void 0) base = entry.polarity;
    if (base === void 0) return void 0;
    const negated = mods.negated;
    const degree = mods.degreeLeft > 0 || negated ? mods.degree : 1;
    if (!negated) return base * degree;
    if (base < 0) return -base * 0.6 * mods.negationStrength;
    const softening = mods.degreeBeforeNegation ? degree : degree > 1 ? 0.7 : 1;
    return -base * mods.negationStrength * softening;
  }
};

// electron/core/sentiment/lexicon.ts
import fs from "node:fs";
import path from "node:path";

// electron/core/sentiment/types.ts
var TOPICS = [
  "quality",
  "logistics",
  "customer_service",
  "false_advertising",
  "safety",
  "price",
  "fraud",
  "other"
];

// electron/core/sentiment/lexicon.ts
var EXCESS_DEGREE_WORDS = /* @__PURE__ */ new Set(["\u592A", "\u592A\u8FC7", "\u8FC7\u4E8E", "\u504F", "\u6709\u70B9", "\u6709\u70B9\u513F", "\u6709\u4E9B", "\u7565", "\u7565\u5FAE", "\u7A0D", "\u7A0D\u5FAE", "\u4E00\u70B9", "\u6709\u4E00\u70B9", "\u8D85", "\u5DE8"]);
function loadLexicon(resourcesDir) {
  const dir = path.join(resourcesDir, "sentiment");
  const tokens = /* @__PURE__ */ new Map();
  const rawEmoticons = [];
  const entry = (word) => {
    let found = tokens.get(word);
    if (!found) {
      found = {
        polarity: void 0,
        negator: void 0,
        degree: void 0,
        postDegree: void 0,
        excessDegree: void 0,
        excessAttribute: void 0,
        contrast: void 0,
        aspectGroups: void 0,
        attributeWeights: void 0,
        rhetorical: void 0,
        topics: void 0
      };
      tokens.set(word, found);
    }
    return found;
  };
  for (const [word, weight] of readWeighted(dir, "polarity.tsv")) entry(word).polarity = weight;
  for (const [word, strength] of readWeighted(dir, "negators.tsv")) entry(word).negator = strength;
  for (const [word, multiplier] of readWeighted(dir, "degree.tsv")) {
    const e = entry(word);
    e.degree = multiplier;
    if (EXCESS_DEGREE_WORDS.has(word)) e.excessDegree = true;
  }
  for (const [word, multiplier] of readWeighted(dir, "post-degree.tsv")) entry(word).postDegree = multiplier;
  for (const fields of readRows(dir, "contrast.tsv")) {
    const [word, kind, factor] = fields;
    if (!word || kind !== "adversative" && kind !== "concessive") throw badLine("contrast.tsv", fields);
    entry(word).contrast = { kind, factor: parseNumber(factor, "contrast.tsv") };
  }
  for (const fields of readRows(dir, "aspects.tsv")) {
    const [group, aspects, attributes] = fields;
    if (!group || !aspects || !attributes) throw badLine("aspects.tsv", fields);
    for (const aspect of aspects.split(" ").filter(Boolean)) {
      const e = entry(aspect);
      (e.aspectGroups ??= []).push(group);
    }
    for (const pair of attributes.split(" ").filter(Boolean)) {
      const [word, weight] = splitWeight(pair, "aspects.tsv");
      (entry(word).attributeWeights ??= /* @__PURE__ */ new Map()).set(group, weight);
    }
  }
  for (const line of readLines(dir, "excess.txt")) {
    for (const word of line.split(/\s+/).filter(Boolean)) entry(word).excessAttribute = true;
  }
  for (const line of readLines(dir, "rhetorical.txt")) {
    const strong = line.startsWith("*");
    entry(strong ? line.slice(1) : line).rhetorical = strong ? "strong" : "weak";
  }
  for (const line of readLines(dir, "neutral.txt")) {
    for (const word of line.split(/\s+/).filter(Boolean)) entry(word.normalize("NFKC").toLowerCase());
  }
  for (const [symbol, weight] of readWeighted(dir, "emoji.tsv")) {
    if ([...symbol].length === 1) entry(symbol).polarity = weight;
    else rawEmoticons.push({ text: symbol, weight });
  }
  for (const fields of readRows(dir, "topics.tsv")) {
    const [topicName, words] = fields;
    if (!topicName || !words || !isTopic(topicName)) throw badLine("topics.tsv", fields);
    for (const item of words.split(" ").filter(Boolean)) {
      const [word, weight] = item.includes(":") ? splitWeight(item, "topics.tsv") : [item, 1];
      (entry(word).topics ??= []).push({ topic: topicName, weight });
    }
  }
  inheritTopics(tokens);
  const phrases = [...tokens.keys()].filter((word) => [...word].length > 1 && /[\u4e00-\u9fff]/.test(word));
  return { tokens, rawEmoticons, phrases };
}
function inheritTopics(tokens) {
  const keywords = [...tokens].filter(([word, entry]) => entry.topics && word.length >= 2).sort((a, b) => b[0].length - a[0].length);
  for (const [word, entry] of tokens) {
    if (entry.topics || word.length < 3) continue;
    const found = keywords.find(([keyword]) => keyword.length < word.length && word.includes(keyword));
    if (found) entry.topics = found[1].topics;
  }
}
function isTopic(name) {
  return TOPICS.includes(name);
}
function readLines(dir, file2) {
  const full = path.join(dir, file2);
  let text;
  try {
    text = fs.readFileSync(full, "utf8");
  } catch {
    throw new Error(`sentiment lexicon file not found: ${full}`);
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function readRows(dir, file2) {
  return readLines(dir, file2).map((line) => line.split("	").map((field) => field.trim()));
}
function readWeighted(dir, file2) {
  return readRows(dir, file2).map((fields) => {
    const [word, weight] = fields;
    if (!word || weight === void 0) throw badLine(file2, fields);
    return [word.normalize("NFKC").toLowerCase(), parseNumber(weight, file2)];
  });
}
function splitWeight(pair, file2) {
  const at = pair.lastIndexOf(":");
  const word = pair.slice(0, at);
  if (!word) throw new Error(`bad entry "${pair}" in ${file2}`);
  return [word.normalize("NFKC").toLowerCase(), parseNumber(pair.slice(at + 1), file2)];
}
function parseNumber(text, file2) {
  const value = Number(text);
  if (text === void 0 || text === "" || !Number.isFinite(value)) throw new Error(`bad number "${text}" in ${file2}`);
  return value;
}
function badLine(file2, fields) {
  return new Error(`bad line in ${file2}: ${fields.join("\\t")}`);
}

// electron/core/sentiment/model.ts
import fs2 from "node:fs";
var CALIBRATION_FORMAT = "ops-cockpit-sentiment-calibration/1";
function loadCalibration(file2) {
  let parsed;
  try {
    parsed = JSON.parse(fs2.readFileSync(file2, "utf8"));
  } catch (error) {
    const reason = error.code === "ENOENT" ? "file not found" : "not valid JSON";
    throw new Error(`cannot load sentiment calibration ${file2}: ${reason}`, { cause: error });
  }
  const model = parsed;
  if (model.format !== CALIBRATION_FORMAT || typeof model.bias !== "number" || typeof model.weights !== "object" || model.weights === null) {
    throw new Error(`cannot load sentiment calibration ${file2}: not a ${CALIBRATION_FORMAT} file`);
  }
  return toCalibration(model);
}
function toCalibration(file2) {
  const weights = file2.weights;
  return { bias: file2.bias, weights: DENSE_FEATURE_NAMES.map((name) => typeof weights[name] === "number" ? weights[name] : 0) };
}
function calibratedLogit(calibration, analysis) {
  let logit = calibration.bias;
  for (let f = 0; f < calibration.weights.length; f++) logit += calibration.weights[f] * analysis.dense[f];
  return logit;
}

// electron/core/sentiment/normalize.ts
var MAX_SCORED_CHARS = 2e3;
function isInvisible(code) {
  return code <= 31 || code >= 127 && code <= 159 || code >= 8203 && code <= 8207 || code >= 8234 && code <= 8238 || code >= 8288 && code <= 8292 || code >= 65024 && code <= 65039 || code === 65279;
}
function normalizeText(raw) {
  if (typeof raw !== "string" || raw.length === 0) return "";
  let text = raw.length > MAX_SCORED_CHARS * 2 ? raw.slice(0, MAX_SCORED_CHARS * 2) : raw;
  if (text.length <= MAX_SCORED_CHARS && isPlain(text)) return text.trim();
  if (text.includes("&")) text = decodeEntities(text);
  text = stripInvisible(text).normalize("NFKC");
  if (text.length > MAX_SCORED_CHARS) text = text.slice(0, MAX_SCORED_CHARS);
  return stripInvisible(text).toLowerCase().trim();
}
function isPlain(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 19968 && code <= 40959) continue;
    if (code >= 32 && code < 127) {
      if (code >= 65 && code <= 90 || code === 38) return false;
      continue;
    }
    if (code === 12289 || code === 12290) continue;
    return false;
  }
  return true;
}
function stripInvisible(text) {
  let out = null;
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let drop = false;
    let width = 1;
    if (code >= 55296 && code <= 56319) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 56320 && next <= 57343) width = 2;
      else drop = true;
    } else if (code >= 56320 && code <= 57343) {
      drop = true;
    } else if (code < 32 || code >= 127 && code <= 65279) {
      drop = isInvisible(code);
    }
    if (drop) {
      out ??= [];
      out.push(text.slice(copiedUpTo, i), " ");
      copiedUpTo = i + 1;
    }
    if (width === 2) i++;
  }
  if (!out) return text;
  out.push(text.slice(copiedUpTo));
  return out.join("");
}
var NAMED_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 1114111 && !(code >= 55296 && code <= 57343) ? String.fromCodePoint(code) : " ";
  });
}

// electron/core/sentiment/topic.ts
var PRIORITY = ["safety", "fraud", "false_advertising", "customer_service", "logistics", "quality", "price"];
var MIN_TOPIC_SCORE = 0.5;
function classifyTopic(analysis) {
  const totals = /* @__PURE__ */ new Map();
  const wordsByTopic = /* @__PURE__ */ new Map();
  for (const hit of analysis.topicHits) {
    const clauseSum = analysis.clauseSums[hit.clause] ?? 0;
    const weight = hit.weight * (clauseSum < 0 ? 1 : clauseSum > 0 ? 0.2 : 0.6);
    totals.set(hit.topic, (totals.get(hit.topic) ?? 0) + weight);
    let words2 = wordsByTopic.get(hit.topic);
    if (!words2) wordsByTopic.set(hit.topic, words2 = /* @__PURE__ */ new Map());
    words2.set(hit.word, (words2.get(hit.word) ?? 0) + weight);
  }
  let best = null;
  let bestScore = MIN_TOPIC_SCORE;
  for (const topic of PRIORITY) {
    const total = totals.get(topic) ?? 0;
    if (total > bestScore + 1e-9) {
      best = topic;
      bestScore = total;
    }
  }
  if (!best) return { topic: "other", topicWords: [] };
  const words = [...wordsByTopic.get(best) ?? /* @__PURE__ */ new Map()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  return { topic: best, topicWords: words };
}

// electron/core/sentiment/engine.ts
var DEFAULT_CALIBRATION_FILE = path2.join("sentiment", "calibration.json");
var NEUTRAL_BAND = 0.02;
var MAX_DRIVERS = 8;
var NO_EVIDENCE_CAP = 0.15;
var MIN_WORDS_TO_LEAN = 2;
var NO_EVIDENCE_DRIVER = "\uFF08\u65E0\u60C5\u611F\u8BCD\uFF1A\u6309\u9648\u8FF0\u8BED\u6C14\u5224\u65AD\uFF09";
var PHRASE_FREQUENCY = 500;
function createSentimentEngine(options) {
  const lexicon = loadLexicon(options.resourcesDir);
  const jieba = createSegmenter(lexicon);
  const analyzer = new Analyzer(lexicon, jieba);
  const calibration = resolveCalibration(options);
  const score = (text) => {
    const normalized = normalizeText(text);
    if (normalized === "") return neutralResult();
    return decide(analyzer.analyze(normalized), calibration);
  };
  return {
    score,
    scoreMany: (texts2) => texts2.map(score),
    calibrated: calibration !== null
  };
}
function createSegmenter(lexicon) {
  const jieba = Jieba.withDict(dict);
  const missing = lexicon.phrases.filter((phrase) => jieba.cut(phrase, false).length > 1);
  if (missing.length > 0) jieba.loadDict(Buffer.from(missing.map((phrase) => `${phrase} ${PHRASE_FREQUENCY}`).join("\n") + "\n"));
  return jieba;
}
function resolveCalibration(options) {
  if (options.calibrationFile === null) return null;
  if (options.calibrationFile !== void 0) return loadCalibration(options.calibrationFile);
  const shipped = path2.join(options.resourcesDir, DEFAULT_CALIBRATION_FILE);
  return fs3.existsSync(shipped) ? loadCalibration(shipped) : null;
}
function scoreAnalysis(analysis, calibration) {
  if (analysis.contributions.length === 0) {
    if (!calibration || analysis.hanWords < MIN_WORDS_TO_LEAN) return 0;
    const lean = Math.tanh(calibratedLogit(calibration, analysis) / 2);
    return Math.round(Math.max(-NO_EVIDENCE_CAP, Math.min(NO_EVIDENCE_CAP, lean)) * 1e3) / 1e3;
  }
  const score = calibration ? Math.tanh(calibratedLogit(calibration, analysis) / 2) : Math.tanh(analysis.lexScore / 3);
  return Math.round(score * 1e3) / 1e3;
}
function labelOf(score) {
  return score >= NEUTRAL_BAND ? "positive" : score <= -NEUTRAL_BAND ? "negative" : "neutral";
}
function decide(analysis, calibration) {
  const score = scoreAnalysis(analysis, calibration);
  const label = labelOf(score);
  const drivers = collectDrivers(analysis);
  if (analysis.contributions.length === 0 && score !== 0) drivers.push({ text: NO_EVIDENCE_DRIVER, weight: score });
  if (label !== "negative") return { score, label, topic: null, drivers, topicWords: [] };
  const { topic, topicWords } = classifyTopic(analysis);
  return { score, label, topic, drivers, topicWords };
}
function collectDrivers(analysis) {
  const texts2 = [];
  const weights = [];
  for (const item of analysis.contributions) {
    const at = texts2.indexOf(item.text);
    if (at === -1) {
      texts2.push(item.text);
      weights.push(item.value);
    } else weights[at] = weights[at] + item.value;
  }
  const drivers = [];
  for (let k = 0; k < texts2.length; k++) {
    const weight = weights[k];
    if (weight !== 0) drivers.push({ text: texts2[k], weight });
  }
  drivers.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  if (drivers.length > MAX_DRIVERS) drivers.length = MAX_DRIVERS;
  for (const driver of drivers) driver.weight = Math.round(driver.weight * 100) / 100;
  return drivers;
}
function neutralResult() {
  return { score: 0, label: "neutral", topic: null, drivers: [], topicWords: [] };
}

// electron/core/sentiment/resources-dir.ts
import { fileURLToPath } from "node:url";
import path3 from "node:path";
function defaultResourcesDir() {
  const here = path3.dirname(fileURLToPath(import.meta.url));
  return path3.resolve(here, "..", "..", "..", "resources");
}

// electron/core/sentiment/csv.ts
import fs4 from "node:fs";

// node_modules/csv-parse/lib/api/CsvError.js
var CsvError = class _CsvError extends Error {
  constructor(code, message, options, ...contexts) {
    if (Array.isArray(message)) message = message.join(" ").trim();
    super(message);
    if (Error.captureStackTrace !== void 0) {
      Error.captureStackTrace(this, _CsvError);
    }
    this.code = code;
    for (const context of contexts) {
      for (const key in context) {
        const value = context[key];
        this[key] = Buffer.isBuffer(value) ? value.toString(options.encoding) : value == null ? value : JSON.parse(JSON.stringify(value));
      }
    }
  }
};

// node_modules/csv-parse/lib/utils/is_object.js
var is_object = function(obj) {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj);
};

// node_modules/csv-parse/lib/api/normalize_columns_array.js
var normalize_columns_array = function(columns) {
  const normalizedColumns = [];
  for (let i = 0, l = columns.length; i < l; i++) {
    const column = columns[i];
    if (column === void 0 || column === null || column === false) {
      normalizedColumns[i] = { disabled: true };
    } else if (typeof column === "string" || typeof column === "number") {
      normalizedColumns[i] = { name: `${column}` };
    } else if (is_object(column)) {
      if (typeof column.name !== "string") {
        throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
          "Option columns missing name:",
          `property "name" is required at position ${i}`,
          "when column is an object literal"
        ]);
      }
      normalizedColumns[i] = column;
    } else {
      throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
        "Invalid column definition:",
        "expect a string or a literal object,",
        `got ${JSON.stringify(column)} at position ${i}`
      ]);
    }
  }
  return normalizedColumns;
};

// node_modules/csv-parse/lib/utils/ResizeableBuffer.js
var ResizeableBuffer = class {
  constructor(size = 100) {
    this.size = size;
    this.length = 0;
    this.buf = Buffer.allocUnsafe(size);
  }
  prepend(val) {
    if (Buffer.isBuffer(val)) {
      const length = this.length + val.length;
      if (length >= this.size) {
        this.resize();
        if (length >= this.size) {
          throw Error("INVALID_BUFFER_STATE");
        }
      }
      const buf = this.buf;
      this.buf = Buffer.allocUnsafe(this.size);
      val.copy(this.buf, 0);
      buf.copy(this.buf, val.length);
      this.length += val.length;
    } else {
      const length = this.length++;
      if (length === this.size) {
        this.resize();
      }
      const buf = this.clone();
      this.buf[0] = val;
      buf.copy(this.buf, 1, 0, length);
    }
  }
  append(val) {
    const length = this.length++;
    if (length === this.size) {
      this.resize();
    }
    this.buf[length] = val;
  }
  clone() {
    return Buffer.from(this.buf.slice(0, this.length));
  }
  resize() {
    const length = this.length;
    this.size = this.size * 2;
    const buf = Buffer.allocUnsafe(this.size);
    this.buf.copy(buf, 0, 0, length);
    this.buf = buf;
  }
  toString(encoding) {
    if (encoding) {
      return this.buf.toString(encoding, 0, this.length);
    } else {
      return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
    }
  }
  toJSON() {
    return this.toString("utf8");
  }
  reset() {
    this.length = 0;
  }
};
var ResizeableBuffer_default = ResizeableBuffer;

// node_modules/csv-parse/lib/api/init_state.js
var init_state = function(options) {
  const timchars = [
    // Basic Latin
    32,
    // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
    9,
    // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
    10,
    // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
    13,
    // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
    12,
    // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
    11,
    // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
    // Latin-1 Supplement
    160,
    // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
    // Ogham
    5760,
    // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
    // General Punctuation
    8192,
    // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
    8193,
    // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
    8194,
    // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
    8195,
    // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
    8196,
    // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
    8197,
    // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
    8198,
    // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
    8199,
    // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
    8200,
    // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
    8201,
    // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
    8202,
    // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
    8232,
    // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
    8233,
    // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
    8239,
    // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
    8287,
    // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
    12288,
    // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
    65279
    // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
  ].reduce((acc, codepoint) => {
    const encoded = Buffer.from(
      String.fromCharCode(codepoint),
      options.encoding
    );
    if (codepoint !== 63 && encoded.length === 1 && encoded[0] === 63) {
      return acc;
    }
    acc.push(encoded);
    return acc;
  }, []);
  const timcharFirstBytes = new Uint8Array(256);
  for (const t2 of timchars) timcharFirstBytes[t2[0]] = 1;
  return {
    bomSkipped: false,
    bufBytesStart: 0,
    castField: options.cast_function,
    commenting: false,
    delimiterBufPrevious: void 0,
    delimiterDiscovered: false,
    // Current error encountered by a record
    error: void 0,
    enabled: options.from_line === 1,
    escaping: false,
    escapeIsQuote: Buffer.isBuffer(options.escape) && Buffer.isBuffer(options.quote) && Buffer.compare(options.escape, options.quote) === 0,
    // columns can be `false`, `true`, `Array`
    expectedRecordLength: Array.isArray(options.columns) ? options.columns.length : void 0,
    field: new ResizeableBuffer_default(20),
    firstLineToHeaders: options.cast_first_line_to_header,
    needMoreDataSize: Math.max(
      // Skip if the remaining buffer smaller than comment
      options.comment !== null ? options.comment.length : 0,
      ...options.delimiter ? options.delimiter.map((delimiter) => delimiter.length) : [],
      // Auto discovery of delimiter is limited to 1 character
      options.delimiter_auto ? 1 : 0,
      // Skip if the remaining buffer can be escape sequence
      options.quote !== null ? options.quote.length : 0,
      ...timchars.map((t2) => t2.length)
    ),
    previousBuf: void 0,
    quoting: false,
    stop: false,
    rawBuffer: new ResizeableBuffer_default(100),
    record: [],
    recordHasError: false,
    record_length: 0,
    recordDelimiterMaxLength: options.record_delimiter.length === 0 ? 0 : Math.max(...options.record_delimiter.map((v) => v.length)),
    trimChars: [
      Buffer.from(" ", options.encoding)[0],
      Buffer.from("	", options.encoding)[0]
    ],
    wasQuoting: false,
    wasRowDelimiter: false,
    timchars,
    timcharFirstBytes
  };
};

// node_modules/csv-parse/lib/utils/underscore.js
var underscore = function(str) {
  return str.replace(/([A-Z])/g, function(_, match) {
    return "_" + match.toLowerCase();
  });
};

// node_modules/csv-parse/lib/api/normalize_options.js
var normalize_options = function(opts) {
  const options = {};
  for (const opt in opts) {
    options[underscore(opt)] = opts[opt];
  }
  if (options.encoding === void 0 || options.encoding === true) {
    options.encoding = "utf8";
  } else if (options.encoding === null || options.encoding === false) {
    options.encoding = null;
  } else if (typeof options.encoding !== "string" && options.encoding !== null) {
    throw new CsvError(
      "CSV_INVALID_OPTION_ENCODING",
      [
        "Invalid option encoding:",
        "encoding must be a string or null to return a buffer,",
        `got ${JSON.stringify(options.encoding)}`
      ],
      options
    );
  }
  if (options.bom === void 0 || options.bom === null || options.bom === false) {
    options.bom = false;
  } else if (options.bom !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_BOM",
      [
        "Invalid option bom:",
        "bom must be true,",
        `got ${JSON.stringify(options.bom)}`
      ],
      options
    );
  }
  options.cast_function = null;
  if (options.cast === void 0 || options.cast === null || options.cast === false || options.cast === "") {
    options.cast = void 0;
  } else if (typeof options.cast === "function") {
    options.cast_function = options.cast;
    options.cast = true;
  } else if (options.cast !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST",
      [
        "Invalid option cast:",
        "cast must be true or a function,",
        `got ${JSON.stringify(options.cast)}`
      ],
      options
    );
  }
  if (options.cast_date === void 0 || options.cast_date === null || options.cast_date === false || options.cast_date === "") {
    options.cast_date = false;
  } else if (options.cast_date === true) {
    options.cast_date = function(value) {
      const date = Date.parse(value);
      return !isNaN(date) ? new Date(date) : value;
    };
  } else if (typeof options.cast_date !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST_DATE",
      [
        "Invalid option cast_date:",
        "cast_date must be true or a function,",
        `got ${JSON.stringify(options.cast_date)}`
      ],
      options
    );
  }
  options.cast_first_line_to_header = void 0;
  if (options.columns === true) {
    options.cast_first_line_to_header = void 0;
  } else if (typeof options.columns === "function") {
    options.cast_first_line_to_header = options.columns;
    options.columns = true;
  } else if (Array.isArray(options.columns)) {
    options.columns = normalize_columns_array(options.columns);
  } else if (options.columns === void 0 || options.columns === null || options.columns === false) {
    options.columns = false;
  } else {
    throw new CsvError(
      "CSV_INVALID_OPTION_COLUMNS",
      [
        "Invalid option columns:",
        "expect an array, a function or true,",
        `got ${JSON.stringify(options.columns)}`
      ],
      options
    );
  }
  if (options.group_columns_by_name === void 0 || options.group_columns_by_name === null || options.group_columns_by_name === false) {
    options.group_columns_by_name = false;
  } else if (options.group_columns_by_name !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "expect an boolean,",
        `got ${JSON.stringify(options.group_columns_by_name)}`
      ],
      options
    );
  } else if (options.columns === false) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "the `columns` mode must be activated."
      ],
      options
    );
  }
  if (options.comment === void 0 || options.comment === null || options.comment === false || options.comment === "") {
    options.comment = null;
  } else {
    if (typeof options.comment === "string") {
      options.comment = Buffer.from(options.comment, options.encoding);
    }
    if (!Buffer.isBuffer(options.comment)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_COMMENT",
        [
          "Invalid option comment:",
          "comment must be a buffer or a string,",
          `got ${JSON.stringify(options.comment)}`
        ],
        options
      );
    }
  }
  if (options.comment_no_infix === void 0 || options.comment_no_infix === null || options.comment_no_infix === false) {
    options.comment_no_infix = false;
  } else if (options.comment_no_infix !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_COMMENT",
      [
        "Invalid option comment_no_infix:",
        "value must be a boolean,",
        `got ${JSON.stringify(options.comment_no_infix)}`
      ],
      options
    );
  }
  if (options.delimiter_auto === void 0 || options.delimiter_auto === null || options.delimiter_auto === false) {
    options.delimiter_auto = false;
  } else if (options.delimiter_auto === true) {
    options.delimiter_auto = {};
  } else if (!is_object(options.delimiter_auto)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_DELIMITER_AUTO",
      [
        "Invalid option delimiter_auto:",
        "delimiter_auto must be a boolean or a configuration object,",
        `got ${JSON.stringify(options.delimiter_auto)}`
      ],
      options
    );
  }
  if (options.delimiter_auto) {
    if (options.delimiter_auto.preferred === void 0)
      options.delimiter_auto.preferred = {
        [",".charCodeAt(0)]: 1.8,
        ["	".charCodeAt(0)]: 1.8,
        [";".charCodeAt(0)]: 1.6,
        [" ".charCodeAt(0)]: 1.6,
        [":".charCodeAt(0)]: 1.5,
        [".".charCodeAt(0)]: 1.4,
        ["/".charCodeAt(0)]: 1.4
      };
    else if (!is_object(options.delimiter_auto.preferred)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "preferred must be an object,",
          `got ${JSON.stringify(options.delimiter_auto.preferred)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.score === void 0)
      options.delimiter_auto.score = (info, options2) => {
        return (info.total - info.std) * (options2.preferred[info.char_code] || 1);
      };
    else if (typeof options.delimiter_auto.score !== "function") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "score must be a function,",
          `got ${JSON.stringify(options.delimiter_auto.score)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.size === void 0)
      options.delimiter_auto.size = 2048;
    else if (typeof options.delimiter_auto.size !== "number") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "size must be a number,",
          `got ${JSON.stringify(options.delimiter_auto.size)}`
        ],
        options
      );
    }
  }
  const delimiter_json = JSON.stringify(options.delimiter);
  if (options.delimiter_auto !== false) {
    options.delimiter = [];
  }
  if (!Array.isArray(options.delimiter)) {
    if (options.delimiter === void 0 || options.delimiter === null || options.delimiter === false) {
      options.delimiter = Buffer.from(",", options.encoding);
    }
    options.delimiter = [options.delimiter];
  }
  options.delimiter = options.delimiter.map(function(delimiter) {
    if (typeof delimiter === "string") {
      delimiter = Buffer.from(delimiter, options.encoding);
    }
    if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER",
        [
          "Invalid option delimiter:",
          "delimiter must be a non empty string or buffer or array of string|buffer,",
          `got ${delimiter_json}`
        ],
        options
      );
    }
    return delimiter;
  });
  if (options.escape === void 0 || options.escape === true) {
    options.escape = Buffer.from('"', options.encoding);
  } else if (typeof options.escape === "string") {
    options.escape = Buffer.from(options.escape, options.encoding);
  } else if (options.escape === null || options.escape === false) {
    options.escape = null;
  }
  if (options.escape !== null) {
    if (!Buffer.isBuffer(options.escape)) {
      throw new Error(
        `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`
      );
    }
  }
  if (options.from === void 0 || options.from === null) {
    options.from = 1;
  } else {
    if (typeof options.from === "string" && /\d+/.test(options.from)) {
      options.from = parseInt(options.from);
    }
    if (Number.isInteger(options.from)) {
      if (options.from < 0) {
        throw new Error(
          `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`
      );
    }
  }
  if (options.from_line === void 0 || options.from_line === null) {
    options.from_line = 1;
  } else {
    if (typeof options.from_line === "string" && /\d+/.test(options.from_line)) {
      options.from_line = parseInt(options.from_line);
    }
    if (Number.isInteger(options.from_line)) {
      if (options.from_line <= 0) {
        throw new Error(
          `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`
      );
    }
  }
  if (options.ignore_last_delimiters === void 0 || options.ignore_last_delimiters === null) {
    options.ignore_last_delimiters = false;
  } else if (typeof options.ignore_last_delimiters === "number") {
    options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
    if (options.ignore_last_delimiters === 0) {
      options.ignore_last_delimiters = false;
    }
  } else if (typeof options.ignore_last_delimiters !== "boolean") {
    throw new CsvError(
      "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
      [
        "Invalid option `ignore_last_delimiters`:",
        "the value must be a boolean value or an integer,",
        `got ${JSON.stringify(options.ignore_last_delimiters)}`
      ],
      options
    );
  }
  if (options.ignore_last_delimiters === true && options.columns === false) {
    throw new CsvError(
      "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
      [
        "The option `ignore_last_delimiters`",
        "requires the activation of the `columns` option"
      ],
      options
    );
  }
  if (options.info === void 0 || options.info === null || options.info === false) {
    options.info = false;
  } else if (options.info !== true) {
    throw new Error(
      `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`
    );
  }
  if (options.max_record_size === void 0 || options.max_record_size === null || options.max_record_size === false) {
    options.max_record_size = 0;
  } else if (Number.isInteger(options.max_record_size) && options.max_record_size >= 0) {
  } else if (typeof options.max_record_size === "string" && /\d+/.test(options.max_record_size)) {
    options.max_record_size = parseInt(options.max_record_size);
  } else {
    throw new Error(
      `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`
    );
  }
  if (options.objname === void 0 || options.objname === null || options.objname === false) {
    options.objname = void 0;
  } else if (Buffer.isBuffer(options.objname)) {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty buffer`);
    }
    if (options.encoding === null) {
    } else {
      options.objname = options.objname.toString(options.encoding);
    }
  } else if (typeof options.objname === "string") {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty string`);
    }
  } else if (typeof options.objname === "number") {
  } else {
    throw new Error(
      `Invalid Option: objname must be a string or a buffer, got ${options.objname}`
    );
  }
  if (options.objname !== void 0) {
    if (typeof options.objname === "number") {
      if (options.columns !== false) {
        throw Error(
          "Invalid Option: objname index cannot be combined with columns or be defined as a field"
        );
      }
    } else {
      if (options.columns === false) {
        throw Error(
          "Invalid Option: objname field must be combined with columns or be defined as an index"
        );
      }
    }
  }
  if (options.on_record === void 0 || options.on_record === null) {
    options.on_record = void 0;
  } else if (typeof options.on_record !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_ON_RECORD",
      [
        "Invalid option `on_record`:",
        "expect a function,",
        `got ${JSON.stringify(options.on_record)}`
      ],
      options
    );
  }
  if (options.on_skip !== void 0 && options.on_skip !== null && typeof options.on_skip !== "function") {
    throw new Error(
      `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`
    );
  }
  if (options.quote === null || options.quote === false || options.quote === "") {
    options.quote = null;
  } else {
    if (options.quote === void 0 || options.quote === true) {
      options.quote = Buffer.from('"', options.encoding);
    } else if (typeof options.quote === "string") {
      options.quote = Buffer.from(options.quote, options.encoding);
    }
    if (!Buffer.isBuffer(options.quote)) {
      throw new Error(
        `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`
      );
    }
  }
  if (options.raw === void 0 || options.raw === null || options.raw === false) {
    options.raw = false;
  } else if (options.raw !== true) {
    throw new Error(
      `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`
    );
  }
  if (options.record_delimiter === void 0) {
    options.record_delimiter = [];
  } else if (typeof options.record_delimiter === "string" || Buffer.isBuffer(options.record_delimiter)) {
    if (options.record_delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer,",
          `got ${JSON.stringify(options.record_delimiter)}`
        ],
        options
      );
    }
    options.record_delimiter = [options.record_delimiter];
  } else if (!Array.isArray(options.record_delimiter)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_RECORD_DELIMITER",
      [
        "Invalid option `record_delimiter`:",
        "value must be a string, a buffer or array of string|buffer,",
        `got ${JSON.stringify(options.record_delimiter)}`
      ],
      options
    );
  }
  options.record_delimiter = options.record_delimiter.map(function(rd, i) {
    if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a string, a buffer or array of string|buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    } else if (rd.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    }
    if (typeof rd === "string") {
      rd = Buffer.from(rd, options.encoding);
    }
    return rd;
  });
  if (typeof options.relax_column_count === "boolean") {
  } else if (options.relax_column_count === void 0 || options.relax_column_count === null) {
    options.relax_column_count = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`
    );
  }
  if (typeof options.relax_column_count_less === "boolean") {
  } else if (options.relax_column_count_less === void 0 || options.relax_column_count_less === null) {
    options.relax_column_count_less = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`
    );
  }
  if (typeof options.relax_column_count_more === "boolean") {
  } else if (options.relax_column_count_more === void 0 || options.relax_column_count_more === null) {
    options.relax_column_count_more = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`
    );
  }
  if (typeof options.relax_quotes === "boolean") {
  } else if (options.relax_quotes === void 0 || options.relax_quotes === null) {
    options.relax_quotes = false;
  } else {
    throw new Error(
      `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`
    );
  }
  if (typeof options.skip_empty_lines === "boolean") {
  } else if (options.skip_empty_lines === void 0 || options.skip_empty_lines === null) {
    options.skip_empty_lines = false;
  } else {
    throw new Error(
      `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`
    );
  }
  if (typeof options.skip_records_with_empty_values === "boolean") {
  } else if (options.skip_records_with_empty_values === void 0 || options.skip_records_with_empty_values === null) {
    options.skip_records_with_empty_values = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`
    );
  }
  if (typeof options.skip_records_with_error === "boolean") {
  } else if (options.skip_records_with_error === void 0 || options.skip_records_with_error === null) {
    options.skip_records_with_error = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`
    );
  }
  if (options.rtrim === void 0 || options.rtrim === null || options.rtrim === false) {
    options.rtrim = false;
  } else if (options.rtrim !== true) {
    throw new Error(
      `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`
    );
  }
  if (options.ltrim === void 0 || options.ltrim === null || options.ltrim === false) {
    options.ltrim = false;
  } else if (options.ltrim !== true) {
    throw new Error(
      `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`
    );
  }
  if (options.trim === void 0 || options.trim === null || options.trim === false) {
    options.trim = false;
  } else if (options.trim !== true) {
    throw new Error(
      `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`
    );
  }
  if (options.trim === true && opts.ltrim !== false) {
    options.ltrim = true;
  } else if (options.ltrim !== true) {
    options.ltrim = false;
  }
  if (options.trim === true && opts.rtrim !== false) {
    options.rtrim = true;
  } else if (options.rtrim !== true) {
    options.rtrim = false;
  }
  if (options.to === void 0 || options.to === null) {
    options.to = -1;
  } else if (options.to !== -1) {
    if (typeof options.to === "string" && /\d+/.test(options.to)) {
      options.to = parseInt(options.to);
    }
    if (Number.isInteger(options.to)) {
      if (options.to <= 0) {
        throw new Error(
          `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`
      );
    }
  }
  if (options.to_line === void 0 || options.to_line === null) {
    options.to_line = -1;
  } else if (options.to_line !== -1) {
    if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
      options.to_line = parseInt(options.to_line);
    }
    if (Number.isInteger(options.to_line)) {
      if (options.to_line <= 0) {
        throw new Error(
          `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`
      );
    }
  }
  return options;
};

// node_modules/csv-parse/lib/utils/delimiter_discover.js
var delimiter_discover = function(records, options) {
  if (!options) {
    ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
  }
  if (typeof records === "string") {
    records = Buffer.from(records);
  }
  if (Buffer.isBuffer(records)) {
    records = ((data) => {
      const records2 = [];
      const parser = transform({ delimiter: [] });
      const push = (record) => records2.push(record);
      const close = () => {
      };
      const error = parser.parse(data, true, push, close);
      if (error !== void 0) throw error;
      return records2;
    })(records);
  }
  const info = Array(127).fill().map(() => ({ lines: [] }));
  records.map(([record], line) => {
    for (let i = 0, l = record.length; i < l; i++) {
      const code = record.charCodeAt(i);
      if (info[code].lines[line] === void 0) info[code].lines[line] = 0;
      info[code].lines[line]++;
    }
  });
  info.map((info2, i) => {
    info2.char_code = i;
    info2.std = std(info2.lines);
    info2.total = info2.lines.reduce((acc, val) => acc + val, 0);
    info2.preferred = !!options.preferred[i];
    info2.score = options.score(info2, options);
  });
  const result = info.reduce(
    (acc, info2) => acc.score > info2.score ? acc : info2,
    {}
  );
  return String.fromCharCode(result.char_code);
};
var std = function(array) {
  const n = array.length;
  if (n === 0) return 0;
  const mean = array.reduce((a, b) => a + b) / n;
  return Math.sqrt(
    array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n
  );
};

// node_modules/csv-parse/lib/api/index.js
var isRecordEmpty = function(record) {
  return record.every(
    (field) => field == null || field.toString && field.toString().trim() === ""
  );
};
var cr = 13;
var nl = 10;
var boms = {
  // Note, the following are equals:
  // Buffer.from("\ufeff")
  // Buffer.from([239, 187, 191])
  // Buffer.from('EFBBBF', 'hex')
  utf8: Buffer.from([239, 187, 191]),
  // Note, the following are equals:
  // Buffer.from "\ufeff", 'utf16le
  // Buffer.from([255, 254])
  utf16le: Buffer.from([255, 254])
};
var transform = function(original_options = {}) {
  const info = {
    bytes: 0,
    bytes_records: 0,
    comment_lines: 0,
    empty_lines: 0,
    invalid_field_length: 0,
    lines: 1,
    records: 0
  };
  const options = normalize_options(original_options);
  return {
    info,
    original_options,
    options,
    state: init_state(options),
    __needMoreData: function(i, bufLen, end) {
      if (end) return false;
      const { encoding, escape, quote } = this.options;
      const { quoting, needMoreDataSize, recordDelimiterMaxLength } = this.state;
      const numOfCharLeft = bufLen - i - 1;
      const requiredLength = Math.max(
        needMoreDataSize,
        // Skip if the remaining buffer smaller than record delimiter
        // If "record_delimiter" is yet to be discovered:
        // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
        // 2. We set the length to windows line ending in the current encoding
        // Note, that encoding is known from user or bom discovery at that point
        // recordDelimiterMaxLength,
        recordDelimiterMaxLength === 0 ? Buffer.from("\r\n", encoding).length : recordDelimiterMaxLength,
        // Skip if remaining buffer can be an escaped quote
        quoting ? (escape === null ? 0 : escape.length) + quote.length : 0,
        // Skip if remaining buffer can be record delimiter following the closing quote
        quoting ? quote.length + recordDelimiterMaxLength : 0
      );
      return numOfCharLeft < requiredLength;
    },
    // Central parser implementation
    parse: function(nextBuf, end, push, close) {
      const {
        bom,
        comment_no_infix,
        delimiter_auto,
        encoding,
        from_line,
        ltrim,
        max_record_size,
        raw,
        relax_quotes,
        rtrim,
        skip_empty_lines,
        to,
        to_line
      } = this.options;
      let { comment, escape, quote, record_delimiter } = this.options;
      const {
        bomSkipped,
        delimiterDiscovered,
        delimiterBufPrevious,
        rawBuffer,
        escapeIsQuote
      } = this.state;
      if (!delimiterDiscovered && delimiter_auto) {
        let delimiterBuf;
        if (delimiterBufPrevious === void 0) {
          delimiterBuf = nextBuf;
        } else if (delimiterBufPrevious !== void 0 && nextBuf === void 0) {
          delimiterBuf = delimiterBufPrevious;
        } else {
          delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
        }
        nextBuf = void 0;
        if (end || delimiterBuf.length > delimiter_auto.size) {
          this.options.delimiter = [
            Buffer.from(
              delimiter_discover(delimiterBuf, this.options.delimiter_auto)
            )
          ];
          this.state.previousBuf = delimiterBuf;
          this.state.delimiterBufPrevious = void 0;
          this.state.delimiterDiscovered = true;
        } else {
          this.state.delimiterBufPrevious = delimiterBuf;
          return;
        }
      }
      const { previousBuf } = this.state;
      let buf;
      if (previousBuf === void 0) {
        if (nextBuf === void 0) {
          close();
          return;
        } else {
          buf = nextBuf;
        }
      } else if (previousBuf !== void 0 && nextBuf === void 0) {
        buf = previousBuf;
      } else {
        buf = Buffer.concat([previousBuf, nextBuf]);
      }
      if (bomSkipped === false) {
        if (bom === false) {
          this.state.bomSkipped = true;
        } else if (buf.length < 3) {
          if (end === false) {
            this.state.previousBuf = buf;
            return;
          }
        } else {
          for (const encoding2 in boms) {
            if (boms[encoding2].compare(buf, 0, boms[encoding2].length) === 0) {
              const bomLength = boms[encoding2].length;
              this.state.bufBytesStart += bomLength;
              buf = buf.slice(bomLength);
              const options2 = normalize_options({
                ...this.original_options,
                encoding: encoding2
              });
              for (const key in options2) {
                this.options[key] = options2[key];
              }
              ({ comment, escape, quote } = this.options);
              break;
            }
          }
          this.state.bomSkipped = true;
        }
      }
      const bufLen = buf.length;
      let pos;
      for (pos = 0; pos < bufLen; pos++) {
        if (this.__needMoreData(pos, bufLen, end)) {
          break;
        }
        if (this.state.wasRowDelimiter === true) {
          this.info.lines++;
          this.state.wasRowDelimiter = false;
        }
        if (to_line !== -1 && this.info.lines > to_line) {
          this.state.stop = true;
          close();
          return;
        }
        if (this.state.quoting === false && record_delimiter.length === 0) {
          const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
            buf,
            pos
          );
          if (record_delimiterCount) {
            record_delimiter = this.options.record_delimiter;
          }
        }
        const chr = buf[pos];
        if (raw === true) {
          rawBuffer.append(chr);
        }
        if ((chr === cr || chr === nl) && this.state.wasRowDelimiter === false) {
          this.state.wasRowDelimiter = true;
        }
        if (this.state.escaping === true) {
          this.state.escaping = false;
        } else {
          if (escape !== null && this.state.quoting === true && this.__isEscape(buf, pos, chr) && pos + escape.length < bufLen) {
            if (escapeIsQuote) {
              if (this.__isQuote(buf, pos + escape.length)) {
                this.state.escaping = true;
                pos += escape.length - 1;
                continue;
              }
            } else {
              this.state.escaping = true;
              pos += escape.length - 1;
              continue;
            }
          }
          if (this.state.commenting === false && this.__isQuote(buf, pos)) {
            if (this.state.quoting === true) {
              const nextChr = buf[pos + quote.length];
              const isNextChrTrimable = rtrim && this.__isCharTrimable(buf, pos + quote.length);
              const isNextChrComment = comment !== null && this.__compareBytes(comment, buf, pos + quote.length, nextChr);
              const isNextChrDelimiter = this.__isDelimiter(
                buf,
                pos + quote.length,
                nextChr
              );
              const isNextChrRecordDelimiter = record_delimiter.length === 0 ? this.__autoDiscoverRecordDelimiter(buf, pos + quote.length) : this.__isRecordDelimiter(nextChr, buf, pos + quote.length);
              if (escape !== null && this.__isEscape(buf, pos, chr) && this.__isQuote(buf, pos + escape.length)) {
                pos += escape.length - 1;
              } else if (!nextChr || isNextChrDelimiter || isNextChrRecordDelimiter || isNextChrComment || isNextChrTrimable) {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                pos += quote.length - 1;
                continue;
              } else if (relax_quotes === false) {
                const err = this.__error(
                  new CsvError(
                    "CSV_INVALID_CLOSING_QUOTE",
                    [
                      "Invalid Closing Quote:",
                      `got "${String.fromCharCode(nextChr)}"`,
                      `at line ${this.info.lines}`,
                      "instead of delimiter, record delimiter, trimable character",
                      "(if activated) or comment"
                    ],
                    this.options,
                    this.__infoField()
                  )
                );
                if (err !== void 0) return err;
              } else {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                this.state.field.prepend(quote);
                pos += quote.length - 1;
              }
            } else {
              if (this.state.field.length !== 0) {
                if (relax_quotes === false) {
                  const info2 = this.__infoField();
                  const bom2 = Object.keys(boms).map(
                    (b) => boms[b].equals(this.state.field.toString()) ? b : false
                  ).filter(Boolean)[0];
                  const err = this.__error(
                    new CsvError(
                      "INVALID_OPENING_QUOTE",
                      [
                        "Invalid Opening Quote:",
                        `a quote is found on field ${JSON.stringify(info2.column)} at line ${info2.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                        bom2 ? `(${bom2} bom)` : void 0
                      ],
                      this.options,
                      info2,
                      {
                        field: this.state.field
                      }
                    )
                  );
                  if (err !== void 0) return err;
                }
              } else {
                this.state.quoting = true;
                pos += quote.length - 1;
                continue;
              }
            }
          }
          if (this.state.quoting === false) {
            const recordDelimiterLength = this.__isRecordDelimiter(
              chr,
              buf,
              pos
            );
            if (recordDelimiterLength !== 0) {
              const skipCommentLine = this.state.commenting && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0;
              if (skipCommentLine) {
                this.info.comment_lines++;
              } else {
                if (this.state.enabled === false && this.info.lines + (this.state.wasRowDelimiter === true ? 1 : 0) >= from_line) {
                  this.state.enabled = true;
                  this.__resetField();
                  this.__resetRecord();
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                if (skip_empty_lines === true && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0) {
                  this.info.empty_lines++;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== void 0) return errField;
                this.info.bytes = this.state.bufBytesStart + pos + recordDelimiterLength;
                const errRecord = this.__onRecord(push);
                if (errRecord !== void 0) return errRecord;
                if (to !== -1 && this.info.records >= to) {
                  this.state.stop = true;
                  close();
                  return;
                }
              }
              this.state.commenting = false;
              pos += recordDelimiterLength - 1;
              continue;
            }
            if (this.state.commenting) {
              continue;
            }
            if (comment !== null && (comment_no_infix === false || this.state.record.length === 0 && this.state.field.length === 0)) {
              const commentCount = this.__compareBytes(comment, buf, pos, chr);
              if (commentCount !== 0) {
                this.state.commenting = true;
                continue;
              }
            }
            const delimiterLength = this.__isDelimiter(buf, pos, chr);
            if (delimiterLength !== 0) {
              this.info.bytes = this.state.bufBytesStart + pos;
              const errField = this.__onField();
              if (errField !== void 0) return errField;
              pos += delimiterLength - 1;
              continue;
            }
          }
        }
        if (this.state.commenting === false) {
          if (max_record_size !== 0 && this.state.record_length + this.state.field.length > max_record_size) {
            return this.__error(
              new CsvError(
                "CSV_MAX_RECORD_SIZE",
                [
                  "Max Record Size:",
                  "record exceed the maximum number of tolerated bytes",
                  `of ${max_record_size}`,
                  `at line ${this.info.lines}`
                ],
                this.options,
                this.__infoField()
              )
            );
          }
        }
        const lappend = ltrim === false || this.state.quoting === true || this.state.field.length !== 0 || !this.__isCharTrimable(buf, pos);
        const rappend = rtrim === false || this.state.wasQuoting === false;
        if (lappend === true && rappend === true) {
          this.state.field.append(chr);
        } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
          return this.__error(
            new CsvError(
              "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
              [
                "Invalid Closing Quote:",
                "found non trimable byte after quote",
                `at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
        } else {
          if (lappend === false) {
            pos += this.__isCharTrimable(buf, pos) - 1;
          }
          continue;
        }
      }
      if (end === true) {
        if (this.state.quoting === true) {
          const err = this.__error(
            new CsvError(
              "CSV_QUOTE_NOT_CLOSED",
              [
                "Quote Not Closed:",
                `the parsing is finished with an opening quote at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
          if (err !== void 0) return err;
        } else {
          if (this.state.wasQuoting === true || this.state.record.length !== 0 || this.state.field.length !== 0) {
            this.info.bytes = this.state.bufBytesStart + pos;
            const errField = this.__onField();
            if (errField !== void 0) return errField;
            const errRecord = this.__onRecord(push);
            if (errRecord !== void 0) return errRecord;
          } else if (this.state.wasRowDelimiter === true) {
            this.info.empty_lines++;
          } else if (this.state.commenting === true) {
            this.info.comment_lines++;
          }
        }
      } else {
        this.state.bufBytesStart += pos;
        this.state.previousBuf = buf.slice(pos);
      }
      if (this.state.wasRowDelimiter === true) {
        this.info.lines++;
        this.state.wasRowDelimiter = false;
      }
    },
    __onRecord: function(push) {
      const {
        columns,
        group_columns_by_name,
        encoding,
        info: info2,
        from,
        relax_column_count,
        relax_column_count_less,
        relax_column_count_more,
        raw,
        skip_records_with_empty_values
      } = this.options;
      const { enabled, record } = this.state;
      if (enabled === false) {
        return this.__resetRecord();
      }
      const recordLength = record.length;
      if (columns === true) {
        if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
          this.__resetRecord();
          return;
        }
        return this.__firstLineToColumns(record);
      }
      if (columns === false && this.info.records === 0) {
        this.state.expectedRecordLength = recordLength;
      }
      if (recordLength !== this.state.expectedRecordLength) {
        const err = columns === false ? new CsvError(
          "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
          [
            "Invalid Record Length:",
            `expect ${this.state.expectedRecordLength},`,
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        ) : new CsvError(
          "CSV_RECORD_INCONSISTENT_COLUMNS",
          [
            "Invalid Record Length:",
            `columns length is ${columns.length},`,
            // rename columns
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        );
        if (relax_column_count === true || relax_column_count_less === true && recordLength < this.state.expectedRecordLength || relax_column_count_more === true && recordLength > this.state.expectedRecordLength) {
          this.info.invalid_field_length++;
          this.state.error = err;
        } else {
          const finalErr = this.__error(err);
          if (finalErr) return finalErr;
        }
      }
      if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
        this.__resetRecord();
        return;
      }
      if (this.state.recordHasError === true) {
        this.__resetRecord();
        this.state.recordHasError = false;
        return;
      }
      this.info.records++;
      if (from === 1 || this.info.records >= from) {
        const { objname } = this.options;
        if (columns !== false) {
          const obj = {};
          for (let i = 0, l = record.length; i < l; i++) {
            if (columns[i] === void 0 || columns[i].disabled) continue;
            if (group_columns_by_name === true && Object.hasOwn(obj, columns[i].name)) {
              if (Array.isArray(obj[columns[i].name])) {
                obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
              } else {
                obj[columns[i].name] = [obj[columns[i].name], record[i]];
              }
            } else {
              Object.defineProperty(obj, columns[i].name, {
                value: record[i],
                enumerable: true,
                writable: true,
                configurable: true
              });
            }
          }
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record: obj },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [obj[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? obj : [obj[objname], obj],
              push
            );
            if (err) {
              return err;
            }
          }
        } else {
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [record[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? record : [record[objname], record],
              push
            );
            if (err) {
              return err;
            }
          }
        }
      }
      this.__resetRecord();
    },
    __firstLineToColumns: function(record) {
      const { firstLineToHeaders } = this.state;
      try {
        const headers = firstLineToHeaders === void 0 ? record : firstLineToHeaders.call(null, record);
        if (!Array.isArray(headers)) {
          return this.__error(
            new CsvError(
              "CSV_INVALID_COLUMN_MAPPING",
              [
                "Invalid Column Mapping:",
                "expect an array from column function,",
                `got ${JSON.stringify(headers)}`
              ],
              this.options,
              this.__infoField(),
              {
                headers
              }
            )
          );
        }
        const normalizedHeaders = normalize_columns_array(headers);
        this.state.expectedRecordLength = normalizedHeaders.length;
        this.options.columns = normalizedHeaders;
        this.__resetRecord();
        return;
      } catch (err) {
        return err;
      }
    },
    __resetRecord: function() {
      if (this.options.raw === true) {
        this.state.rawBuffer.reset();
      }
      this.state.error = void 0;
      this.state.record = [];
      this.state.record_length = 0;
    },
    __onField: function() {
      const { cast, encoding, rtrim, max_record_size } = this.options;
      const { enabled, wasQuoting } = this.state;
      if (enabled === false) {
        return this.__resetField();
      }
      let field = this.state.field.toString(encoding);
      if (rtrim === true && wasQuoting === false) {
        field = field.trimRight();
      }
      if (cast === true) {
        const [err, f] = this.__cast(field);
        if (err !== void 0) return err;
        field = f;
      }
      this.state.record.push(field);
      if (max_record_size !== 0 && typeof field === "string") {
        this.state.record_length += field.length;
      }
      this.__resetField();
    },
    __resetField: function() {
      this.state.field.reset();
      this.state.wasQuoting = false;
    },
    __push: function(record, push) {
      const { on_record } = this.options;
      if (on_record !== void 0) {
        const info2 = this.__infoRecord();
        try {
          record = on_record.call(null, record, info2);
        } catch (err) {
          return err;
        }
        if (record === void 0 || record === null) {
          return;
        }
      }
      this.info.bytes_records += this.info.bytes;
      push(record);
    },
    // Return a tuple with the error and the casted value
    __cast: function(field) {
      const { columns, relax_column_count } = this.options;
      const isColumns = Array.isArray(columns);
      if (isColumns === true && relax_column_count && this.options.columns.length <= this.state.record.length) {
        return [void 0, void 0];
      }
      if (this.state.castField !== null) {
        try {
          const info2 = this.__infoField();
          return [void 0, this.state.castField.call(null, field, info2)];
        } catch (err) {
          return [err];
        }
      }
      if (this.__isFloat(field)) {
        return [void 0, parseFloat(field)];
      } else if (this.options.cast_date !== false) {
        const info2 = this.__infoField();
        return [void 0, this.options.cast_date.call(null, field, info2)];
      }
      return [void 0, field];
    },
    __compareBytes: function(sourceBuf, targetBuf, targetPos, firstByte) {
      if (sourceBuf[0] !== firstByte) return 0;
      const sourceLength = sourceBuf.length;
      for (let i = 1; i < sourceLength; i++) {
        if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
      }
      return sourceLength;
    },
    // Helper to test if a character is trimable
    __isCharTrimable: function(buf, pos) {
      const { timchars, timcharFirstBytes } = this.state;
      const first = buf[pos];
      if (first === void 0 || timcharFirstBytes[first] === 0) return 0;
      loop1: for (let i = 0; i < timchars.length; i++) {
        const timchar = timchars[i];
        for (let j = 0; j < timchar.length; j++) {
          if (timchar[j] !== buf[pos + j]) continue loop1;
        }
        return timchar.length;
      }
      return 0;
    },
    __isDelimiter: function(buf, pos, chr) {
      const { delimiter, ignore_last_delimiters } = this.options;
      if (ignore_last_delimiters === true && this.state.record.length === this.options.columns.length - 1) {
        return 0;
      } else if (ignore_last_delimiters !== false && typeof ignore_last_delimiters === "number" && this.state.record.length === ignore_last_delimiters - 1) {
        return 0;
      }
      loop1: for (let i = 0; i < delimiter.length; i++) {
        const del = delimiter[i];
        if (del[0] === chr) {
          for (let j = 1; j < del.length; j++) {
            if (del[j] !== buf[pos + j]) continue loop1;
          }
          return del.length;
        }
      }
      return 0;
    },
    __isEscape: function(buf, pos, chr) {
      const { escape } = this.options;
      if (escape === null) return false;
      const l = escape.length;
      if (escape[0] === chr) {
        for (let i = 0; i < l; i++) {
          if (escape[i] !== buf[pos + i]) {
            return false;
          }
        }
        return true;
      }
      return false;
    },
    __isFloat: function(value) {
      return value - parseFloat(value) + 1 >= 0;
    },
    // Keep it in case we implement the `cast_int` option
    // __isInt(value){
    //   // return Number.isInteger(parseInt(value))
    //   // return !isNaN( parseInt( obj ) );
    //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
    // }
    __isQuote: function(buf, pos) {
      const { quote } = this.options;
      if (quote === null) return false;
      const l = quote.length;
      for (let i = 0; i < l; i++) {
        if (quote[i] !== buf[pos + i]) {
          return false;
        }
      }
      return true;
    },
    __isRecordDelimiter: function(chr, buf, pos) {
      const { record_delimiter } = this.options;
      const recordDelimiterLength = record_delimiter.length;
      loop1: for (let i = 0; i < recordDelimiterLength; i++) {
        const rd = record_delimiter[i];
        const rdLength = rd.length;
        if (rd[0] !== chr) {
          continue;
        }
        for (let j = 1; j < rdLength; j++) {
          if (rd[j] !== buf[pos + j]) {
            continue loop1;
          }
        }
        return rd.length;
      }
      return 0;
    },
    __autoDiscoverRecordDelimiter: function(buf, pos) {
      const { encoding } = this.options;
      const rds = [
        // Important, the windows line ending must be before mac os 9
        Buffer.from("\r\n", encoding),
        Buffer.from("\n", encoding),
        Buffer.from("\r", encoding)
      ];
      loop: for (let i = 0; i < rds.length; i++) {
        const l = rds[i].length;
        for (let j = 0; j < l; j++) {
          if (rds[i][j] !== buf[pos + j]) {
            continue loop;
          }
        }
        this.options.record_delimiter.push(rds[i]);
        this.state.recordDelimiterMaxLength = rds[i].length;
        return rds[i].length;
      }
      return 0;
    },
    __error: function(msg) {
      const { encoding, raw, skip_records_with_error } = this.options;
      const err = typeof msg === "string" ? new Error(msg) : msg;
      if (skip_records_with_error) {
        this.state.recordHasError = true;
        if (this.options.on_skip !== void 0) {
          try {
            this.options.on_skip(
              err,
              raw ? this.state.rawBuffer.toString(encoding) : void 0
            );
          } catch (err2) {
            return err2;
          }
        }
        return void 0;
      } else {
        return err;
      }
    },
    __infoDataSet: function() {
      return {
        ...this.info,
        columns: this.options.columns
      };
    },
    __infoRecord: function() {
      const { columns, raw, encoding } = this.options;
      return {
        ...this.__infoDataSet(),
        bytes_records: this.info.bytes,
        error: this.state.error,
        header: columns === true,
        index: this.state.record.length,
        raw: raw ? this.state.rawBuffer.toString(encoding) : void 0
      };
    },
    __infoField: function() {
      const { columns } = this.options;
      const isColumns = Array.isArray(columns);
      const bytes_records = this.info.bytes_records;
      return {
        ...this.__infoRecord(),
        bytes_records,
        column: isColumns === true ? columns.length > this.state.record.length ? columns[this.state.record.length].name : null : this.state.record.length,
        quoting: this.state.wasQuoting
      };
    }
  };
};

// node_modules/csv-parse/lib/sync.js
var parse = function(data, opts = {}) {
  if (typeof data === "string") {
    data = Buffer.from(data);
  }
  const records = opts && opts.objname ? /* @__PURE__ */ Object.create(null) : [];
  const parser = transform(opts);
  const push = (record) => {
    if (parser.options.objname === void 0) records.push(record);
    else {
      records[record[0]] = record[1];
    }
  };
  const close = () => {
  };
  const error = parser.parse(data, true, push, close);
  if (error !== void 0) throw error;
  return records;
};

// electron/core/sentiment/csv.ts
function readLabelledCsv(file2, columns) {
  let content;
  try {
    content = fs4.readFileSync(file2, "utf8");
  } catch (error) {
    const code = error.code;
    throw new Error(code === "ENOENT" ? `file not found: ${file2}` : `cannot read ${file2}: ${code ?? String(error)}`, { cause: error });
  }
  let records;
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new Error(`${file2} is not valid CSV: ${error.message.split("\n")[0]}`, { cause: error });
  }
  const header = (records[0] ?? []).map((name) => name.trim());
  const textIndex = header.indexOf(columns.textColumn);
  const labelIndex = header.indexOf(columns.labelColumn);
  for (const [wanted, at] of [
    [columns.textColumn, textIndex],
    [columns.labelColumn, labelIndex]
  ]) {
    if (at < 0) throw new Error(`column "${wanted}" not found in ${file2} (columns: ${header.join(", ") || "none"})`);
  }
  const rows = [];
  let skipped = 0;
  let firstSkippedLine = null;
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    const label = (record[labelIndex] ?? "").trim();
    if (label !== "0" && label !== "1") {
      skipped++;
      firstSkippedLine ??= r + 1;
      continue;
    }
    rows.push({ text: record[textIndex] ?? "", label: label === "1" ? 1 : 0 });
  }
  return { rows, skipped, firstSkippedLine };
}

// scripts/sentiment-tmp-k.ts
var file = process.argv[2] ?? "/work/shared/corpus/ChnSentiCorp_htl_all.csv";
var texts = readLabelledCsv(file, { textColumn: "review", labelColumn: "label" }).rows.map((r) => r.text);
function t(label, f) {
  f();
  let best = 1e9;
  for (let r = 0; r < 7; r++) {
    const s = process.cpuUsage();
    f();
    const u = process.cpuUsage(s);
    best = Math.min(best, (u.user + u.system) / texts.length);
  }
  console.log(label, best.toFixed(1), "us/text", Math.round(1e6 / best), "/s");
}
var engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
t("engine", () => engine.scoreMany(texts));
var orig = Jieba2.prototype.cut;
var cache = /* @__PURE__ */ new Map();
Jieba2.prototype.cut = function(s, h) {
  const k = s;
  let c = cache.get(k);
  if (!c) {
    c = orig.call(this, s, h);
    cache.set(k, c);
  }
  return c;
};
for (let k = 0; k < 6; k++) engine.scoreMany(texts);
t("x", () => engine.scoreMany(texts));
