/**
 * Team templates. "30-day hot product push" (30天爆品冲刺): take one product from selection to ten
 * thousand orders a day in 30 days. One objective says what the team is for; the supply and the
 * delivery objectives align to it (parent objective), so the tree reads from why to how.
 */
import type { KrDirection } from './engine';

export interface TemplateKeyResult {
  key: string;
  title: string;
  unit: string;
  direction: KrDirection;
  startValue: number;
  targetValue: number;
}

export interface TemplateObjective {
  key: string;
  /** `{product}` is replaced by the product's name. */
  title: string;
  /** Key of the objective this one aligns to. */
  parentKey: string | null;
  keyResults: TemplateKeyResult[];
}

export interface TeamTemplate {
  id: string;
  name: string;
  /** `{product}` is replaced by the product's name. */
  mission: string;
  durationDays: number;
  objectives: TemplateObjective[];
}

export const HOT_PRODUCT_PUSH: TeamTemplate = {
  id: 'hot-product-30d',
  name: '30天爆品冲刺',
  mission: '30天内把{product}从选品做到日销一万单：运营、采购、物流、技术拉通，打破部门墙。',
  durationDays: 30,
  objectives: [
    {
      key: 'hit',
      title: '把{product}打造成日销万单的爆品',
      parentKey: null,
      keyResults: [
        { key: 'orders', title: '日订单量', unit: '单/日', direction: 'increase', startValue: 0, targetValue: 10_000 },
        { key: 'reviews', title: '好评率', unit: '%', direction: 'increase', startValue: 90, targetValue: 98 },
      ],
    },
    {
      key: 'supply',
      title: '供给稳得住：放量不断货',
      parentKey: 'hit',
      keyResults: [{ key: 'in-stock', title: '现货率', unit: '%', direction: 'increase', startValue: 85, targetValue: 99 }],
    },
    {
      key: 'delivery',
      title: '履约快一步：下单到签收更快',
      parentKey: 'hit',
      keyResults: [{ key: 'delivery-hours', title: '平均配送时长', unit: '小时', direction: 'decrease', startValue: 48, targetValue: 24 }],
    },
  ],
};

export const TEAM_TEMPLATES: readonly TeamTemplate[] = [HOT_PRODUCT_PUSH];

export function fillTemplateText(text: string, product: string): string {
  return text.replaceAll('{product}', product);
}
