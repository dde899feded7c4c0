/** The public-opinion board's words, Chinese first. Registered under the `opinion` namespace when the board's chunk loads. */
import { registerBoardMessages, type Widen } from '../../i18n';

export const opinionZh = {
  title: '舆情监测',
  description: '负面评价、帖子和新闻激增时自动生成告警；每条告警须在 2 小时内开始响应（公关响应 + 问题整改）。',
  tabs: { queue: '告警队列', mentions: '舆情检索' },
  noPlatform: '尚未连接平台：连接后这里会显示告警。',
  filters: {
    severity: '级别', status: '状态', topic: '主题', assignee: '负责人', unassigned: '未分配', all: '全部', activeOnly: '仅未关闭',
    mine: '只看我的', mineHint: '只列出分配给你（本驾驶舱所用平台账号）的告警',
    mineUnknown: '平台尚未告知你的账号身份：连接平台并同步后，“只看我的”会列出分配给你的告警。',
  },
  notify: {
    prompt: '允许桌面通知，新的 P1 舆情预警会立即提醒你',
    allow: '允许通知',
    denied: '浏览器未允许桌面通知：新的 P1 预警仍会在页面内提醒，导航栏也会显示数量。',
  },
  scoring: '情感打分 {{scored}} / {{total}}',
  grid: {
    severity: '级别', title: '告警', status: '状态', sla: 'SLA 剩余', topic: '主题', subject: '对象', assignee: '负责人', mentions: '提及数',
    negativeShare: '负面占比', escalation: '升级', sync: '同步', actions: '操作', opened: '开启时间',
  },
  severity: { P1: 'P1 紧急', P2: 'P2 重要', P3: 'P3 一般' },
  statuses: { open: '待处理', acknowledged: '已确认', responding: '响应中', resolved: '已解决', dismissed: '已忽略' },
  topics: {
    quality: '质量', logistics: '物流', customer_service: '客服', false_advertising: '虚假宣传', food_safety: '食品安全', price: '价格', fraud: '欺诈', other: '其他',
  },
  subjects: { merchant: '商家', sku: '商品', category: '类目', platform: '全平台' },
  sla: {
    on_track: '剩 {{left}}', warning: '剩 {{left}}（预警）', breached: '超时 {{left}}', responded: '已响应',
    hint: '从开启到开始响应须在 {{due}} 前（90 分钟预警，超时自动升级一级）',
  },
  unsynced: '未同步',
  unsyncedHint: '{{count}} 项操作等待平台确认（离线也可继续操作）',
  local: '仅本地',
  localHint: '本机检测开启，平台尚未确认',
  actions: {
    acknowledge: '确认', assign: '分配', comment: '评论', startResponse: '开始响应', escalate: '升级', resolve: '解决', dismiss: '忽略', open: '详情',
    relabel: '改标', detectNow: '立即检测',
  },
  done: {
    acknowledge: '已确认（已加入待同步）', assign: '已分配', comment: '已评论', startResponse: '已开始响应', escalate: '已升级', resolve: '已解决',
    dismiss: '已忽略', relabel: '已改标：相同文本此后按此标注', detectNow: '检测完成：已打分 {{scored}} / {{total}}，新开 {{count}} 条告警',
  },
  failed: '操作失败：{{message}}',
  form: {
    assignee: '负责人', comment: '评论内容', note: '说明（可选）', level: '升级到', resolution: '处理结果', reason: '忽略原因', submit: '提交', cancel: '取消',
    label: '情感', topic: '主题',
  },
  detail: {
    title: '告警详情', timeline: '提及时间线（每小时）', negative: '负面', total: '全部', trend: '对象情感趋势（日均分）', topics: '主题分布',
    samples: '样本提及', audit: '操作记录', children: '被抑制的下级告警', none: '无', who: '操作人', me: '我', synced: '已同步',
    states: { pending: '待发送', sent: '已发送', done: '已确认', conflict: '冲突', rejected: '被拒', resolved: '已处理', synced: '平台记录' },
    drivers: '判断依据', reach: '传播量', score: '情感分', openLink: '打开链接', confirmLink: '将在浏览器中打开：{{url}}', truncated: '（文本过长，已截断）',
    audits: { open: '开启', acknowledge: '确认', assign: '分配', comment: '评论', start_response: '开始响应', escalate: '升级', resolve: '解决', dismiss: '忽略' },
  },
  mentions: {
    search: '搜索提及文本', source: '来源', label: '情感', topic: '主题', published: '发布时间', text: '内容', author: '作者', score: '情感分',
    labelSource: '标注', model: '模型', operator: '人工', capped: '只列出最新的 {{count}} 条提及，请用搜索或筛选缩小范围',
  },
  sources: { review: '评价', weibo: '微博', news: '新闻', forum: '论坛', douyin: '抖音', xiaohongshu: '小红书', customer_service: '客服' },
  labels: { positive: '正面', neutral: '中性', negative: '负面' },
};

export const opinionEn: Widen<typeof opinionZh> = {
  title: 'Public opinion',
  description: 'Bursts of negative reviews, posts and news become alerts; every alert needs a response within 2 hours (PR response + fix).',
  tabs: { queue: 'Alert queue', mentions: 'Mentions' },
  noPlatform: 'No platform connected yet: alerts show here once one is.',
  filters: {
    severity: 'Severity', status: 'Status', topic: 'Topic', assignee: 'Assignee', unassigned: 'Unassigned', all: 'All', activeOnly: 'Not closed',
    mine: 'Mine', mineHint: 'Only alerts assigned to you (the platform account this cockpit uses)',
    mineUnknown: 'The platform has not said who you are yet: once it is connected and synced, "Mine" lists the alerts assigned to you.',
  },
  notify: {
    prompt: 'Allow desktop notifications: a new P1 public-opinion alert tells you at once',
    allow: 'Allow notifications',
    denied: 'The browser did not allow desktop notifications: new P1 alerts still show inside the page, and their count in the navigation.',
  },
  scoring: 'Scored {{scored}} / {{total}}',
  grid: {
    severity: 'Severity', title: 'Alert', status: 'Status', sla: 'SLA left', topic: 'Topic', subject: 'Subject', assignee: 'Assignee', mentions: 'Mentions',
    negativeShare: 'Negative', escalation: 'Escalation', sync: 'Sync', actions: 'Actions', opened: 'Opened',
  },
  severity: { P1: 'P1 critical', P2: 'P2 major', P3: 'P3 minor' },
  statuses: { open: 'Open', acknowledged: 'Acknowledged', responding: 'Responding', resolved: 'Resolved', dismissed: 'Dismissed' },
  topics: {
    quality: 'Quality', logistics: 'Logistics', customer_service: 'Customer service', false_advertising: 'False advertising', food_safety: 'Food safety',
    price: 'Price', fraud: 'Fraud', other: 'Other',
  },
  subjects: { merchant: 'Merchant', sku: 'SKU', category: 'Category', platform: 'Platform' },
  sla: {
    on_track: '{{left}} left', warning: '{{left}} left (warning)', breached: '{{left}} overdue', responded: 'Responded',
    hint: 'Response must start before {{due}} (warning at 90 minutes; a breach escalates one level)',
  },
  unsynced: 'Not synced',
  unsyncedHint: '{{count}} actions waiting for the platform (you can keep working offline)',
  local: 'Local only',
  localHint: 'Opened by this cockpit; the platform has not confirmed it yet',
  actions: {
    acknowledge: 'Acknowledge', assign: 'Assign', comment: 'Comment', startResponse: 'Start response', escalate: 'Escalate', resolve: 'Resolve', dismiss: 'Dismiss',
    open: 'Details', relabel: 'Relabel', detectNow: 'Detect now',
  },
  done: {
    acknowledge: 'Acknowledged (queued for sync)', assign: 'Assigned', comment: 'Comment added', startResponse: 'Response started', escalate: 'Escalated',
    resolve: 'Resolved', dismiss: 'Dismissed', relabel: 'Relabelled: the same text takes this label from now on',
    detectNow: 'Done: scored {{scored}} / {{total}}, {{count}} new alerts',
  },
  failed: 'Failed: {{message}}',
  form: {
    assignee: 'Assignee', comment: 'Comment', note: 'Note (optional)', level: 'Escalate to', resolution: 'Resolution', reason: 'Reason', submit: 'Submit',
    cancel: 'Cancel', label: 'Sentiment', topic: 'Topic',
  },
  detail: {
    title: 'Alert detail', timeline: 'Mentions per hour', negative: 'Negative', total: 'All', trend: "Subject's daily sentiment", topics: 'Topics',
    samples: 'Sample mentions', audit: 'Audit trail', children: 'Inhibited child alerts', none: 'None', who: 'By', me: 'me', synced: 'Synced',
    states: { pending: 'Pending', sent: 'Sent', done: 'Confirmed', conflict: 'Conflict', rejected: 'Rejected', resolved: 'Resolved', synced: 'Platform record' },
    drivers: 'Why', reach: 'Reach', score: 'Score', openLink: 'Open link', confirmLink: 'This opens in your browser: {{url}}', truncated: '(long text cut)',
    audits: {
      open: 'Opened', acknowledge: 'Acknowledged', assign: 'Assigned', comment: 'Comment', start_response: 'Response started', escalate: 'Escalated',
      resolve: 'Resolved', dismiss: 'Dismissed',
    },
  },
  mentions: {
    search: 'Search mention text', source: 'Source', label: 'Sentiment', topic: 'Topic', published: 'Published', text: 'Text', author: 'Author', score: 'Score',
    labelSource: 'Label by', model: 'Model', operator: 'Operator', capped: 'Showing the newest {{count}} mentions only: narrow them with the search or filters',
  },
  sources: { review: 'Review', weibo: 'Weibo', news: 'News', forum: 'Forum', douyin: 'Douyin', xiaohongshu: 'Xiaohongshu', customer_service: 'Customer service' },
  labels: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' },
};

declare module '../../i18n' {
  interface BoardMessages {
    opinion: typeof opinionZh;
  }
}

registerBoardMessages('opinion', { 'zh-CN': opinionZh, en: opinionEn });
