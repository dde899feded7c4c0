/**
 * The north-star figures' names, one wording wherever they appear (overview, war room, review
 * pack). Boards put them in their own namespace as `metrics`, so `t(`metrics.${metric}`)` reads alike.
 */
import type { KpiMetric } from '../../../electron/core/api/overview';

export const kpiMetricsZh: Record<KpiMetric, string> = {
  gmv_fen: '成交额 GMV',
  orders: '订单数',
  paying_buyers: '支付买家数',
  conversion_rate: '转化率',
  payment_success_rate: '支付成功率',
  refund_rate: '退款率',
  avg_delivery_hours: '平均配送时长',
};

export const kpiMetricsEn: Record<KpiMetric, string> = {
  gmv_fen: 'GMV',
  orders: 'Orders',
  paying_buyers: 'Paying buyers',
  conversion_rate: 'Conversion rate',
  payment_success_rate: 'Payment success',
  refund_rate: 'Refund rate',
  avg_delivery_hours: 'Delivery hours',
};
