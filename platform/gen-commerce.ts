/** Lazily generated merchant-side resources: merchants, merchant_metrics, merchant_packages, tier_overrides. */
import { TIERS } from './contract';
import { hostileText } from './mention-text';
import { BRAND_WORDS, CATEGORY_TREE, GIVEN_CHARS, SHOP_SUFFIX, SURNAMES } from './names';
import { Rng, hash3, unit } from './rng';
import { FanOut, pad, parseIndexed, type BaseSource, type Rec } from './source';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDate, formatTs } from './time';
import { SALTS, type World } from './world';
import { ascii, type ByteWriter } from './writer';

export class MerchantSource implements BaseSource {
  constructor(private readonly world: World) {}

  get count(): number {
    return this.world.scale.merchants;
  }

  idAt(pos: number): string {
    return this.world.merchantId(pos);
  }

  scopeAt(pos: number): number {
    return this.world.merchantScope(pos);
  }

  posOf(id: string): number {
    const n = parseIndexed(id, 'mer_', 7);
    return n < this.count ? n : -1;
  }

  /** Shop names like 杭州恒源服饰旗舰店; a few are hostile on purpose. */
  nameOf(i: number): string {
    const w = this.world;
    const rng = Rng.of(w.seed, SALTS.merchantName, i);
    const type = w.shopTypeName(i);
    const { city } = w.geography(w.merchantProvince[i] ?? 0, w.merchantCity[i] ?? 0);
    const shopWord = CATEGORY_TREE[w.category(w.merchantCategory[i] ?? 0).l1Ordinal]?.shopWord ?? '';
    const suffix = rng.pick(SHOP_SUFFIX[type] ?? ['店']);
    const brand = rng.pick(BRAND_WORDS);
    let name: string;
    if (type === 'individual') name = `${rng.chance(0.5) ? '小' + rng.pick(GIVEN_CHARS) : rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS)}${suffix}`;
    else if (type === 'smb') name = `${rng.chance(0.4) ? city : ''}${brand}${shopWord}${suffix}`;
    else name = `${rng.chance(0.6) ? city : ''}${brand}${shopWord}${suffix}`;
    return rng.chance(0.002) ? hostileText(rng, name) : name;
  }

  recordAt(i: number): Rec {
    const w = this.world;
    const rng = Rng.of(w.seed, SALTS.merchantName, i ^ 0x5bd1e995);
    const { province, city } = w.geography(w.merchantProvince[i] ?? 0, w.merchantCity[i] ?? 0);
    const openedDaysAgo = w.merchantOpenedDaysAgo[i] ?? 100;
    return {
      id: w.merchantId(i),
      version: 1 + rng.int(4),
      updated_at: formatTs(w.startDay - rng.int(Math.min(openedDaysAgo, 60)) * DAY_MS - rng.int(DAY_MS)),
      name: this.nameOf(i),
      shop_type: w.shopTypeName(i),
      category_id: w.category(w.merchantCategory[i] ?? 0).id,
      province,
      city,
      opened_on: w.dateDaysAgo(openedDaysAgo),
      status: w.merchantStatusName(i),
    };
  }
}

interface MetricDay {
  date: string;
  compact: string;
  updatedAt: string;
  daysAgo: number;
  factor: number; // weekday/promotion traffic factor
  // Pre-encoded pieces of the feed item that depend on the day only.
  idBytes: Uint8Array;
  updatedMerchant: Uint8Array;
  dateGmv: Uint8Array;
}

/** merchant_metrics: position = day * merchants + merchant, ids mm_<yyyymmdd>_<merchant> (sorted = feed order). */
export class MerchantMetricSource implements BaseSource {
  private readonly days: MetricDay[] = [];
  private readonly dayByCompact = new Map<string, number>();
  private readonly priceYuanByCategory: number[];
  private readonly quality: Float64Array;
  private readonly rng = new Rng(0);
  private readonly v = {
    merchant: 0, version: 1, gmv: 0, orders: 0, buyers: 0, repeatBuyers: 0, visits: 0, refundOrders: 0,
    rating: null as number | null, skuCount: 0, activeSkus: 0, disputes: 0,
  };

  constructor(private readonly world: World) {
    const { metricDays } = world.scale;
    for (let d = 0; d < metricDays; d++) {
      const daysAgo = metricDays - d;
      const dayMs = world.startDay - daysAgo * DAY_MS;
      const date = formatDate(dayMs);
      const weekday = new Date(dayMs + 8 * HOUR_MS).getUTCDay();
      const mmdd = date.slice(5);
      const promo = mmdd === '11-11' ? 4.5 : mmdd === '06-18' ? 3 : mmdd === '11-10' || mmdd === '11-12' ? 1.8 : 1;
      const factor = (weekday === 0 || weekday === 6 ? 1.15 : 1) * promo;
      const compact = date.replace(/-/g, '');
      const updatedAt = formatTs(dayMs + DAY_MS + 2 * HOUR_MS);
      this.days.push({
        date, compact, updatedAt, daysAgo, factor,
        idBytes: ascii(`${compact}_`),
        updatedMerchant: ascii(`,"updated_at":"${updatedAt}","merchant_id":"mer_`),
        dateGmv: ascii(`","date":"${date}","gmv_fen":`),
      });
      this.dayByCompact.set(compact, d);
    }
    this.priceYuanByCategory = world.categories.map((c) => CATEGORY_TREE[c.l1Ordinal]?.priceYuan ?? 100);
    this.quality = new Float64Array(world.scale.merchants);
    for (let m = 0; m < world.scale.merchants; m++) this.quality[m] = unit(hash3(world.seed, SALTS.merchant, m));
  }

  get count(): number {
    return this.days.length * this.world.scale.merchants;
  }

  idAt(pos: number): string {
    const merchants = this.world.scale.merchants;
    const day = this.days[Math.floor(pos / merchants)];
    return `mm_${day?.compact ?? '00000000'}_${pad(pos % merchants, 7)}`;
  }

  scopeAt(pos: number): number {
    return this.world.merchantScope(pos % this.world.scale.merchants);
  }

  posOf(id: string): number {
    if (id.length !== 3 + 8 + 1 + 7 || !id.startsWith('mm_') || id[11] !== '_') return -1;
    const day = this.dayByCompact.get(id.slice(3, 11));
    const merchant = parseIndexed(id.slice(12), '', 7);
    if (day === undefined || merchant < 0 || merchant >= this.world.scale.merchants) return -1;
    return day * this.world.scale.merchants + merchant;
  }

  /** Computes the metric at a position into `this.v` (no allocation: this is the hot path of the biggest feed). */
  private compute(pos: number): MetricDay {
    const w = this.world;
    const merchants = w.scale.merchants;
    const m = pos % merchants;
    const day = this.days[Math.floor(pos / merchants)] as MetricDay;
    const rng = this.rng;
    rng.reset(hash3(w.seed, SALTS.metric, pos));
    const status = w.merchantStatus[m] ?? 0;
    const notYetOpen = (w.merchantOpenedDaysAgo[m] ?? 0) < day.daysAgo;
    const trading = status !== 2 && !notYetOpen;
    const visits = trading ? Math.round((w.merchantVisits[m] ?? 0) * day.factor * (0.6 + 0.8 * rng.float())) : 0;
    const conversion = (0.012 + 0.045 * rng.float()) * (status === 1 ? 0.15 : 1);
    const orders = Math.round(visits * conversion);
    const buyers = Math.round(orders * (0.82 + 0.16 * rng.float()));
    const repeatBuyers = Math.round(buyers * (0.08 + 0.3 * rng.float()));
    const avgPriceFen = Math.round((this.priceYuanByCategory[w.merchantCategory[m] ?? 0] ?? 100) * (0.6 + 0.8 * rng.float())) * 100;
    const refundRate = 0.01 + 0.12 * rng.float() * rng.float();
    const quality = this.quality[m] ?? 0.5; // stable per merchant: some shops are just bad
    const ratingRaw = 4.2 + 0.75 * rng.float() - (quality < 0.05 ? 1.6 : quality < 0.2 ? 0.5 : 0);
    const skuCount = w.merchantSkuCount[m] ?? 1;
    const activeSkus = orders === 0 ? 0 : Math.min(skuCount, Math.max(1, Math.round(skuCount * (0.1 + 0.5 * rng.float()) * Math.min(1, orders / 40))));
    const v = this.v;
    v.merchant = m;
    v.version = rng.chance(0.05) ? 2 : 1; // late corrections
    v.gmv = orders * avgPriceFen;
    v.orders = orders;
    v.buyers = buyers;
    v.repeatBuyers = repeatBuyers;
    v.visits = visits;
    v.refundOrders = Math.round(orders * refundRate);
    v.rating = orders >= 3 ? Math.round(Math.min(5, Math.max(1, ratingRaw)) * 100) / 100 : null;
    v.skuCount = skuCount;
    v.activeSkus = activeSkus;
    v.disputes = Math.floor(orders * (quality < 0.05 ? 0.02 : 0.002) * 2 * rng.float());
    return day;
  }

  recordAt(pos: number): Rec {
    const day = this.compute(pos);
    const v = this.v;
    return {
      id: `mm_${day.compact}_${pad(v.merchant, 7)}`,
      version: v.version,
      updated_at: day.updatedAt,
      merchant_id: this.world.merchantId(v.merchant),
      date: day.date,
      gmv_fen: v.gmv,
      orders: v.orders,
      buyers: v.buyers,
      repeat_buyers: v.repeatBuyers,
      visits: v.visits,
      refund_orders: v.refundOrders,
      rating_avg: v.rating,
      sku_count: v.skuCount,
      active_sku_count: v.activeSkus,
      dispute_count: v.disputes,
    };
  }

  /** Writes the feed item for a position, byte-identical to upsertItem(recordAt(pos)), without building the record. */
  writeItem(pos: number, w: ByteWriter): void {
    const day = this.compute(pos);
    const v = this.v;
    w.bytes(MM.itemStart);
    w.bytes(day.idBytes);
    w.padded(v.merchant, 7);
    w.bytes(MM.version);
    w.int(v.version);
    w.bytes(MM.dataId);
    w.bytes(day.idBytes);
    w.padded(v.merchant, 7);
    w.bytes(MM.version);
    w.int(v.version);
    w.bytes(day.updatedMerchant);
    w.padded(v.merchant, 7);
    w.bytes(day.dateGmv);
    w.int(v.gmv);
    w.bytes(MM.orders);
    w.int(v.orders);
    w.bytes(MM.buyers);
    w.int(v.buyers);
    w.bytes(MM.repeatBuyers);
    w.int(v.repeatBuyers);
    w.bytes(MM.visits);
    w.int(v.visits);
    w.bytes(MM.refundOrders);
    w.int(v.refundOrders);
    w.bytes(MM.rating);
    if (v.rating === null) w.bytes(MM.null);
    else w.cents(v.rating);
    w.bytes(MM.skuCount);
    w.int(v.skuCount);
    w.bytes(MM.activeSkus);
    w.int(v.activeSkus);
    w.bytes(MM.disputes);
    w.int(v.disputes);
    w.bytes(MM.end);
  }
}

/** Constant pieces of a merchant_metrics feed item, pre-encoded. */
const MM = {
  itemStart: ascii('{"op":"upsert","id":"mm_'),
  version: ascii('","version":'),
  dataId: ascii(',"data":{"id":"mm_'),
  orders: ascii(',"orders":'),
  buyers: ascii(',"buyers":'),
  repeatBuyers: ascii(',"repeat_buyers":'),
  visits: ascii(',"visits":'),
  refundOrders: ascii(',"refund_orders":'),
  rating: ascii(',"rating_avg":'),
  null: ascii('null'),
  skuCount: ascii(',"sku_count":'),
  activeSkus: ascii(',"active_sku_count":'),
  disputes: ascii(',"dispute_count":'),
  end: ascii('}}'),
};

const PACKAGE_NOTES = ['年度框架协议', '大促前补签', '类目运营推荐', '商家主动申请', '季度复盘后调整', null];

/** merchant_packages: 0–2 per merchant by tier; ids mp_<merchant>_<k>. */
export class MerchantPackageSource implements BaseSource {
  private readonly fan: FanOut;

  constructor(private readonly world: World) {
    this.fan = new FanOut(world.scale.merchants, (m) => {
      const r = unit(hash3(world.seed, SALTS.merchantPackage, m));
      const tier = world.merchantTier[m] ?? 2;
      if (tier === 0) return r < 0.5 ? 2 : 1;
      if (tier === 1) return r < 0.5 ? 1 : 0;
      return r < (tier === 2 ? 0.15 : 0.08) ? 1 : 0;
    });
  }

  get count(): number {
    return this.fan.total;
  }

  idAt(pos: number): string {
    const m = this.fan.parentOf(pos);
    return `mp_${pad(m, 7)}_${pos - (this.fan.offsets[m] ?? 0)}`;
  }

  scopeAt(pos: number): number {
    return this.world.merchantScope(this.fan.parentOf(pos));
  }

  posOf(id: string): number {
    if (id.length !== 3 + 7 + 2 || id[10] !== '_') return -1;
    const m = parseIndexed(id.slice(0, 10), 'mp_', 7);
    const k = parseIndexed(id.slice(11), '', 1);
    return m < 0 || k < 0 ? -1 : this.fan.position(m, k);
  }

  recordAt(pos: number): Rec {
    const w = this.world;
    const m = this.fan.parentOf(pos);
    const k = pos - (this.fan.offsets[m] ?? 0);
    const rng = Rng.of(w.seed, SALTS.merchantPackage, pos);
    const pool = w.packagesByTier.get(w.tierName(m)) ?? [0];
    const pkg = w.packages[pool[k % pool.length] ?? 0];
    const assignedDaysAgo = rng.range(3, 300);
    const revoked = rng.chance(0.12);
    return {
      id: `mp_${pad(m, 7)}_${k}`,
      version: revoked ? 2 : 1,
      updated_at: formatTs(w.startDay - (revoked ? rng.int(assignedDaysAgo) : assignedDaysAgo) * DAY_MS + 10 * HOUR_MS + rng.int(8 * HOUR_MS)),
      merchant_id: w.merchantId(m),
      package_id: pkg?.id ?? 'pkg_01',
      assigned_by: w.randomPerson(rng, 'operations'),
      assigned_on: w.dateDaysAgo(assignedDaysAgo),
      status: revoked ? 'revoked' : 'active',
      note: rng.pick(PACKAGE_NOTES),
    };
  }
}

/** Why an operator overrode the computed tier, by the tier set. */
const OVERRIDE_REASONS: Readonly<Record<string, readonly string[]>> = {
  head: ['大促期间临时升级，保障资源位', '品牌战略合作，按头部商家管理', '集团关联店铺，统一按头部管理'],
  waist: ['新品类孵化，给予腰部权益', '近期纠纷率偏高，降级观察', '季度复盘后调整为腰部'],
  smb: ['违规整改期间降级', '近期纠纷率偏高，降级观察', '经营主体变更，重新评估'],
  individual: ['个人店主身份核实，按个人店管理', '违规整改期间降级'],
};

/** tier_overrides: about 3 % of merchants; id to_<merchant id> (one override per merchant). */
export class TierOverrideSource implements BaseSource {
  private readonly fan: FanOut;

  constructor(private readonly world: World) {
    this.fan = new FanOut(world.scale.merchants, (m) => (unit(hash3(world.seed, SALTS.tierOverride, m)) < 0.03 ? 1 : 0));
  }

  get count(): number {
    return this.fan.total;
  }

  idAt(pos: number): string {
    return `to_${this.world.merchantId(this.fan.parentOf(pos))}`;
  }

  scopeAt(pos: number): number {
    return this.world.merchantScope(this.fan.parentOf(pos));
  }

  posOf(id: string): number {
    return this.fan.position(parseIndexed(id, 'to_mer_', 7), 0);
  }

  recordAt(pos: number): Rec {
    const w = this.world;
    const m = this.fan.parentOf(pos);
    const rng = Rng.of(w.seed, SALTS.tierOverride, pos);
    const natural = w.merchantTier[m] ?? 2;
    const tier = TIERS[(natural + 1 + rng.int(TIERS.length - 1)) % TIERS.length] ?? 'waist';
    return {
      id: `to_${w.merchantId(m)}`,
      version: 1 + rng.int(2),
      updated_at: formatTs(w.startDay - rng.range(1, 90) * DAY_MS + rng.int(DAY_MS / MINUTE_MS) * MINUTE_MS),
      merchant_id: w.merchantId(m),
      tier,
      reason: rng.pick(OVERRIDE_REASONS[tier] ?? ['运营调整']),
      set_by: w.randomPerson(rng, 'operations'),
      expires_on: rng.chance(0.6) ? w.dateDaysAgo(-rng.range(7, 120)) : null,
    };
  }
}

