/** The war room's words, Chinese first. Registered under the `warRoom` namespace when the board's chunk loads. */
import { registerBoardMessages, type Widen } from '../../i18n';
import { kpiMetricsEn, kpiMetricsZh } from '../../i18n/kpi-metrics';

export const warRoomZh = {
  title: '作战室',
  subtitle: '北极星指标 · 今日截至当前 vs 昨日同时段',
  platform: '全平台',
  categories: '各类目对比',
  category: '类目',
  metrics: kpiMetricsZh,
  vsYesterday: '较昨日同时段',
  noComparison: '昨日同时段无完整数据',
  yesterday: '昨日同时段 {{value}}',
  target: '目标 {{value}}',
  progress: '达成 {{percent}}%',
  asOf: '数据截至 {{time}}',
  age: '{{seconds}} 秒前更新',
  ageMinutes: '{{minutes}} 分钟前更新',
  waiting: '正在连接…',
  stale: '数据过期',
  offline: '平台离线',
  paused: '已暂停',
  playing: '轮播中 · 每 {{seconds}} 秒',
  keys: '空格 暂停/继续 · ← → 切换 · Esc 退出',
  exit: '退出作战室',
  position: '{{current}} / {{total}}',
  noData: '暂无 KPI 数据：同步完成后自动显示',
};

export const warRoomEn: Widen<typeof warRoomZh> = {
  title: 'War room',
  subtitle: 'North-star figures · today so far vs the same time yesterday',
  platform: 'Platform',
  categories: 'Categories compared',
  category: 'Category',
  metrics: kpiMetricsEn,
  vsYesterday: 'vs same time yesterday',
  noComparison: 'No full data for this time yesterday',
  yesterday: 'Yesterday {{value}}',
  target: 'Target {{value}}',
  progress: '{{percent}}% of target',
  asOf: 'Data as of {{time}}',
  age: 'updated {{seconds}} s ago',
  ageMinutes: 'updated {{minutes}} min ago',
  waiting: 'Connecting…',
  stale: 'Stale data',
  offline: 'Platform offline',
  paused: 'Paused',
  playing: 'Rotating · every {{seconds}} s',
  keys: 'Space pause/resume · ← → switch · Esc exit',
  exit: 'Leave the war room',
  position: '{{current}} / {{total}}',
  noData: 'No KPI data yet: it appears once the sync has run',
};

declare module '../../i18n' {
  interface BoardMessages {
    warRoom: typeof warRoomZh;
  }
}

registerBoardMessages('warRoom', { 'zh-CN': warRoomZh, en: warRoomEn });
