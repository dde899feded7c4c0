/**
 * The deterministic "world" behind all feeds: reference data (categories, people, packages) kept
 * as objects, plus compact per-merchant and per-SKU traits in typed arrays so that lazily generated
 * records (metrics, mentions, links…) agree with each other without materialising them.
 */
import { DEPARTMENTS, SHOP_TYPES, MERCHANT_STATUSES, TIERS } from './contract';
import {
  CATEGORY_TREE, DEPARTMENT_TITLES, GEOGRAPHY, GIVEN_CHARS, PACKAGES, PROVINCE_WEIGHTS, SURNAMES,
} from './names';
import { Rng, salt } from './rng';
import type { ScaleConfig } from './scale';
import { GLOBAL_SCOPE, pad, type Rec } from './source';
import { DAY_MS, formatDate, formatTs, startOfDay } from './time';

export interface CategoryNode {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly level: 1 | 2 | 3;
  readonly parentIndex: number; // -1 at top
  readonly l1Index: number; // index of the level-1 ancestor (itself at level 1)
  readonly l1Ordinal: number; // position of that ancestor in CATEGORY_TREE
}

export const SALTS = {
  merchant: salt('merchants'),
  merchantName: salt('merchants.name'),
  metric: salt('merchant_metrics'),
  merchantPackage: salt('merchant_packages'),
  tierOverride: salt('tier_overrides'),
  supplier: salt('suppliers'),
  sku: salt('skus'),
  link: salt('supply_links'),
  mention: salt('mentions'),
  kpi: salt('kpi_points'),
  people: salt('people'),
  risk: salt('risk_events'),
  okr: salt('okr'),
  alert: salt('alerts'),
  fault: salt('faults'),
  live: salt('live'),
  token: salt('tokens'),
} as const;

/** Merchant size classes by median daily visits; decides the tier. */
const L1_WEIGHTS = [22, 16, 12, 11, 9, 7, 6, 4, 3, 4, 3, 3];
const SHOP_TYPE_WEIGHTS = [5, 20, 45, 30];
const MERCHANT_STATUS_WEIGHTS = [93, 5, 2];
const DEPARTMENT_WEIGHTS = [30, 10, 10, 12, 10, 15, 6, 7];
const L1_INDEXES = L1_WEIGHTS.map((_, k) => k);
const PROVINCE_INDEXES = GEOGRAPHY.map((_, k) => k);

export class World {
  readonly startDay: number; // ms of 00:00 +08:00 on the start date
  readonly categories: CategoryNode[] = [];
  readonly categoryIndex = new Map<string, number>();
  readonly categoryRecords: Rec[] = [];
  readonly l2ByL1: number[][] = [];
  readonly l3ByL2 = new Map<number, number[]>();
  readonly l3ByL1: number[][] = [];
  readonly people: Rec[] = [];
  readonly personIndex = new Map<string, number>();
  readonly peopleByDepartment = new Map<string, number[]>();
  readonly packages: Rec[] = [];
  readonly packagesByTier = new Map<string, number[]>();

  // Per-merchant traits (index = merchant number).
  readonly merchantCategory: Uint16Array;
  readonly merchantType: Uint8Array; // index into SHOP_TYPES
  readonly merchantStatus: Uint8Array; // index into MERCHANT_STATUSES
  readonly merchantTier: Uint8Array; // index into TIERS
  readonly merchantVisits: Float32Array; // median daily visits
  readonly merchantSkuCount: Uint16Array;
  readonly merchantProvince: Uint8Array;
  readonly merchantCity: Uint8Array;
  readonly merchantOpenedDaysAgo: Uint16Array;

  // Per-SKU traits.
  readonly skuCategory: Uint16Array;
  readonly skuPriceFen: Int32Array;
  readonly skuCostFen: Int32Array;

  constructor(readonly seed: number, readonly scale: ScaleConfig, readonly startMs: number) {
    this.startDay = startOfDay(startMs);
    this.buildCategories();
    this.buildPeople();
    this.buildPackages();
    const m = scale.merchants;
    this.merchantCategory = new Uint16Array(m);
    this.merchantType = new Uint8Array(m);
    this.merchantStatus = new Uint8Array(m);
    this.merchantTier = new Uint8Array(m);
    this.merchantVisits = new Float32Array(m);
    this.merchantSkuCount = new Uint16Array(m);
    this.merchantProvince = new Uint8Array(m);
    this.merchantCity = new Uint8Array(m);
    this.merchantOpenedDaysAgo = new Uint16Array(m);
    for (let i = 0; i < m; i++) this.buildMerchantTraits(i);
    const s = scale.skus;
    this.skuCategory = new Uint16Array(s);
    this.skuPriceFen = new Int32Array(s);
    this.skuCostFen = new Int32Array(s);
    for (let i = 0; i < s; i++) this.buildSkuTraits(i);
  }

  /** The updated_at used for reference data that "has always been there". */
  get referenceUpdatedAt(): string {
    return formatTs(this.startDay - 30 * DAY_MS + 9 * 3_600_000);
  }

  dateDaysAgo(days: number): string {
    return formatDate(this.startDay - days * DAY_MS);
  }

  category(index: number): CategoryNode {
    const node = this.categories[index];
    if (!node) throw new RangeError(`no category ${index}`);
    return node;
  }

  personId(index: number): string {
    return `p_${pad(index, 4)}`;
  }

  /** A random person of a department (falls back to anyone). */
  randomPerson(rng: Rng, department?: string): string {
    const pool = department ? this.peopleByDepartment.get(department) : undefined;
    const index = pool && pool.length > 0 ? rng.pick(pool) : rng.int(this.people.length);
    return this.personId(index);
  }

  merchantId(index: number): string {
    return `mer_${pad(index, 7)}`;
  }

  skuId(index: number): string {
    return `sku_${pad(index, 7)}`;
  }

  supplierId(index: number): string {
    return `sup_${pad(index, 7)}`;
  }

  geography(provinceIndex: number, cityIndex: number): { province: string; city: string } {
    const entry = GEOGRAPHY[provinceIndex] ?? GEOGRAPHY[0];
    if (!entry) throw new Error('empty geography');
    return { province: entry[0], city: entry[1][cityIndex] ?? entry[1][0] ?? entry[0] };
  }

  /** Picks a province (weighted to e-commerce hubs) and one of its cities. */
  pickPlace(rng: Rng): [number, number] {
    const province = rng.weighted(PROVINCE_INDEXES, PROVINCE_WEIGHTS);
    const cities = GEOGRAPHY[province]?.[1] ?? [];
    return [province, rng.int(Math.max(1, cities.length))];
  }

  chineseName(rng: Rng): string {
    const given = rng.chance(0.6) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
    return rng.pick(SURNAMES) + given;
  }

  shopTypeName(merchant: number): string {
    return SHOP_TYPES[this.merchantType[merchant] ?? 0] ?? 'smb';
  }

  merchantStatusName(merchant: number): string {
    return MERCHANT_STATUSES[this.merchantStatus[merchant] ?? 0] ?? 'active';
  }

  tierName(merchant: number): string {
    return TIERS[this.merchantTier[merchant] ?? 2] ?? 'smb';
  }

  /** Scope (category index) of a merchant / SKU id, GLOBAL_SCOPE when unknown. */
  merchantScope(merchant: number): number {
    return merchant >= 0 && merchant < this.scale.merchants ? (this.merchantCategory[merchant] ?? 0) : GLOBAL_SCOPE;
  }

  skuScope(sku: number): number {
    return sku >= 0 && sku < this.scale.skus ? (this.skuCategory[sku] ?? 0) : GLOBAL_SCOPE;
  }

  private buildCategories(): void {
    const add = (id: string, name: string, level: 1 | 2 | 3, parentIndex: number, l1Ordinal: number): number => {
      const index = this.categories.length;
      const l1Index = parentIndex < 0 ? index : this.category(parentIndex).l1Index;
      this.categories.push({ index, id, name, level, parentIndex, l1Index, l1Ordinal });
      this.categoryIndex.set(id, index);
      this.categoryRecords.push({
        id, version: 1, updated_at: this.referenceUpdatedAt,
        name, parent_id: parentIndex < 0 ? null : this.category(parentIndex).id, level,
      });
      return index;
    };
    CATEGORY_TREE.forEach((l1, i) => {
      const l1Id = `cat_${pad(i + 1, 2)}`;
      const l1Index = add(l1Id, l1.name, 1, -1, i);
      const l2s: number[] = [];
      const l3sOfL1: number[] = [];
      l1.children.forEach(([l2Name, l3Names], j) => {
        const l2Id = `${l1Id}_${pad(j + 1, 2)}`;
        const l2Index = add(l2Id, l2Name, 2, l1Index, i);
        l2s.push(l2Index);
        const l3s = l3Names.map((l3Name, k) => add(`${l2Id}_${pad(k + 1, 2)}`, l3Name, 3, l2Index, i));
        this.l3ByL2.set(l2Index, l3s);
        l3sOfL1.push(...l3s);
      });
      this.l2ByL1.push(l2s);
      this.l3ByL1.push(l3sOfL1);
    });
  }

  private buildPeople(): void {
    const count = this.scale.people;
    for (let i = 0; i < count; i++) {
      const rng = Rng.of(this.seed, SALTS.people, i);
      // The first six people are the operators behind the tokens: operations staff.
      const department = i < 6 ? 'operations' : rng.weighted(DEPARTMENTS, DEPARTMENT_WEIGHTS);
      const titles = DEPARTMENT_TITLES[department] ?? ['专员'];
      const id = this.personId(i);
      this.people.push({
        id, version: 1 + rng.int(3), updated_at: this.referenceUpdatedAt,
        name: this.chineseName(rng), department, title: rng.pick(titles),
      });
      this.personIndex.set(id, i);
      const pool = this.peopleByDepartment.get(department) ?? [];
      pool.push(i);
      this.peopleByDepartment.set(department, pool);
    }
  }

  private buildPackages(): void {
    PACKAGES.forEach((pkg, i) => {
      this.packages.push({
        id: `pkg_${pad(i + 1, 2)}`, version: 1, updated_at: this.referenceUpdatedAt,
        name: pkg.name, target_tier: pkg.tier, description: pkg.description, benefits: [...pkg.benefits],
      });
      const pool = this.packagesByTier.get(pkg.tier) ?? [];
      pool.push(i);
      this.packagesByTier.set(pkg.tier, pool);
    });
  }

  private buildMerchantTraits(i: number): void {
    const rng = Rng.of(this.seed, SALTS.merchant, i);
    const l1 = rng.weighted(L1_INDEXES, L1_WEIGHTS);
    const l2 = rng.pick(this.l2ByL1[l1] ?? [0]);
    const type = rng.weighted([0, 1, 2, 3], SHOP_TYPE_WEIGHTS);
    const typeVisits = [15_000, 3_000, 600, 120][type] ?? 300;
    const visits = rng.lognormal(typeVisits, 0.9);
    const [province, city] = this.pickPlace(rng);
    this.merchantCategory[i] = l2;
    this.merchantType[i] = type;
    this.merchantStatus[i] = rng.weighted([0, 1, 2], MERCHANT_STATUS_WEIGHTS);
    this.merchantVisits[i] = visits;
    // head / waist by traffic; individual shops stay individual.
    this.merchantTier[i] = type === 3 ? 3 : visits >= 20_000 ? 0 : visits >= 3_000 ? 1 : 2;
    this.merchantSkuCount[i] = Math.max(1, Math.round(rng.lognormal(type === 0 ? 400 : 60, 0.8)));
    this.merchantProvince[i] = province;
    this.merchantCity[i] = city;
    this.merchantOpenedDaysAgo[i] = rng.range(20, 3000);
  }

  private buildSkuTraits(i: number): void {
    const rng = Rng.of(this.seed, SALTS.sku, i);
    const l1 = rng.weighted(L1_INDEXES, L1_WEIGHTS);
    this.skuCategory[i] = rng.pick(this.l3ByL1[l1] ?? [0]);
    const basePrice = CATEGORY_TREE[l1]?.priceYuan ?? 100;
    const price = Math.max(190, Math.round(rng.lognormal(basePrice, 0.6) * 10) * 10);
    this.skuPriceFen[i] = price;
    this.skuCostFen[i] = Math.round(price * (0.35 + rng.float() * 0.4));
  }
}
