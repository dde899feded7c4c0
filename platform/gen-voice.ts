/**
 * Voice of the customer: mentions (lazy, 1M at large scale) and the base alerts (materialised).
 * Each base alert owns an "incident block" of mention positions: those mentions are about the
 * alert's subject and topic, mostly negative, published shortly before the alert opened, so the
 * generated alerts and mentions agree with each other.
 */
import { ALERT_SEVERITIES, MENTION_SOURCES } from './contract';
import type { MerchantSource } from './gen-commerce';
import type { SkuSource } from './gen-supply';
import { TOPICS, composeMention, hostileText, pickTopic, type Sentiment, type Topic } from './mention-text';
import { BRAND_WORDS, GIVEN_CHARS, SURNAMES } from './names';
import { Rng } from './rng';
import { GLOBAL_SCOPE, MaterializedSource, pad, parseIndexed, type BaseSource, type Rec } from './source';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatTs } from './time';
import { SALTS, type World } from './world';

export const TOPIC_LABELS: Readonly<Record<Topic, string>> = {
  quality: '质量', logistics: '物流', customer_service: '客服', false_advertising: '虚假宣传', food_safety: '食品安全', price: '价格', fraud: '欺诈',
};

const SUBJECT_NONE = 0;
const SUBJECT_MERCHANT = 1;
const SUBJECT_SKU = 2;
const SUBJECT_CATEGORY = 3;
const SUBJECT_TYPES = ['platform', 'merchant', 'sku', 'category'] as const;

/** What a mention is about and how it feels; the text is composed from this. */
export interface MentionSpec {
  merchant: number; // -1 = none
  sku: number; // -1 = none
  category: number; // category index, -1 = none (derived from sku/merchant when they are set)
  topic: Topic;
  sentiment: Sentiment;
  publishedMs: number;
}

const SOURCE_WEIGHTS = [35, 15, 3, 7, 15, 15, 10];
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const SENTIMENT_WEIGHTS = [55, 20, 25];
const REACH_MEDIAN: Readonly<Record<string, number>> = {
  review: 150, weibo: 8_000, news: 300_000, forum: 2_000, douyin: 20_000, xiaohongshu: 5_000, customer_service: 1,
};

export class MentionSource implements BaseSource {
  readonly slotSize: number;
  // Per base alert (incident): subject and shape of its block of mentions.
  readonly incidentSubjectType: Uint8Array;
  readonly incidentSubject: Int32Array;
  readonly incidentTopic: Uint8Array;
  readonly incidentOpenedMs: Float64Array;
  readonly incidentNegativeShare: Float32Array;
  readonly incidentSize: Uint16Array;

  constructor(
    private readonly world: World,
    private readonly merchants: MerchantSource,
    private readonly skus: SkuSource,
  ) {
    const alerts = world.scale.alerts;
    this.slotSize = Math.floor(world.scale.mentions / alerts);
    this.incidentSubjectType = new Uint8Array(alerts);
    this.incidentSubject = new Int32Array(alerts);
    this.incidentTopic = new Uint8Array(alerts);
    this.incidentOpenedMs = new Float64Array(alerts);
    this.incidentNegativeShare = new Float32Array(alerts);
    this.incidentSize = new Uint16Array(alerts);
    for (let a = 0; a < alerts; a++) {
      const rng = Rng.of(world.seed, SALTS.alert, a);
      const type = rng.weighted([SUBJECT_MERCHANT, SUBJECT_SKU, SUBJECT_CATEGORY, SUBJECT_NONE], [60, 25, 10, 5]);
      this.incidentSubjectType[a] = type;
      this.incidentSubject[a] =
        type === SUBJECT_MERCHANT ? rng.int(world.scale.merchants)
          : type === SUBJECT_SKU ? rng.int(world.scale.skus)
            : type === SUBJECT_CATEGORY ? rng.pick(world.categories.filter((c) => c.level > 1)).index : -1;
      const subject = this.incidentSubject[a] ?? -1;
      const l1 = this.l1Of(type === SUBJECT_MERCHANT ? subject : -1, type === SUBJECT_SKU ? subject : -1, type === SUBJECT_CATEGORY ? subject : -1);
      this.incidentTopic[a] = TOPICS.indexOf(pickTopic(rng, l1));
      this.incidentOpenedMs[a] = world.startMs - Math.floor(rng.float() * rng.float() * 14 * DAY_MS);
      this.incidentNegativeShare[a] = 0.6 + 0.35 * rng.float();
      this.incidentSize[a] = rng.range(10, Math.max(10, Math.min(200, this.slotSize)));
    }
  }

  get count(): number {
    return this.world.scale.mentions;
  }

  idAt(pos: number): string {
    return `mn_${pad(pos, 7)}`;
  }

  posOf(id: string): number {
    const n = parseIndexed(id, 'mn_', 7);
    return n < this.count ? n : -1;
  }

  /** Index of the incident (base alert) a position belongs to, or -1. */
  incidentOf(pos: number): number {
    const slot = Math.floor(pos / this.slotSize);
    return slot < this.incidentSize.length && pos - slot * this.slotSize < (this.incidentSize[slot] ?? 0) ? slot : -1;
  }

  scopeAt(pos: number): number {
    return this.scopeOfSpec(this.specAt(pos, Rng.of(this.world.seed, SALTS.mention, pos)));
  }

  scopeOfSpec(spec: MentionSpec): number {
    if (spec.sku >= 0) return this.world.skuScope(spec.sku);
    if (spec.merchant >= 0) return this.world.merchantScope(spec.merchant);
    return spec.category >= 0 ? spec.category : GLOBAL_SCOPE;
  }

  /** The subject/sentiment of a base mention; consumes the first draws of its Rng. */
  specAt(pos: number, rng: Rng): MentionSpec {
    const incident = this.incidentOf(pos);
    if (incident >= 0) {
      const type = this.incidentSubjectType[incident] ?? SUBJECT_NONE;
      const subject = this.incidentSubject[incident] ?? -1;
      return {
        merchant: type === SUBJECT_MERCHANT ? subject : -1,
        sku: type === SUBJECT_SKU ? subject : -1,
        category: type === SUBJECT_CATEGORY ? subject : -1,
        topic: TOPICS[this.incidentTopic[incident] ?? 0] ?? 'quality',
        sentiment: rng.chance(this.incidentNegativeShare[incident] ?? 0.8) ? 'negative' : 'neutral',
        publishedMs: (this.incidentOpenedMs[incident] ?? 0) - rng.int(6 * HOUR_MS),
      };
    }
    return this.everydaySpec(rng, this.world.startMs - Math.floor(rng.float() * this.world.scale.mentionDays * DAY_MS));
  }

  /** An ordinary mention (no incident): mostly about a shop, often a product, mostly positive. */
  everydaySpec(rng: Rng, publishedMs: number): MentionSpec {
    const w = this.world;
    const merchant = rng.chance(0.75) ? rng.int(w.scale.merchants) : -1;
    const sku = rng.chance(0.45) ? rng.int(w.scale.skus) : -1;
    return {
      merchant, sku, category: -1,
      topic: pickTopic(rng, this.l1Of(merchant, sku, -1)),
      sentiment: rng.weighted(SENTIMENTS, SENTIMENT_WEIGHTS),
      publishedMs,
    };
  }

  /** Level-1 ordinal of what a mention is about, -1 when it is about nothing in particular. */
  l1Of(merchant: number, sku: number, category: number): number {
    const w = this.world;
    const index = sku >= 0 ? (w.skuCategory[sku] ?? -1) : merchant >= 0 ? (w.merchantCategory[merchant] ?? -1) : category;
    return index >= 0 ? w.category(index).l1Ordinal : -1;
  }

  recordAt(pos: number): Rec {
    const rng = Rng.of(this.world.seed, SALTS.mention, pos);
    const spec = this.specAt(pos, rng);
    return this.build(this.idAt(pos), rng, spec, 1 + (rng.chance(0.03) ? 1 : 0));
  }

  /** Builds a mention from its spec (also used for live mentions). */
  build(id: string, rng: Rng, spec: MentionSpec, version: number): Rec {
    const w = this.world;
    const source = rng.weighted(MENTION_SOURCES, SOURCE_WEIGHTS);
    const categoryIndex = spec.sku >= 0 ? (w.skuCategory[spec.sku] ?? 0) : spec.merchant >= 0 ? (w.merchantCategory[spec.merchant] ?? 0) : spec.category;
    const city = spec.merchant >= 0 ? w.geography(w.merchantProvince[spec.merchant] ?? 0, w.merchantCity[spec.merchant] ?? 0).city : '杭州';
    const noun = categoryIndex >= 0 ? w.category(categoryIndex).name : '商品';
    const ctx = {
      shop: spec.merchant >= 0 ? this.merchants.nameOf(spec.merchant) : categoryIndex >= 0 ? `某${noun}商家` : '平台',
      sku: spec.sku >= 0 ? this.skus.nameOf(spec.sku) : noun,
      city,
    };
    let text = composeMention(rng, source, spec.sentiment, spec.topic, ctx);
    if (rng.chance(0.005)) text = hostileText(rng, text);
    const rating = source === 'review'
      ? spec.sentiment === 'positive' ? rng.range(4, 5) : spec.sentiment === 'neutral' ? rng.range(3, 4) : rng.range(1, 2)
      : null;
    const author = this.author(rng, source);
    return {
      id,
      version,
      updated_at: formatTs(spec.publishedMs + rng.range(1, 30) * MINUTE_MS),
      source,
      url: this.url(rng, source, id),
      author: rng.chance(0.002) ? hostileText(rng, author) : author,
      text,
      rating,
      merchant_id: spec.merchant >= 0 ? w.merchantId(spec.merchant) : null,
      sku_id: spec.sku >= 0 ? w.skuId(spec.sku) : null,
      category_id: categoryIndex >= 0 ? w.category(categoryIndex).id : null,
      published_at: formatTs(spec.publishedMs),
      reach: this.reach(rng, source),
    };
  }

  private author(rng: Rng, source: string): string {
    switch (source) {
      case 'review': return `${rng.pick(GIVEN_CHARS)}***${rng.int(10)}`;
      case 'news': return `记者 ${rng.pick(SURNAMES)}${rng.pick(GIVEN_CHARS)}`;
      case 'customer_service': return `买家${rng.range(100000, 999999)}`;
      default: return `${rng.pick(['小', '阿', '大', '爱吃的', '不想上班的'])}${rng.pick(BRAND_WORDS)}${rng.chance(0.4) ? rng.range(1, 9999) : ''}`;
    }
  }

  private url(rng: Rng, source: string, id: string): string {
    const n = rng.next().toString(16);
    switch (source) {
      case 'review': return `https://item.mall.example.cn/review/${id}`;
      case 'weibo': return `https://weibo.com/${rng.range(1_000_000_000, 7_999_999_999)}/${n}`;
      case 'news': return `https://news.example.com.cn/${n}.html`;
      case 'forum': return `https://bbs.example.cn/thread-${rng.range(100000, 9999999)}-1-1.html`;
      case 'douyin': return `https://www.douyin.com/video/${rng.range(7_000_000_000, 7_499_999_999)}${rng.range(100000000, 999999999)}`;
      case 'xiaohongshu': return `https://www.xiaohongshu.com/explore/${n}${rng.next().toString(16)}`;
      default: return `https://kefu.mall.example.cn/ticket/${id}`;
    }
  }

  private reach(rng: Rng, source: string): number {
    const median = REACH_MEDIAN[source] ?? 100;
    return Math.max(1, Math.round(rng.lognormal(median, source === 'customer_service' ? 0 : 1.2)));
  }
}

const RESOLUTIONS = ['商家已下架问题批次并完成退款', '已协调物流补发，客诉关闭', '经核实为个别案例，已安抚用户', '商家整改完成，恢复正常', '误报：舆情来自竞品水军'];
const COMMENT_TEXTS = ['已联系商家负责人，要求2小时内回复', '拉了物流和客服的同学进群', '舆情还在发酵，建议升级', '商家反馈是仓库错发', '已同步法务评估风险'];

/** Base alerts: one per incident block of mentions. */
export function buildAlerts(world: World, mentions: MentionSource, merchants: MerchantSource, skus: SkuSource): MaterializedSource {
  const records: Rec[] = [];
  const scopes: number[] = [];
  for (let a = 0; a < world.scale.alerts; a++) {
    const rng = Rng.of(world.seed, SALTS.alert ^ 0x77, a);
    const typeCode = mentions.incidentSubject[a] === -1 ? SUBJECT_NONE : (mentions.incidentSubjectType[a] ?? SUBJECT_NONE);
    const subjectIndex = mentions.incidentSubject[a] ?? -1;
    const subjectType = SUBJECT_TYPES[typeCode] ?? 'platform';
    const subjectId =
      typeCode === SUBJECT_MERCHANT ? world.merchantId(subjectIndex)
        : typeCode === SUBJECT_SKU ? world.skuId(subjectIndex)
          : typeCode === SUBJECT_CATEGORY ? world.category(subjectIndex).id : null;
    const subjectName =
      typeCode === SUBJECT_MERCHANT ? merchants.nameOf(subjectIndex)
        : typeCode === SUBJECT_SKU ? skus.nameOf(subjectIndex)
          : typeCode === SUBJECT_CATEGORY ? world.category(subjectIndex).name : '全平台';
    const topic = TOPICS[mentions.incidentTopic[a] ?? 0] ?? 'quality';
    const openedMs = mentions.incidentOpenedMs[a] ?? world.startMs;
    const severity = rng.weighted(ALERT_SEVERITIES, [10, 35, 55]);
    const ageHours = (world.startMs - openedMs) / HOUR_MS;
    const status = ageHours < 4 ? rng.weighted(['open', 'acknowledged', 'responding'] as const, [6, 2, 2])
      : rng.weighted(['open', 'acknowledged', 'responding', 'resolved', 'dismissed'] as const, [8, 8, 12, 60, 12]);
    const acknowledged = status !== 'open';
    const closed = status === 'resolved' || status === 'dismissed';
    const ackMs = openedMs + rng.range(5, 90) * MINUTE_MS;
    const resolvedMs = Math.min(world.startMs - MINUTE_MS, ackMs + rng.range(1, 48) * HOUR_MS);
    const size = mentions.incidentSize[a] ?? 0;
    const mentionIds: string[] = [];
    for (let k = 0; k < Math.min(50, size); k++) mentionIds.push(mentions.idAt(a * mentions.slotSize + k));
    const comments: { author_id: string; text: string; at: string }[] = [];
    const commentCount = acknowledged ? rng.int(4) : 0;
    for (let k = 0; k < commentCount; k++) {
      const text = rng.pick(COMMENT_TEXTS);
      comments.push({ author_id: world.randomPerson(rng), text: rng.chance(0.03) ? hostileText(rng, text) : text, at: formatTs(ackMs + (k + 1) * 20 * MINUTE_MS) });
    }
    const lastChangeMs = closed ? resolvedMs : acknowledged ? ackMs + commentCount * 20 * MINUTE_MS : openedMs;
    records.push({
      id: `al_${pad(a, 6)}`,
      version: 1 + (acknowledged ? 1 : 0) + (status === 'responding' ? 1 : 0) + (closed ? 1 : 0) + commentCount,
      updated_at: formatTs(Math.min(lastChangeMs, world.startMs - 1000)),
      dedup_key: `${topic}:${subjectType}:${subjectId ?? 'platform'}`,
      title: `${subjectName} ${TOPIC_LABELS[topic]}负面舆情激增`,
      severity,
      status,
      subject_type: subjectType,
      subject_id: subjectId,
      topic,
      opened_at: formatTs(openedMs),
      sla_due_at: formatTs(openedMs + ({ P1: 2, P2: 8, P3: 24 }[severity] ?? 24) * HOUR_MS),
      acknowledged_at: acknowledged ? formatTs(ackMs) : null,
      acknowledged_by: acknowledged ? world.randomPerson(rng, 'operations') : null,
      assignee_id: status === 'open' ? null : world.randomPerson(rng),
      resolved_at: closed ? formatTs(resolvedMs) : null,
      resolution: closed ? (status === 'dismissed' ? '误报，忽略' : rng.pick(RESOLUTIONS)) : null,
      mention_ids: mentionIds,
      mention_count: size,
      negative_share: Math.round((mentions.incidentNegativeShare[a] ?? 0.8) * 100) / 100,
      escalation_level: severity === 'P1' ? rng.range(1, 3) : rng.chance(0.2) ? 1 : 0,
      comments,
    });
    scopes.push(typeCode === SUBJECT_MERCHANT ? world.merchantScope(subjectIndex)
      : typeCode === SUBJECT_SKU ? world.skuScope(subjectIndex)
        : typeCode === SUBJECT_CATEGORY ? subjectIndex : GLOBAL_SCOPE);
  }
  return new MaterializedSource(records, scopes);
}
