/** The pack's charts: built from the pack's own figures, drawn headless as real PNGs, placed in the workbook with the meeting sheets. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PACK_TOTAL_LABEL } from '../api/overview';
import type { ReviewPack } from './review-pack';
import { packCharts, renderChartPng } from './review-pack-charts';
import { buildWorkbook, HEADER_ROW, stampLine } from './review-pack-workbook';

const group = (name: string, sellThrough: number | null, returnRate: number | null) => ({
  group: name, merchants: 2, skuCount: 10, activeSkuCount: 5, sellThrough, previousSellThrough: 0.4, orders: 100, refundOrders: 3, returnRate, previousReturnRate: 0.02,
});

const pack: ReviewPack = {
  asOfMs: Date.parse('2026-11-11T09:00:00+08:00'),
  periods: { current: { from: '2026-10-29', to: '2026-11-11' }, previous: { from: '2026-10-15', to: '2026-10-28' } },
  northStar: [],
  merchants: { groupedBy: 'tier', snapshotId: 3, rows: [group('head', 0.5, 0.03), group('<b>smb</b>', null, 0.1), group(PACK_TOTAL_LABEL, 0.45, 0.05)] },
  slaSummary: [{ severity: 'P1', opened: 4, acknowledged: 3, met: 2, breached: 1, pending: 1, metRate: 2 / 3, previousOpened: 1, previousMetRate: 1 }],
  alerts: [],
  coverage: [],
  okrTeams: [{ id: 't1', name: '双11 爆品 & 攻坚', status: 'active', startsOn: '2026-10-20', endsOn: '2026-11-19', leadName: '李娜', categoryName: null, keyResults: 3, progress: 0.25, timeElapsed: 0.73 }],
  meeting: {
    notes: [{ id: 'n1', meetingOn: '2026-11-10', title: '第 22 期', body: '=1+1 退货率上升\n第二行', updatedAt: '2026-11-10T02:00:00Z' }],
    actions: [
      { id: 'a1', noteId: 'n1', title: '核查退货', owner: '王强', dueOn: '2026-11-20', status: 'open', convertedTo: { kind: 'okr_checkin', targetId: 'kr_1', commandId: 'c1' }, updatedAt: '2026-11-10T02:00:00Z' },
    ],
  },
};

const seriesData = (option: unknown) => (option as { series: { data: unknown[] }[] }).series.map((s) => s.data);

describe('the review pack charts', () => {
  it('draws the figures of the pack, leaving out the totals row and empty sections', () => {
    const charts = packCharts(pack);
    expect(charts.map((c) => c.title)).toEqual(['动销率与退货率 Sell-through & return rate (%)', '预警 SLA 结果 Alert SLA outcome', 'OKR 进度与时间 KR progress vs time elapsed (%)']);
    expect(seriesData(charts[0]!.option)).toEqual([[50, null], [40, 40], [3, 10], [2, 2]]);
    expect(seriesData(charts[1]!.option)).toEqual([[2], [1], [1]]);
    expect(seriesData(charts[2]!.option)).toEqual([[25], [73]]);
  });

  it('renders a real PNG at twice the size asked, with untrusted names as text', () => {
    const png = renderChartPng(packCharts(pack)[0]!.option, { width: 400, height: 200 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(400);
  });

  it('puts the charts and the meeting sheets into the workbook, every sheet stamped', async () => {
    const started = performance.now();
    const written = await buildWorkbook(pack, 'cockpit.sqlite').xlsx.writeBuffer();
    console.info(`workbook with ${packCharts(pack).length} charts: ${(performance.now() - started).toFixed(0)} ms`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(written);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['北极星 North star', '图表 Charts']);
    expect(names.slice(-2)).toEqual(['会议纪要 Notes', '行动项 Actions']);
    for (const sheet of workbook.worksheets) expect(sheet.getCell('A2').value).toBe(stampLine(pack.asOfMs, 'cockpit.sqlite'));
    expect(workbook.getWorksheet('图表 Charts')!.getImages()).toHaveLength(3);
    const notes = workbook.getWorksheet('会议纪要 Notes')!;
    expect(notes.getRow(HEADER_ROW + 1).values).toEqual([undefined, '2026-11-10', '第 22 期', '=1+1 退货率上升\n第二行']);
    const actions = workbook.getWorksheet('行动项 Actions')!;
    expect(actions.getRow(HEADER_ROW + 1).values).toEqual([undefined, '核查退货', '王强', '2026-11-20', '未完成 open', 'OKR 签到 check-in → kr_1']);
  });
});
