/**
 * The review pack as an .xlsx workbook (exceljs): one sheet per section, each opening with its
 * title, the as-of stamp and workspace, and the periods, then one grid. The same stamp goes into
 * every printed page's header.
 */
import ExcelJS from 'exceljs';
import { METRIC_UNIT, type KpiMetric } from '../api/overview';
import { shanghaiMinute } from '../time';
import type { ReviewPack } from './review-pack';
import { CHART_HEIGHT, CHART_WIDTH, packCharts, renderChartPng } from './review-pack-charts';

const METRIC_LABELS: Record<KpiMetric, string> = {
  gmv_fen: 'GMV（元）',
  orders: '订单数 Orders',
  paying_buyers: '支付买家数 Paying buyers',
  conversion_rate: '转化率 Conversion rate',
  payment_success_rate: '支付成功率 Payment success',
  refund_rate: '退款率 Refund rate',
  avg_delivery_hours: '平均送达时长（小时）Delivery hours',
};

const SLA_LABELS = { met: '达标 met', breached: '超时 breached', pending: '未到期 pending' } as const;
const COUNT = '#,##0';
const MONEY = '#,##0.00';
const PERCENT = '0.00%';
const SIGNED_PERCENT = '+0.0%;-0.0%;0.0%';
/** Where each sheet's grid starts: after the title, stamp, period and a blank line. */
export const HEADER_ROW = 5;

interface Column {
  header: string;
  width: number;
  format?: string;
}

/** The stamp line every sheet carries: the data's as-of time and the workspace. */
export function stampLine(asOfMs: number, workspace: string): string {
  return `数据截至 As of: ${shanghaiMinute(asOfMs)} (Asia/Shanghai) · 工作区 Workspace: ${workspace}`;
}

export function buildWorkbook(pack: ReviewPack, workspace: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ops Cockpit';
  workbook.created = new Date(pack.asOfMs);
  const { current, previous } = pack.periods;
  const periodLine = `本期 Period: ${current.from} – ${current.to} · 上期 Previous: ${previous.from} – ${previous.to}`;

  const sheet = (name: string, title: string, columns: Column[], rows: unknown[][], note?: string) => {
    const ws = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
      headerFooter: {
        oddHeader: `&L${escapeHeader(title)}&R${escapeHeader(`${shanghaiMinute(pack.asOfMs)} · ${workspace}`)}`,
        oddFooter: '&C&P / &N',
      },
    });
    ws.getCell('A1').value = title;
    ws.getCell('A1').font = { bold: true, size: 14 };
    ws.getCell('A2').value = stampLine(pack.asOfMs, workspace);
    ws.getCell('A3').value = note ? `${periodLine} · ${note}` : periodLine;
    const header = ws.getRow(HEADER_ROW);
    columns.forEach((column, i) => {
      header.getCell(i + 1).value = column.header;
      ws.getColumn(i + 1).width = column.width;
    });
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    rows.forEach((values, r) => {
      const row = ws.getRow(HEADER_ROW + 1 + r);
      values.forEach((value, i) => {
        const cell = row.getCell(i + 1);
        const own = value instanceof Formatted ? value : null;
        cell.value = (own ? own.value : (value ?? null)) as ExcelJS.CellValue;
        const format = own?.numFmt ?? columns[i]?.format;
        if (format) cell.numFmt = format;
      });
    });
    if (columns.length > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
    return ws;
  };

  sheet(
    '北极星 North star',
    '北极星指标 North-star figures',
    [
      { header: '范围 Scope', width: 22 },
      { header: '指标 Metric', width: 30 },
      { header: '本期 This period', width: 18 },
      { header: '上期 Previous', width: 18 },
      { header: '变化 Change', width: 16 },
      { header: '变化率 Change %', width: 14, format: SIGNED_PERCENT },
    ],
    pack.northStar.map((f) => {
      const [value, format] = metricCell(f.metric);
      return [
        f.scope === 'platform' ? '全平台 Platform' : (f.scopeName ?? f.scope),
        METRIC_LABELS[f.metric],
        formatted(value(f.current), format),
        formatted(value(f.previous), format),
        formatted(value(f.delta), format),
        f.changeRatio,
      ];
    }),
  );

  // The charts as pictures, one under another, under the same stamp as every sheet.
  const charts = sheet('图表 Charts', '图表 Charts', [], []);
  const rowsPerChart = Math.ceil(CHART_HEIGHT / 20) + 2;
  packCharts(pack).forEach((chart, i) => {
    const image = workbook.addImage({ buffer: renderChartPng(chart.option) as unknown as ExcelJS.Buffer, extension: 'png' });
    charts.addImage(image, { tl: { col: 0, row: HEADER_ROW - 1 + i * rowsPerChart }, ext: { width: CHART_WIDTH, height: CHART_HEIGHT } });
  });

  const grouping = pack.merchants.groupedBy === 'tier'
    ? `按分层 By tier (snapshot #${pack.merchants.snapshotId})`
    : '按店铺类型 By shop type (no tier snapshot applied yet)';
  sheet(
    '商家 Merchants',
    '商家动销率与退货率 Merchant sell-through and return rate',
    [
      { header: pack.merchants.groupedBy === 'tier' ? '分层 Tier' : '店铺类型 Shop type', width: 18 },
      { header: '商家数 Merchants', width: 14, format: COUNT },
      { header: 'Σ SKU 数 SKU count', width: 16, format: COUNT },
      { header: 'Σ 动销 SKU Active SKUs', width: 18, format: COUNT },
      { header: '动销率 Sell-through', width: 16, format: PERCENT },
      { header: '上期动销率 Previous', width: 16, format: PERCENT },
      { header: 'Σ 订单 Orders', width: 14, format: COUNT },
      { header: 'Σ 退款订单 Refund orders', width: 18, format: COUNT },
      { header: '退货率 Return rate', width: 16, format: PERCENT },
      { header: '上期退货率 Previous', width: 16, format: PERCENT },
    ],
    pack.merchants.rows.map((r) => [
      r.group, r.merchants, r.skuCount, r.activeSkuCount, r.sellThrough, r.previousSellThrough,
      r.orders, r.refundOrders, r.returnRate, r.previousReturnRate,
    ]),
    grouping,
  );

  sheet(
    '预警SLA Alerts SLA',
    '预警响应 SLA Alert SLA record',
    [
      { header: '级别 Severity', width: 12 },
      { header: '新开 Opened', width: 12, format: COUNT },
      { header: '已确认 Acknowledged', width: 18, format: COUNT },
      { header: '达标 Met', width: 10, format: COUNT },
      { header: '超时 Breached', width: 14, format: COUNT },
      { header: '未到期 Pending', width: 14, format: COUNT },
      { header: '达标率 Met rate', width: 14, format: PERCENT },
      { header: '上期新开 Previous opened', width: 20, format: COUNT },
      { header: '上期达标率 Previous met rate', width: 22, format: PERCENT },
    ],
    pack.slaSummary.map((s) => [s.severity, s.opened, s.acknowledged, s.met, s.breached, s.pending, s.metRate, s.previousOpened, s.previousMetRate]),
    '达标 = 在 sla_due_at 前确认 acknowledged by sla_due_at',
  );

  sheet(
    '预警明细 Alerts',
    '本期预警 Alerts opened this period',
    [
      { header: 'ID', width: 22 },
      { header: '标题 Title', width: 40 },
      { header: '级别 Severity', width: 10 },
      { header: '状态 Status', width: 14 },
      { header: '开启 Opened at', width: 26 },
      { header: 'SLA 截止 Due at', width: 26 },
      { header: '确认 Acknowledged at', width: 26 },
      { header: 'SLA', width: 16 },
    ],
    pack.alerts.map((a) => [a.id, a.title, a.severity, a.status, a.openedAt, a.slaDueAt, a.acknowledgedAt, SLA_LABELS[a.sla]]),
  );

  sheet(
    '供应覆盖 Coverage',
    '核心 SKU 供应覆盖 Supplier coverage of core SKUs',
    [
      { header: '类目 Category', width: 24 },
      { header: '核心 SKU Core SKUs', width: 16, format: COUNT },
      { header: '无主供 No primary', width: 16, format: COUNT },
      { header: '单一来源 Single source', width: 20, format: COUNT },
      { header: '已覆盖 Covered', width: 14, format: COUNT },
      { header: '覆盖率 Covered share', width: 18, format: PERCENT },
    ],
    pack.coverage.map((c) => [c.categoryName ?? c.categoryId, c.coreSkus, c.noPrimary, c.singleSource, c.covered, c.coreSkus > 0 ? c.covered / c.coreSkus : null]),
    '可用链接 Usable link = qualified, supplier active/probation',
  );

  sheet(
    'OKR 团队 Teams',
    'OKR 攻坚团队 OKR teams',
    [
      { header: '团队 Team', width: 30 },
      { header: '状态 Status', width: 12 },
      { header: '开始 Starts', width: 12 },
      { header: '结束 Ends', width: 12 },
      { header: '负责人 Lead', width: 14 },
      { header: '类目 Category', width: 18 },
      { header: 'KR 数 KRs', width: 10, format: COUNT },
      { header: 'KR 平均进度 Mean progress', width: 20, format: PERCENT },
      { header: '时间进度 Time elapsed', width: 18, format: PERCENT },
    ],
    pack.okrTeams.map((t) => [t.name, t.status, t.startsOn, t.endsOn, t.leadName, t.categoryName, t.keyResults, t.progress, t.timeElapsed]),
  );

  const notes = sheet(
    '会议纪要 Notes',
    '会议纪要 Meeting notes',
    [
      { header: '会议日期 Meeting day', width: 16 },
      { header: '标题 Title', width: 30 },
      { header: '内容 Notes', width: 90 },
    ],
    pack.meeting.notes.map((n) => [n.meetingOn, n.title, n.body]),
  );
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const converted = { okr_checkin: 'OKR 签到 check-in', alert_comment: '预警评论 alert comment' } as const;
  sheet(
    '行动项 Actions',
    '行动项 Action items',
    [
      { header: '事项 Action', width: 40 },
      { header: '负责人 Owner', width: 14 },
      { header: '截止 Due', width: 12 },
      { header: '状态 Status', width: 14 },
      { header: '转为 Became', width: 36 },
    ],
    pack.meeting.actions.map((a) => [
      a.title, a.owner, a.dueOn, a.status === 'done' ? '已完成 done' : '未完成 open',
      a.convertedTo ? `${converted[a.convertedTo.kind]} → ${a.convertedTo.targetId}` : null,
    ]),
  );

  return workbook;
}

/** How a metric goes into a cell: fen become yuan; the number format of its unit. */
function metricCell(metric: KpiMetric): [(v: number | null) => number | null, string] {
  switch (METRIC_UNIT[metric]) {
    case 'fen': return [(v) => (v === null ? null : v / 100), MONEY];
    case 'count': return [(v) => v, COUNT];
    case 'rate': return [(v) => v, PERCENT];
    case 'hours': return [(v) => v, '0.0'];
  }
}

/** A number with its own format (one column holds figures of different units). */
class Formatted {
  constructor(readonly value: number | null, readonly numFmt: string) {}
}

function formatted(value: number | null, numFmt: string): Formatted {
  return new Formatted(value, numFmt);
}

/** `&` starts a code in Excel headers: doubled, it is a literal ampersand. */
function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}
