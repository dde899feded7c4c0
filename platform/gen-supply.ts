/** Supply side: suppliers, skus, supply_links (lazy) and risk_events (materialised, small). */
import { QUALIFICATIONS, RISK_TYPES, SUPPLIER_STATUSES } from './contract';
import { hostileText } from './mention-text';
import { BRAND_WORDS, CERTIFICATIONS, COMPANY_FORMS, COMPANY_INDUSTRY, GEOGRAPHY, PRODUCT_ADJECTIVES, PRODUCT_SPECS } from './names';
import { Rng, hash3, unit } from './rng';
import { FanOut, GLOBAL_SCOPE, MaterializedSource, pad, parseIndexed, type BaseSource, type Rec } from './source';
import { DAY_MS, HOUR_MS, formatTs } from './time';
import { SALTS, type World } from './world';

export class SupplierSource implements BaseSource {
  constructor(private readonly world: World) {}

  get count(): number {
    return this.world.scale.suppliers;
  }

  idAt(pos: number): string {
    return this.world.supplierId(pos);
  }

  scopeAt(): number {
    return GLOBAL_SCOPE;
  }

  posOf(id: string): number {
    const n = parseIndexed(id, 'sup_', 7);
    return n < this.count ? n : -1;
  }

  /** Company names like 义乌市恒源日用品有限公司. */
  nameOf(i: number): string {
    const rng = Rng.of(this.world.seed, SALTS.supplier, i);
    const [p, c] = this.world.pickPlace(rng);
    const { city } = this.world.geography(p, c);
    const name = `${city}${city.length <= 2 && city !== '上海' && city !== '北京' ? '市' : ''}${rng.pick(BRAND_WORDS)}${rng.pick(COMPANY_INDUSTRY)}${rng.pick(COMPANY_FORMS)}`;
    return rng.chance(0.002) ? hostileText(rng, name) : name;
  }

  recordAt(i: number): Rec {
    const w = this.world;
    const rng = Rng.of(w.seed, SALTS.supplier, i);
    const [p, c] = w.pickPlace(rng); // same first draws as nameOf: same place
    const { province, city } = w.geography(p, c);
    const status = rng.weighted(SUPPLIER_STATUSES, [82, 10, 5, 3]);
    const certCount = rng.int(4);
    const certifications: { type: string; expires_on: string }[] = [];
    for (let k = 0; k < certCount; k++) {
      certifications.push({ type: CERTIFICATIONS[(i + k * 3) % CERTIFICATIONS.length] ?? 'ISO9001', expires_on: w.dateDaysAgo(-rng.range(-60, 900)) });
    }
    return {
      id: w.supplierId(i),
      version: 1 + rng.int(6),
      updated_at: formatTs(w.startDay - rng.range(1, 120) * DAY_MS + rng.int(DAY_MS)),
      name: this.nameOf(i),
      province,
      city,
      status,
      capacity_units_month: Math.round(rng.lognormal(20_000, 1)) * 10,
      on_time_rate: Math.round((0.78 + 0.215 * rng.float()) * 1000) / 1000,
      defect_ppm: Math.round(rng.lognormal(status === 'probation' ? 2_500 : 400, 0.9)),
      price_index: Math.round((0.85 + 0.35 * rng.float()) * 100) / 100,
      service_score: Math.round(55 + 44 * rng.float()),
      certifications,
      last_audit_on: rng.chance(0.9) ? w.dateDaysAgo(rng.range(5, 700)) : null,
    };
  }
}

export class SkuSource implements BaseSource {
  constructor(private readonly world: World) {}

  get count(): number {
    return this.world.scale.skus;
  }

  idAt(pos: number): string {
    return this.world.skuId(pos);
  }

  scopeAt(pos: number): number {
    return this.world.skuScope(pos);
  }

  posOf(id: string): number {
    const n = parseIndexed(id, 'sku_', 7);
    return n < this.count ? n : -1;
  }

  /** Product titles like 恒源 纯棉 T恤 XL. */
  nameOf(i: number): string {
    const rng = Rng.of(this.world.seed, SALTS.sku ^ 0x1234, i);
    const category = this.world.category(this.world.skuCategory[i] ?? 0);
    const specs = PRODUCT_SPECS[category.l1Ordinal] ?? ['标准版'];
    const name = `${rng.pick(BRAND_WORDS)} ${rng.pick(PRODUCT_ADJECTIVES)}${category.name} ${rng.pick(specs)}`;
    return rng.chance(0.002) ? hostileText(rng, name) : name;
  }

  recordAt(i: number): Rec {
    const w = this.world;
    const rng = Rng.of(w.seed, SALTS.sku ^ 0x9876, i);
    return {
      id: w.skuId(i),
      version: 1 + rng.int(5),
      updated_at: formatTs(w.startDay - rng.range(1, 200) * DAY_MS + rng.int(DAY_MS)),
      name: this.nameOf(i),
      category_id: w.category(w.skuCategory[i] ?? 0).id,
      is_core: rng.chance(0.1),
      monthly_units: Math.round(rng.lognormal(800, 1.3)),
      price_fen: w.skuPriceFen[i] ?? 0,
      unit_cost_fen: w.skuCostFen[i] ?? 0,
    };
  }
}

/** supply_links: 1–4 per SKU (k = 0 is the primary; 25 % are single-source); ids sl_<sku>_<k>. */
export class SupplyLinkSource implements BaseSource {
  private readonly fan: FanOut;

  constructor(private readonly world: World) {
    this.fan = new FanOut(world.scale.skus, (s) => {
      const r = unit(hash3(world.seed, SALTS.link, s));
      return r < 0.25 ? 1 : r < 0.65 ? 2 : r < 0.9 ? 3 : 4;
    });
  }

  get count(): number {
    return this.fan.total;
  }

  linksOf(sku: number): number {
    return this.fan.countOf(sku);
  }

  idAt(pos: number): string {
    const s = this.fan.parentOf(pos);
    return `sl_${pad(s, 7)}_${pos - (this.fan.offsets[s] ?? 0)}`;
  }

  scopeAt(pos: number): number {
    return this.world.skuScope(this.fan.parentOf(pos));
  }

  posOf(id: string): number {
    if (id.length !== 3 + 7 + 2 || id[10] !== '_') return -1;
    const s = parseIndexed(id.slice(0, 10), 'sl_', 7);
    const k = parseIndexed(id.slice(11), '', 1);
    return s < 0 || k < 0 ? -1 : this.fan.position(s, k);
  }

  recordAt(pos: number): Rec {
    const w = this.world;
    const s = this.fan.parentOf(pos);
    const k = pos - (this.fan.offsets[s] ?? 0);
    const links = this.fan.countOf(s);
    const rng = Rng.of(w.seed, SALTS.link, pos);
    // Primary share: all of it when single-source, else 55–90 %; backups split the rest.
    const primaryShare = links === 1 ? 1 : 0.55 + 0.35 * unit(hash3(w.seed, SALTS.link ^ 7, s));
    const share = k === 0 ? primaryShare : (1 - primaryShare) / (links - 1);
    const qualification = k === 0 ? 'qualified' : rng.weighted(QUALIFICATIONS, [60, 20, 15, 5]);
    const cost = w.skuCostFen[s] ?? 1000;
    return {
      id: `sl_${pad(s, 7)}_${k}`,
      version: 1 + rng.int(3),
      updated_at: formatTs(w.startDay - rng.range(1, 300) * DAY_MS + rng.int(DAY_MS)),
      sku_id: w.skuId(s),
      supplier_id: w.supplierId((hash3(w.seed, SALTS.link ^ 99, pos) >>> 0) % w.scale.suppliers),
      role: k === 0 ? 'primary' : 'backup',
      share: Math.round(share * 1000) / 1000,
      qualification,
      qualified_on: qualification === 'qualified' || qualification === 'expired' ? w.dateDaysAgo(rng.range(30, 900)) : null,
      lead_time_days: rng.range(2, 30),
      unit_cost_fen: Math.round(cost * (0.9 + 0.2 * rng.float())),
      moq: [50, 100, 200, 500, 1000, 5000][rng.int(6)] ?? 100,
    };
  }
}

const RISK_TITLES: Readonly<Record<string, readonly string[]>> = {
  natural_disaster: ['{p}遭遇强降雨引发洪涝，多家工厂停工', '台风登陆{p}，沿海物流园区暂停作业', '{p}突发地震，部分产线受损'],
  capacity_drop: ['{p}限电限产，产能下降约{n}%', '{s}产线检修，月产能缩减', '原材料短缺导致{p}多家供应商减产'],
  quality_incident: ['{s}批次产品抽检不合格', '{p}质监部门通报一批次不合格产品', '{s}被曝使用劣质原料'],
  logistics_disruption: ['{p}高速封闭，干线运输延误', '快递网点爆仓，{p}揽收暂停', '港口拥堵导致{p}进出口延误{n}天'],
  compliance: ['{s}环保不达标被责令整改', '新版标签法规实施，部分商品需更换包装', '{s}生产许可证即将到期'],
  financial: ['{s}资金链紧张，出现延迟交货', '{s}涉及经营异常名录', '原材料价格上涨{n}%，供应商要求调价'],
};

/** risk_events are few: generated once. Global scope (they concern suppliers and provinces). */
export function buildRiskEvents(world: World, supplierName: (i: number) => string): MaterializedSource {
  const records: Rec[] = [];
  for (let i = 0; i < world.scale.riskEvents; i++) {
    const rng = Rng.of(world.seed, SALTS.risk, i);
    const type = rng.pick(RISK_TYPES);
    const provinceCount = rng.range(1, 3);
    const provinces = new Set<string>();
    for (let k = 0; k < provinceCount; k++) provinces.add(GEOGRAPHY[world.pickPlace(rng)[0]]?.[0] ?? '浙江');
    const supplierIds: string[] = [];
    const supplierCount = rng.int(9);
    for (let k = 0; k < supplierCount; k++) supplierIds.push(world.supplierId(rng.int(world.scale.suppliers)));
    const firstSupplier = supplierIds[0] ? supplierName(Number(supplierIds[0].slice(4))) : '某供应商';
    const fill = (t: string): string => t.replace('{p}', [...provinces][0] ?? '').replace('{s}', firstSupplier).replace('{n}', String(rng.range(10, 60)));
    const startedDaysAgo = rng.float() * 60;
    const startedMs = world.startDay - Math.floor(startedDaysAgo * DAY_MS);
    const status = startedDaysAgo > 30 ? (rng.chance(0.8) ? 'closed' : 'monitoring') : rng.weighted(['open', 'monitoring', 'closed'], [5, 3, 2]);
    const title = fill(rng.pick(RISK_TITLES[type] ?? ['风险事件']));
    records.push({
      id: `risk_${pad(i, 5)}`,
      version: 1 + rng.int(5),
      updated_at: formatTs(startedMs + rng.int(3 * DAY_MS)),
      type,
      title: rng.chance(0.01) ? hostileText(rng, title) : title,
      description: `${title}。涉及${[...provinces].join('、')}等地区${supplierIds.length}家供应商，采购与物流团队正在评估对在售SKU的影响，请关注单一货源商品的备货情况。`,
      provinces: [...provinces],
      supplier_ids: supplierIds,
      severity: rng.weighted([1, 2, 3, 4, 5], [20, 30, 25, 15, 10]),
      started_at: formatTs(startedMs),
      expected_end_at: rng.chance(0.7) ? formatTs(startedMs + rng.range(1, 30) * DAY_MS + 12 * HOUR_MS) : null,
      status,
    });
  }
  return new MaterializedSource(records, records.map(() => GLOBAL_SCOPE));
}
