/** The supplier backup pools board's words, Chinese first. Registered under the `suppliers` namespace when the board's chunk loads. */
import { registerBoardMessages, type Widen } from '../../i18n';

export const suppliersZh = {
  title: '供应商分级与备选池',
  description: '按 QCDS 给供应商分级，确保每个核心 SKU 都有合格备选；风险事件发生时立即看到受影响商品并切换主供。',
  tabs: { overview: '概览', coverage: '核心 SKU 覆盖', suppliers: '供应商', risk: '风险事件', rules: '分级规则' },
  coverage: { no_primary: '无主供', single_source: '单一货源', covered: '已覆盖' },
  grades: { A: 'A', B: 'B', C: 'C', D: 'D' },
  gates: { none: '—', expired_certification: '必备证书过期', suspended: '已暂停', blacklisted: '黑名单', unknown_status: '状态未知' },
  statuses: { active: '合作中', probation: '考察期', suspended: '已暂停', blacklisted: '黑名单', unknown: '未知' },
  eventStatuses: { open: '进行中', monitoring: '观察中', closed: '已关闭' },
  eventTypes: {
    natural_disaster: '自然灾害', capacity_drop: '产能下降', quality_incident: '质量事故', logistics_disruption: '物流中断', compliance: '合规', financial: '财务风险',
  },
  overview: {
    coreSkus: '核心 SKU', capacityShort: '备选产能不足', expiring: '证书到期（30/60/90 天）', openEvents: '进行中风险事件', revenueAtRisk: '风险收入（月，元）',
    byCoverage: '核心 SKU 覆盖状态', trend: '单一货源数量（每次同步）', grades: '供应商等级分布', asOf: '截至 {{date}}',
  },
  grid: {
    sku: 'SKU', name: '名称', coverage: '覆盖', primary: '主供', backups: '可用备选', covers: '备选产能', spare: '备选余量（件/月）', primaryUnits: '主供量（件/月）',
    revenue: '月收入', expiry: '证书到期', sync: '同步', actions: '操作', supplier: '供应商', province: '省份', city: '城市', status: '状态', grade: '等级',
    score: '总分', quality: 'Q 质量', delivery: 'D 交付', cost: 'C 成本', service: 'S 服务', gate: '封顶原因', capacity: '月产能', used: '产能占用', links: '供货关系',
    certs: '证书', expired: '已过期',
  },
  covers: { yes: '可承接', no: '不足' },
  expiry: { d30: '30 天内', d60: '60 天内', d90: '90 天内', none: '—' },
  unsynced: '待同步',
  actions: { plan: '切换方案', impact: '查看影响' },
  risk: {
    events: '风险事件', severity: '级别', type: '类型', titleCol: '事件', provinces: '省份', suppliersCol: '供应商', skus: 'SKU', core: '核心', revenue: '风险收入（元/月）',
    started: '开始', tiles: '省份分布（方块图，非地图）', tilesHint: '颜色越深：供应商越多；红框：有进行中事件', impactTitle: '影响：{{title}}', plans: '受影响核心 SKU 的切换方案',
    noBackup: '无可用备选', best: '首选：{{supplier}}（{{grade}} 级，{{days}} 天）', affectedSuppliers: '受影响供应商 {{count}} 家', noEvent: '选择左侧事件查看影响',
    tileTooltip: '{{province}}：供应商 {{suppliers}} 家（可用 {{usable}}），进行中事件 {{events}}', province: '按省份',
  },
  plan: {
    title: '切换主供：{{sku}}', primary: '当前主供 {{supplier}}，{{units}} 件/月', rank: '排序：等级 → 余量 → 交期 → 成本差', supplier: '备选供应商', grade: '等级', spare: '余量（件/月）',
    lead: '交期（天）', leadDelta: '交期变化', cost: '单价（元）', costDelta: '单价差（元）', impact: '月成本影响（元）', covers: '可承接', affected: '同受影响',
    reason: '切换原因', reasonPlaceholder: '例如：浙江洪涝，主供停产', confirm: '确认切换（加入待同步）', cancel: '取消', queued: '已加入待同步：平台确认后生效', failed: '切换失败：{{message}}',
    noPrimary: '没有可用主供：不能切换', empty: '没有可用的合格备选', choose: '选择一个备选',
  },
  rules: {
    version: '当前版本 v{{version}}', defaults: '默认规则', weights: '权重', cutoffs: '等级分数线', gates: '硬性封顶', required: '必备证书', expiredCap: '必备证书过期封顶',
    suspendedCap: '暂停封顶', blacklistedCap: '黑名单封顶', preview: '预览变化', save: '保存为新版本', reset: '恢复默认', changed: '{{count}} 家供应商等级会变化',
    saved: '已保存 v{{version}}', failed: '保存失败：{{message}}', from: '原等级', to: '新等级', history: '历史版本', savedAt: '保存于 {{at}}',
    quality: '质量 Q', delivery: '交付 D', cost: '成本 C', service: '服务 S',
  },
  failed: '加载失败：{{message}}',
};

export const suppliersEn: Widen<typeof suppliersZh> = {
  title: 'Supplier grading & backup pools',
  description: 'Suppliers graded by QCDS; every core SKU should have qualified backups; when a risk event hits, see what is threatened and switch the primary.',
  tabs: { overview: 'Overview', coverage: 'Core SKU coverage', suppliers: 'Suppliers', risk: 'Risk events', rules: 'Grading rules' },
  coverage: { no_primary: 'No primary', single_source: 'Single source', covered: 'Covered' },
  grades: { A: 'A', B: 'B', C: 'C', D: 'D' },
  gates: { none: '—', expired_certification: 'Required cert. expired', suspended: 'Suspended', blacklisted: 'Blacklisted', unknown_status: 'Unknown status' },
  statuses: { active: 'Active', probation: 'Probation', suspended: 'Suspended', blacklisted: 'Blacklisted', unknown: 'Unknown' },
  eventStatuses: { open: 'Open', monitoring: 'Monitoring', closed: 'Closed' },
  eventTypes: {
    natural_disaster: 'Natural disaster', capacity_drop: 'Capacity drop', quality_incident: 'Quality incident', logistics_disruption: 'Logistics disruption',
    compliance: 'Compliance', financial: 'Financial',
  },
  overview: {
    coreSkus: 'Core SKUs', capacityShort: 'Backup capacity short', expiring: 'Certificates expiring (30/60/90 d)', openEvents: 'Open risk events',
    revenueAtRisk: 'Revenue at risk (month, ¥)', byCoverage: 'Core SKUs by coverage', trend: 'Single-source SKUs (per sync)', grades: 'Suppliers by grade', asOf: 'As of {{date}}',
  },
  grid: {
    sku: 'SKU', name: 'Name', coverage: 'Coverage', primary: 'Primary', backups: 'Usable backups', covers: 'Backup capacity', spare: 'Backup spare (units/mo)',
    primaryUnits: 'Primary units/mo', revenue: 'Monthly revenue', expiry: 'Cert. expiry', sync: 'Sync', actions: 'Actions', supplier: 'Supplier', province: 'Province',
    city: 'City', status: 'Status', grade: 'Grade', score: 'Score', quality: 'Q quality', delivery: 'D delivery', cost: 'C cost', service: 'S service', gate: 'Capped by',
    capacity: 'Capacity/mo', used: 'Capacity used', links: 'Links', certs: 'Certificates', expired: 'Expired',
  },
  covers: { yes: 'Absorbs', no: 'Short' },
  expiry: { d30: 'Within 30 d', d60: 'Within 60 d', d90: 'Within 90 d', none: '—' },
  unsynced: 'Not synced',
  actions: { plan: 'Switch plan', impact: 'Impact' },
  risk: {
    events: 'Risk events', severity: 'Severity', type: 'Type', titleCol: 'Event', provinces: 'Provinces', suppliersCol: 'Suppliers', skus: 'SKUs', core: 'Core',
    revenue: 'Revenue at risk (¥/month)', started: 'Started', tiles: 'Provinces (tile grid, not a map)', tilesHint: 'Darker: more suppliers; red border: open events',
    impactTitle: 'Impact: {{title}}', plans: 'Switch plans for affected core SKUs', noBackup: 'No usable backup',
    best: 'Best: {{supplier}} (grade {{grade}}, {{days}} d)', affectedSuppliers: '{{count}} suppliers affected', noEvent: 'Pick an event to see its impact',
    tileTooltip: '{{province}}: {{suppliers}} suppliers ({{usable}} usable), {{events}} open events', province: 'By province',
  },
  plan: {
    title: 'Switch primary: {{sku}}', primary: 'Current primary {{supplier}}, {{units}} units/month', rank: 'Ranked by grade → spare → lead time → cost difference',
    supplier: 'Backup supplier', grade: 'Grade', spare: 'Spare (units/mo)', lead: 'Lead (d)', leadDelta: 'Lead change', cost: 'Unit cost (¥)', costDelta: 'Cost diff (¥)',
    impact: 'Monthly cost impact (¥)', covers: 'Absorbs', affected: 'Also hit', reason: 'Reason', reasonPlaceholder: 'e.g. floods in Zhejiang, primary stopped',
    confirm: 'Confirm switch (queued)', cancel: 'Cancel', queued: 'Queued: takes effect when the platform confirms', failed: 'Switch failed: {{message}}',
    noPrimary: 'No usable primary: nothing to switch from', empty: 'No usable qualified backup', choose: 'Choose a backup',
  },
  rules: {
    version: 'Version v{{version}}', defaults: 'Defaults', weights: 'Weights', cutoffs: 'Grade cut-offs', gates: 'Hard gates', required: 'Required certificates',
    expiredCap: 'Expired required cert. caps at', suspendedCap: 'Suspended caps at', blacklistedCap: 'Blacklisted caps at', preview: 'Preview changes',
    save: 'Save as new version', reset: 'Reset to defaults', changed: '{{count}} suppliers would change grade', saved: 'Saved v{{version}}', failed: 'Save failed: {{message}}',
    from: 'From', to: 'To', history: 'History', savedAt: 'saved {{at}}', quality: 'Quality Q', delivery: 'Delivery D', cost: 'Cost C', service: 'Service S',
  },
  failed: 'Load failed: {{message}}',
};

declare module '../../i18n' {
  interface BoardMessages {
    suppliers: typeof suppliersZh;
  }
}

registerBoardMessages('suppliers', { 'zh-CN': suppliersZh, en: suppliersEn });
