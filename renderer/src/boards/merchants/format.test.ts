import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { escapeHtml, metricText, reasonText, tierLabel, wanYuan } from './format';
import './messages';

const zh = i18n.getFixedT('zh-CN', 'merchants');
const en = i18n.getFixedT('en', 'merchants');

describe('merchant words', () => {
  it('words a percentile cut-off and who it admits', () => {
    const reason = { code: 'cutoff', tier: 'head', score: 84.04, cutoff: 79.96, rule: { percentile: 95 } } as const;
    expect(reasonText(zh, reason, 'zh-CN')).toBe('得分 84.0 ≥ 头部门槛 80.0（参与排名商家中的第 95 百分位，约前 5%），所以是头部商家');
    expect(reasonText(en, reason, 'en')).toBe('Score 84.0 ≥ the Head cut-off 80.0 (the 95th percentile of ranked merchants, about the top 5%), so Head');
  });

  it('says why a merchant has no tier yet, and shows an override reason with its controls visible', () => {
    expect(reasonText(zh, { code: 'gate_min_orders', orders: 16, minOrders: 30, earlierTier: null }, 'zh-CN')).toBe('本期订单 16 单，少于 30 单：保持原层级；但没有原层级，所以暂不分层');
    const override = { code: 'override', tier: 'head', computedTier: 'smb', reason: 'VIP\u202Etxt', expiresOn: '2026-12-31' } as const;
    expect(reasonText(zh, override, 'zh-CN')).toBe('人工分层为头部（VIP\\u202Etxt，到 2026-12-31 为止），优先于规则层级「中小」');
  });

  it('formats money in 元 and 万元, shares in %, and a missing tier as not tiered', () => {
    expect(metricText('gmvFen', 12_870_300, 'zh-CN', zh)).toBe('¥128,703.00');
    expect(wanYuan(2_319_063_000, 'zh-CN')).toBe('2,319.06');
    expect(metricText('refundRate', 0.0532, 'en', en)).toBe('5.3%');
    expect(metricText('growth', null, 'en', en)).toBe('—');
    expect(tierLabel(zh, null)).toBe('未分层');
  });

  it('escapes untrusted text for echarts tooltips', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>&"\'')).toBe('&#60;img src=x onerror=alert(1)&#62;&#38;&#34;&#39;');
  });
});
