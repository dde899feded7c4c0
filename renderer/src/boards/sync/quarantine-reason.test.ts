import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { quarantineReasonText } from './quarantine-reason';

describe('why a record was kept aside, in words', () => {
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');

  it('says each shape of the core reasons in Chinese, with the field in words', () => {
    expect(quarantineReasonText(zh, 'status: expected one of open|acknowledged|responding')).toBe('状态：应为以下之一：open / acknowledged / responding');
    expect(quarantineReasonText(zh, 'version: expected an integer ≥ 1')).toBe('版本：应为不小于 1 的整数');
    expect(quarantineReasonText(zh, 'updated_at: expected an RFC 3339 timestamp')).toBe('更新时间：应为带时区的时间');
    expect(quarantineReasonText(zh, 'title: missing')).toBe('标题：缺少该字段');
    expect(quarantineReasonText(zh, 'item is not an object')).toBe('记录不是对象，无法读取');
    for (const reason of ['severity: null not allowed', 'id: expected a non-empty id', 'rating_avg: above 5', 'op: unknown "merge"', 'mention_ids: more than 50 items']) {
      const text = quarantineReasonText(zh, reason);
      expect(text, reason).not.toBeNull();
      expect(text, reason).toMatch(/[\u4e00-\u9fff]/);
      expect(text, reason).not.toMatch(/expected|missing|unknown|more than|above/);
    }
  });

  it('says them in English too, and leaves an unknown shape to be shown as it is', () => {
    expect(quarantineReasonText(en, 'rating_avg: above 5')).toMatch(/above the upper limit 5$/);
    expect(quarantineReasonText(en, 'data.id differs from the item id')).toBe('the id inside the record differs from the record id');
    expect(quarantineReasonText(zh, 'something new happened')).toBeNull();
    expect(quarantineReasonText(zh, 'title: a new kind of problem')).toBeNull();
    expect(quarantineReasonText(zh, '<b>x</b>: missing')).toBeNull();
  });
});
