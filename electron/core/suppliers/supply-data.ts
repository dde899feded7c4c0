/**
 * The supply side in compact columns: what grading, coverage and impact read. Built once from the
 * synced tables (service.ts) or from plain objects (tests); everything downstream loops over typed
 * arrays by position, never over record objects.
 */

export const SUPPLIER_STATUSES = ['active', 'probation', 'suspended', 'blacklisted'] as const;
export const QUALIFICATIONS = ['qualified', 'in_qualification', 'expired', 'rejected'] as const;
export const LINK_ROLES = ['primary', 'backup'] as const;

export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];
export type Qualification = (typeof QUALIFICATIONS)[number];
export type LinkRole = (typeof LINK_ROLES)[number];

export const STATUS_ACTIVE = 0;
export const STATUS_PROBATION = 1;
export const STATUS_SUSPENDED = 2;
export const STATUS_BLACKLISTED = 3;
/** A status the SPEC does not know (a newer platform): never usable. */
export const STATUS_UNKNOWN = 255;
export const QUALIFIED = 0;
export const ROLE_PRIMARY = 0;
export const ROLE_BACKUP = 1;

export interface Certification {
  type: string;
  expires_on: string;
}

export interface SupplierInput {
  id: string;
  province: string;
  status: string;
  capacity_units_month: number;
  on_time_rate: number;
  defect_ppm: number;
  price_index: number;
  service_score: number;
  certifications: readonly Certification[];
}

export interface SkuInput {
  id: string;
  is_core: boolean;
  monthly_units: number;
  price_fen: number;
  unit_cost_fen: number;
}

export interface LinkInput {
  id: string;
  sku_id: string;
  supplier_id: string;
  role: string;
  share: number;
  qualification: string;
  lead_time_days: number;
  unit_cost_fen: number;
  /** RFC 3339; breaks ties between primaries (a link promoted locally is the newest). Default: epoch. */
  updated_at?: string;
}

/** Columns by position (the column arrays handed in are kept, not copied). Link → SKU and link → supplier are positions too (-1: not in the data). */
export interface SupplyData {
  supplierIds: string[];
  supplierIndex: Map<string, number>;
  supplierProvince: Uint16Array;
  provinces: string[];
  provinceIndex: Map<string, number>;
  supplierStatus: Uint8Array;
  supplierCapacity: Float64Array;
  supplierOnTime: Float64Array;
  supplierDefectPpm: Float64Array;
  supplierPriceIndex: Float64Array;
  supplierService: Float64Array;
  supplierCertifications: (readonly Certification[])[];

  skuIds: string[];
  skuIndex: Map<string, number>;
  skuIsCore: Uint8Array;
  skuMonthlyUnits: Float64Array;
  skuPriceFen: Float64Array;
  skuUnitCostFen: Float64Array;

  linkIds: string[];
  linkSku: Int32Array;
  linkSupplier: Int32Array;
  /** The supplier id as the link names it, also when that supplier is not in the data. */
  linkSupplierId: string[];
  linkRole: Uint8Array;
  linkShare: Float64Array;
  linkQualification: Uint8Array;
  linkLeadTime: Float64Array;
  linkUnitCostFen: Float64Array;
  /** updated_at in epoch ms (0 when unknown). */
  linkUpdatedMs: Float64Array;

  /** Links of SKU s: linksBySku[skuLinkStart[s] .. skuLinkStart[s + 1]) (link positions). */
  skuLinkStart: Int32Array;
  linksBySku: Int32Array;
  /** Links of supplier p: linksBySupplier[supplierLinkStart[p] .. supplierLinkStart[p + 1]). */
  supplierLinkStart: Int32Array;
  linksBySupplier: Int32Array;
}

function codeOf(values: readonly string[], value: string, unknown: number): number {
  const code = values.indexOf(value);
  return code < 0 ? unknown : code;
}

export function roleCodeOf(role: string): number {
  return role === 'primary' ? ROLE_PRIMARY : ROLE_BACKUP;
}

export function qualificationCodeOf(qualification: string): number {
  return codeOf(QUALIFICATIONS, qualification, 255);
}

/** The same data column-wise, as the service reads it (one array per column, aligned by position). */
export interface SupplyColumns {
  suppliers: {
    id: readonly string[];
    province: readonly string[];
    status: readonly string[];
    capacity_units_month: ArrayLike<number>;
    on_time_rate: ArrayLike<number>;
    defect_ppm: ArrayLike<number>;
    price_index: ArrayLike<number>;
    service_score: ArrayLike<number>;
    certifications: readonly (readonly Certification[])[];
  };
  skus: {
    id: readonly string[];
    is_core: ArrayLike<number>;
    monthly_units: ArrayLike<number>;
    price_fen: ArrayLike<number>;
    unit_cost_fen: ArrayLike<number>;
  };
  links: {
    id: readonly string[];
    sku_id: readonly string[];
    supplier_id: readonly string[];
    /** ROLE_PRIMARY or ROLE_BACKUP. */
    role: ArrayLike<number>;
    share: ArrayLike<number>;
    /** Index into QUALIFICATIONS (255: unknown). */
    qualification: ArrayLike<number>;
    lead_time_days: ArrayLike<number>;
    unit_cost_fen: ArrayLike<number>;
    updated_ms: ArrayLike<number>;
  };
}

/** Rows (tests, small inputs) into columns. */
export function buildSupplyData(suppliers: readonly SupplierInput[], skus: readonly SkuInput[], links: readonly LinkInput[]): SupplyData {
  const column = <T, K extends keyof T>(rows: readonly T[], key: K): T[K][] => rows.map((row) => row[key]);
  return buildSupplyDataFromColumns({
    suppliers: {
      id: column(suppliers, 'id'), province: column(suppliers, 'province'), status: column(suppliers, 'status'),
      capacity_units_month: column(suppliers, 'capacity_units_month'), on_time_rate: column(suppliers, 'on_time_rate'),
      defect_ppm: column(suppliers, 'defect_ppm'), price_index: column(suppliers, 'price_index'), service_score: column(suppliers, 'service_score'),
      certifications: column(suppliers, 'certifications'),
    },
    skus: {
      id: column(skus, 'id'), is_core: skus.map((sku) => (sku.is_core ? 1 : 0)), monthly_units: column(skus, 'monthly_units'),
      price_fen: column(skus, 'price_fen'), unit_cost_fen: column(skus, 'unit_cost_fen'),
    },
    links: {
      id: column(links, 'id'), sku_id: column(links, 'sku_id'), supplier_id: column(links, 'supplier_id'),
      role: links.map((link) => roleCodeOf(link.role)), share: column(links, 'share'),
      qualification: links.map((link) => qualificationCodeOf(link.qualification)), lead_time_days: column(links, 'lead_time_days'),
      unit_cost_fen: column(links, 'unit_cost_fen'),
      updated_ms: links.map((link) => (link.updated_at ? Date.parse(link.updated_at) || 0 : 0)),
    },
  });
}

export function buildSupplyDataFromColumns(columns: SupplyColumns): SupplyData {
  const sup = columns.suppliers;
  const n = sup.id.length;
  const supplierIds = sup.id as string[];
  const supplierIndex = new Map<string, number>();
  const provinces: string[] = [];
  const provinceIndex = new Map<string, number>();
  const supplierProvince = new Uint16Array(n);
  const supplierStatus = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    supplierIndex.set(supplierIds[p]!, p);
    const name = sup.province[p]!;
    let province = provinceIndex.get(name);
    if (province === undefined) {
      province = provinces.length;
      provinces.push(name);
      provinceIndex.set(name, province);
    }
    supplierProvince[p] = province;
    supplierStatus[p] = codeOf(SUPPLIER_STATUSES, sup.status[p]!, STATUS_UNKNOWN);
  }

  const sk = columns.skus;
  const m = sk.id.length;
  const skuIds = sk.id as string[];
  const skuIndex = new Map<string, number>();
  for (let s = 0; s < m; s++) skuIndex.set(skuIds[s]!, s);

  const ln = columns.links;
  const l = ln.id.length;
  const linkSku = new Int32Array(l);
  const linkSupplier = new Int32Array(l);
  for (let k = 0; k < l; k++) {
    linkSku[k] = skuIndex.get(ln.sku_id[k]!) ?? -1;
    linkSupplier[k] = supplierIndex.get(ln.supplier_id[k]!) ?? -1;
  }

  const bySku = groupBy(linkSku, m);
  const bySupplier = groupBy(linkSupplier, n);
  return {
    supplierIds, supplierIndex, supplierProvince, provinces, provinceIndex, supplierStatus,
    supplierCapacity: Float64Array.from(sup.capacity_units_month),
    supplierOnTime: Float64Array.from(sup.on_time_rate),
    supplierDefectPpm: Float64Array.from(sup.defect_ppm),
    supplierPriceIndex: Float64Array.from(sup.price_index),
    supplierService: Float64Array.from(sup.service_score),
    supplierCertifications: sup.certifications as (readonly Certification[])[],
    skuIds, skuIndex,
    skuIsCore: Uint8Array.from(sk.is_core, (v) => (v ? 1 : 0)),
    skuMonthlyUnits: Float64Array.from(sk.monthly_units),
    skuPriceFen: Float64Array.from(sk.price_fen),
    skuUnitCostFen: Float64Array.from(sk.unit_cost_fen),
    linkIds: ln.id as string[], linkSku, linkSupplier, linkSupplierId: ln.supplier_id as string[],
    linkRole: Uint8Array.from(ln.role),
    linkShare: Float64Array.from(ln.share),
    linkQualification: Uint8Array.from(ln.qualification),
    linkLeadTime: Float64Array.from(ln.lead_time_days),
    linkUnitCostFen: Float64Array.from(ln.unit_cost_fen),
    linkUpdatedMs: Float64Array.from(ln.updated_ms),
    skuLinkStart: bySku.start, linksBySku: bySku.items,
    supplierLinkStart: bySupplier.start, linksBySupplier: bySupplier.items,
  };
}

/** Counting sort of item positions by their group (-1 = none): compressed rows, input order kept. */
function groupBy(groupOf: Int32Array, groups: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let k = 0; k < groupOf.length; k++) {
    const g = groupOf[k]!;
    if (g >= 0) start[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const items = new Int32Array(start[groups]!);
  for (let k = 0; k < groupOf.length; k++) {
    const g = groupOf[k]!;
    if (g >= 0) items[fill[g]!++] = k;
  }
  return { start, items };
}

/** Usable link (issue 13): qualified, and its supplier is active or on probation. */
export function isUsableLink(data: SupplyData, link: number): boolean {
  if (data.linkQualification[link] !== QUALIFIED) return false;
  const supplier = data.linkSupplier[link]!;
  if (supplier < 0) return false;
  const status = data.supplierStatus[supplier];
  return status === STATUS_ACTIVE || status === STATUS_PROBATION;
}
