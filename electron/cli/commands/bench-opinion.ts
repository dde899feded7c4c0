/**
 * `cockpit bench opinion`: score 1M mentions with a pool of worker threads (one per core) and run
 * burst detection over them, printing {"mentions","seconds","perSecond","alerts"}.
 *
 * The mentions are generated with the reference platform's text composer (reviews, Weibo posts,
 * news, forum threads, …): two weeks and two hours of everyday talk about 20,000 merchants, plus
 * bursts of negative posts inside the recent window (one merchant's, one SKU's, and a few
 * broad category-wide ones), so detection has real work to do. Each worker generates its share
 * before the clock starts (generation is not what is measured); `seconds` covers scoring in the
 * pool and detection over the results on the main thread.
 */
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InvalidArgumentError, type Command } from 'commander';
import { MENTION_SOURCES } from '../../../platform/contract';
import { TOPICS as PLATFORM_TOPICS, composeMention, type Sentiment, type Topic } from '../../../platform/mention-text';
import { Rng, hash3, salt } from '../../../platform/rng';
import { detectBursts, type DetectionMention } from '../../core/opinion/detection';
import { platformTopicOf } from '../../core/opinion/scoring';
import { createSentimentEngine, defaultResourcesDir } from '../../core/sentiment';
import { parsePositiveInt } from '../options';

const SELF = fileURLToPath(import.meta.url);
const ROLE = 'cockpit-bench-opinion';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW_MS = Date.parse('2026-11-11T12:00:00+08:00');
const HISTORY_MS = 14 * DAY_MS + 2 * HOUR_MS;
const RECENT_MS = 2 * HOUR_MS;
const MERCHANTS = 20_000;
const SKUS_PER_MERCHANT = 5;
const CATEGORIES = 120;
const SOURCE_WEIGHTS = [35, 15, 3, 7, 15, 15, 10];
const REACH_MEDIAN = [150, 8_000, 300_000, 2_000, 20_000, 5_000, 1];
const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];
const SENTIMENT_WEIGHTS = [55, 20, 25];
const SKU_NOUNS = ['连衣裙', '奶粉', '蓝牙耳机', '牛肉干', '面霜', '猫粮', '电饭煲', '运动鞋', '坚果礼盒', '洗发水'];
const CITIES = ['杭州', '广州', '深圳', '义乌', '成都', '上海', '北京', '武汉'];
/** Label and topic codes sent back by the workers (no strings across threads). */
const LABEL_CODES = ['positive', 'neutral', 'negative'] as const;
const TOPIC_CODES = ['', 'quality', 'logistics', 'customer_service', 'false_advertising', 'food_safety', 'price', 'fraud', 'other'] as const;

interface BenchOptions {
  json?: boolean;
  mentions: number;
  workers: number;
  seed: number;
}

/** A burst: mentions [start, end) are negative posts (85 %) about one subject and topic, inside the recent window. */
interface BurstPlan {
  start: number;
  end: number;
  merchant: number; // -1: spread over many merchants of the category
  sku: number; // -1: about the merchant as a whole
  category: number;
  topic: Topic;
}

interface WorkerInput {
  role: typeof ROLE;
  seed: number;
  total: number;
  worker: number;
  workers: number;
  bursts: BurstPlan[];
}

/** What a worker generated: the mentions i ≡ worker (mod workers), as columns. */
interface GeneratedColumns {
  source: Uint8Array;
  reach: Float64Array;
  publishedMs: Float64Array;
  merchant: Int32Array;
  sku: Int32Array;
  category: Int32Array;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

export function registerOpinionBench(bench: Command): void {
  bench
    .command('opinion')
    .description('score 1M generated mentions with a worker pool and run burst detection; print one JSON line')
    .option('--json', 'print only the JSON line on stdout (progress goes to stderr either way)')
    .option('--mentions <n>', 'how many mentions', parsePositiveInt, 1_000_000)
    .option('--workers <n>', 'scoring threads (default: one per core)', parsePositiveInt, os.availableParallelism())
    .option('--seed <n>', 'data-set seed', parseSeed, 1)
    .action(async (options: BenchOptions) => {
      const result = await runOpinionBench(options);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}

export interface OpinionBenchResult {
  mentions: number;
  seconds: number;
  perSecond: number;
  alerts: number;
}

export async function runOpinionBench(options: BenchOptions): Promise<OpinionBenchResult> {
  const total = options.mentions;
  const bursts = planBursts(options.seed, total);
  const log = (line: string) => process.stderr.write(`cockpit bench opinion: ${line}\n`);
  log(`generating ${total} mentions (${bursts.length} bursts) in ${options.workers} worker threads`);
  const pool = Array.from({ length: options.workers }, (_, worker) => startWorker({ role: ROLE, seed: options.seed, total, worker, workers: options.workers, bursts }));
  try {
    const columns = await Promise.all(pool.map((w) => w.ready));
    log('scoring and detecting');
    const started = performance.now();
    const scored = await Promise.all(pool.map((w) => w.score()));
    const mentions = toDetectionMentions(columns, scored, options.workers, total);
    const detection = detectBursts({ mentions, nowMs: NOW_MS });
    const seconds = (performance.now() - started) / 1000;
    log(`${detection.opened.length} alerts opened (${tally(detection.opened.map((a) => `${a.subjectType} ${a.severity}`))}), ` +
      `${detection.suppressed.length} bursts suppressed (${tally(detection.suppressed.map((a) => a.reason))}), ${detection.groupsEvaluated} groups evaluated`);
    return { mentions: total, seconds: Math.round(seconds * 1000) / 1000, perSecond: Math.round(total / seconds), alerts: detection.opened.length };
  } finally {
    await Promise.all(pool.map((w) => w.worker.terminate()));
  }
}

/** "merchant P1: 3, sku P2: 1" */
function tally(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([item, n]) => `${item}: ${n}`).join(', ') || 'none';
}

/** About 8 % of the mentions are bursts: 60 narrow ones and 4 category-wide ones. */
function planBursts(seed: number, total: number): BurstPlan[] {
  const rng = Rng.of(seed, salt('opinion-bench-bursts'), 0);
  const plans: BurstPlan[] = [];
  let start = total;
  const add = (size: number, plan: Omit<BurstPlan, 'start' | 'end'>) => {
    start -= size;
    plans.push({ ...plan, start, end: start + size });
  };
  const size = Math.max(10, Math.floor(total / 3000));
  for (let b = 0; b < 60; b++) {
    const merchant = rng.int(MERCHANTS);
    const onSku = rng.chance(0.3);
    add(rng.range(size, size * 4), { merchant, sku: onSku ? merchant * SKUS_PER_MERCHANT + rng.int(SKUS_PER_MERCHANT) : -1, category: merchant % CATEGORIES, topic: rng.pick(PLATFORM_TOPICS) });
  }
  for (let b = 0; b < 4; b++) add(size * 20, { merchant: -1, sku: -1, category: rng.int(CATEGORIES), topic: b % 2 === 0 ? 'food_safety' : 'fraud' });
  return plans.filter((plan) => plan.start >= 0);
}

function burstOf(bursts: readonly BurstPlan[], i: number): BurstPlan | null {
  for (const burst of bursts) if (i >= burst.start && i < burst.end) return burst;
  return null;
}

/** Mention i: its subject, source, reach, time, sentiment and text; a pure function of (seed, i). */
function generateMention(seed: number, i: number, bursts: readonly BurstPlan[], rng: Rng) {
  rng.reset(hash3(seed, salt('opinion-bench-mention'), i));
  const burst = burstOf(bursts, i);
  const source = rng.weightedIndex(SOURCE_WEIGHTS);
  const reach = Math.max(0, Math.round((REACH_MEDIAN[source] ?? 1) * Math.exp((rng.float() - 0.5) * 3)));
  let merchant: number;
  let sku: number;
  let category: number;
  let topic: Topic;
  let sentiment: Sentiment;
  let publishedMs: number;
  if (burst) {
    const spread = burst.merchant < 0;
    merchant = spread ? rng.int(MERCHANTS / CATEGORIES) * CATEGORIES + burst.category : burst.merchant;
    sku = burst.sku;
    category = burst.category;
    topic = burst.topic;
    sentiment = rng.chance(0.85) ? 'negative' : 'neutral';
    publishedMs = NOW_MS - rng.int(RECENT_MS * 0.9);
  } else {
    merchant = rng.chance(0.9) ? rng.int(MERCHANTS) : -1;
    sku = merchant >= 0 && rng.chance(0.5) ? merchant * SKUS_PER_MERCHANT + rng.int(SKUS_PER_MERCHANT) : -1;
    category = merchant >= 0 ? merchant % CATEGORIES : rng.int(CATEGORIES);
    topic = rng.pick(PLATFORM_TOPICS);
    sentiment = SENTIMENTS[rng.weightedIndex(SENTIMENT_WEIGHTS)] as Sentiment;
    publishedMs = NOW_MS - rng.int(HISTORY_MS);
  }
  const text = composeMention(rng, MENTION_SOURCES[source] as string, sentiment, topic, {
    shop: merchant >= 0 ? `店铺${merchant}` : '这家店',
    sku: SKU_NOUNS[(sku >= 0 ? sku : category) % SKU_NOUNS.length] as string,
    city: CITIES[category % CITIES.length] as string,
  });
  return { source, reach, publishedMs, merchant, sku, category, text };
}

interface PoolWorker {
  worker: Worker;
  ready: Promise<GeneratedColumns>;
  score(): Promise<{ labels: Uint8Array; topics: Uint8Array }>;
}

function workerBootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `(async () => {
    const { register } = await import(${JSON.stringify(tsxApi)});
    register();
    await import(${JSON.stringify(pathToFileURL(SELF).href)});
  })().catch((error) => { console.error(error); process.exit(1); });`;
}

function startWorker(input: WorkerInput): PoolWorker {
  const worker = new Worker(workerBootstrap(), { eval: true, workerData: input });
  let onScored: ((value: { labels: Uint8Array; topics: Uint8Array }) => void) | null = null;
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`a scoring worker exited with code ${code}`)));
  });
  const ready = new Promise<GeneratedColumns>((resolve) => {
    worker.on('message', (message: { kind: 'ready'; columns: GeneratedColumns } | { kind: 'scored'; labels: Uint8Array; topics: Uint8Array }) => {
      if (message.kind === 'ready') resolve(message.columns);
      else onScored?.({ labels: message.labels, topics: message.topics });
    });
  });
  return {
    worker,
    ready: Promise.race([ready, failed]),
    score: () =>
      Promise.race([
        new Promise<{ labels: Uint8Array; topics: Uint8Array }>((resolve) => {
          onScored = resolve;
          worker.postMessage({ kind: 'score' });
        }),
        failed,
      ]),
  };
}

function toDetectionMentions(columns: GeneratedColumns[], scored: { labels: Uint8Array; topics: Uint8Array }[], workers: number, total: number): DetectionMention[] {
  const mentions: DetectionMention[] = new Array(total);
  for (let w = 0; w < workers; w++) {
    const c = columns[w] as GeneratedColumns;
    const s = scored[w] as { labels: Uint8Array; topics: Uint8Array };
    for (let k = 0; k < c.source.length; k++) {
      const i = k * workers + w;
      const merchant = c.merchant[k] as number;
      const sku = c.sku[k] as number;
      const negative = LABEL_CODES[s.labels[k] as number] === 'negative';
      mentions[i] = {
        id: `mn_${i}`,
        source: MENTION_SOURCES[c.source[k] as number] as string,
        reach: c.reach[k] as number,
        publishedMs: c.publishedMs[k] as number,
        merchantId: merchant >= 0 ? `mer_${merchant}` : null,
        skuId: sku >= 0 ? `sku_${sku}` : null,
        categoryId: `cat_${c.category[k] as number}`,
        negative,
        topic: negative ? (TOPIC_CODES[s.topics[k] as number] || null) : null,
      };
    }
  }
  return mentions;
}

/** Worker side: generate this worker's share, then score it when asked. */
function workerMain(input: WorkerInput): void {
  const port = parentPort;
  if (!port) return;
  const engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
  const count = Math.ceil((input.total - input.worker) / input.workers);
  const columns: GeneratedColumns = {
    source: new Uint8Array(count), reach: new Float64Array(count), publishedMs: new Float64Array(count),
    merchant: new Int32Array(count), sku: new Int32Array(count), category: new Int32Array(count),
  };
  const texts: string[] = new Array(count);
  const rng = new Rng(0);
  for (let k = 0; k < count; k++) {
    const m = generateMention(input.seed, k * input.workers + input.worker, input.bursts, rng);
    columns.source[k] = m.source;
    columns.reach[k] = m.reach;
    columns.publishedMs[k] = m.publishedMs;
    columns.merchant[k] = m.merchant;
    columns.sku[k] = m.sku;
    columns.category[k] = m.category;
    texts[k] = m.text;
  }
  // Copies, not transfers: the worker keeps nothing it needs after this.
  port.postMessage({ kind: 'ready', columns });
  port.on('message', () => {
    const labels = new Uint8Array(count);
    const topics = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const result = engine.score(texts[k] as string);
      labels[k] = LABEL_CODES.indexOf(result.label);
      topics[k] = result.label === 'negative' ? Math.max(0, TOPIC_CODES.indexOf(platformTopicOf(result.topic) as (typeof TOPIC_CODES)[number])) : 0;
    }
    port.postMessage({ kind: 'scored', labels, topics }, [labels.buffer, topics.buffer]);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) workerMain(workerData as WorkerInput);
