import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentEngine, defaultResourcesDir, evaluate, type SentimentEngine, type SentimentResult } from './index';
import { PRODUCT_REVIEWS } from './product-reviews.fixture';

let engine: SentimentEngine;
let rules: SentimentEngine;
beforeAll(() => {
  engine = createSentimentEngine({ resourcesDir: defaultResourcesDir() });
  rules = createSentimentEngine({ resourcesDir: defaultResourcesDir(), calibrationFile: null });
});

const score = (text: string): SentimentResult => engine.score(text);
const driverTexts = (result: SentimentResult): string => result.drivers.map((driver) => driver.text).join(' ');

describe('shape of a result', () => {
  it('loads the shipped calibration from resources', () => {
    expect(engine.calibrated).toBe(true);
    expect(rules.calibrated).toBe(false);
  });

  it('gives a score in [-1, 1], a label and the drivers', () => {
    for (const text of ['好吃', '难吃死了！！！', '太太太太太太太太太太好了👍👍👍👍👍👍👍👍', '垃圾垃圾垃圾垃圾垃圾😡😡😡😡😡']) {
      const result = score(text);
      expect(result.score).toBeGreaterThanOrEqual(-1);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(['negative', 'neutral', 'positive']).toContain(result.label);
      expect(result.drivers.length).toBeGreaterThan(0);
    }
  });

  it('names the words behind a verdict', () => {
    const result = score('衣服质量太差了，穿一次就起球');
    expect(result.label).toBe('negative');
    expect(driverTexts(result)).toContain('太差');
    expect(driverTexts(result)).toContain('起球');
  });
});

describe('negation and degree', () => {
  it('flips a negated word: 不好吃 vs 好吃', () => {
    expect(score('好吃').label).toBe('positive');
    expect(score('不好吃').label).toBe('negative');
    expect(driverTexts(score('不好吃'))).toContain('不好吃');
  });

  it('negates through 没 or 不 that the segmenter kept with a verb: 没洗干净, but not 不停', () => {
    expect(rules.score('菜没洗干净').label).toBe('negative');
    expect(driverTexts(rules.score('菜没洗干净'))).toContain('没洗干净');
    expect(rules.score('洗干净了').label).toBe('positive');
    expect(rules.score('大家不停地说好吃').label).toBe('positive');
  });

  it('re-cuts 好 that the segmenter glued to the word before it: 挺好看, 其它都好难吃', () => {
    expect(driverTexts(rules.score('封面设计挺好看的'))).toContain('挺好看');
    expect(driverTexts(rules.score('蛮好听的'))).toContain('蛮好听');
    const result = rules.score('只有牛肉还行，其它都好难吃');
    expect(result.label).toBe('negative');
    expect(driverTexts(result)).toContain('好难吃');
  });

  it('reads one praising word in scare quotes as irony, but not reported speech', () => {
    expect(rules.score('真是太"好"了，三天坏两次').label).toBe('negative');
    expect(rules.score('真是“新鲜”啊').label).toBe('negative');
    expect(rules.score('他说"好吃"，我也觉得好吃').label).toBe('positive');
  });

  it('takes a turn (可惜, 可是 …) followed by no sentiment word as the start of a complaint', () => {
    const result = rules.score('外观真的很漂亮，可惜用了十天屏幕就出现一条竖线');
    expect(driverTexts(result)).toContain('可惜…');
    expect(result.label).not.toBe('positive');
    expect(result.score).toBeLessThan(rules.score('外观真的很漂亮，用了十天屏幕就出现一条竖线').score);
    expect(rules.score('包装挺好，可是用了两天就不亮了').label).toBe('negative');
    // A turn to something good is judged by what follows.
    expect(rules.score('价格有点贵，可是质量真的很好').label).toBe('positive');
  });

  it('reads 不是很好 as a (softened) negative', () => {
    const result = score('不是很好');
    expect(result.label).toBe('negative');
    expect(result.score).toBeGreaterThan(score('很不好').score - 0.5);
  });

  it('handles 没 and 别 and 无', () => {
    expect(score('没有想象中好用').label).toBe('negative');
    expect(score('一点都不新鲜').label).toBe('negative');
    expect(score('没问题，无异味').label).toBe('positive');
    expect(score('别买，后悔').label).toBe('negative');
  });

  it('negates 好 that ends a phrase after a degree word: 不是太好, 没有想象的那么好', () => {
    for (const text of ['不是太好', '也不是太好', '没有想象的那么好', '并不是太好吃']) {
      expect(rules.score(text).label, text).toBe('negative');
      expect(driverTexts(rules.score(text)), text).toMatch(/好/);
    }
  });

  it('reads "never met one so bad" as an emphasis, not a negation: 没见过这么差的', () => {
    expect(rules.score('从没见过这么差的手机').label).toBe('negative');
    expect(rules.score('好久没吃到这么难吃的香锅了').label).toBe('negative');
    expect(rules.score('没遇到过这么好的卖家').label).toBe('positive');
    // Without a word of experience the negation stands.
    expect(rules.score('没有这么好').label).toBe('negative');
  });

  it('reads a comparison with 不如 or 没有 as a negation of what follows: 不如以前好喝', () => {
    expect(rules.score('不如以前好喝了').label).toBe('negative');
    expect(rules.score('远不如上次').label).toBe('negative');
    // A name the segmenter cut into characters is one word, so the negation reaches past it.
    expect(rules.score('没有汉拿山好吃').label).toBe('negative');
  });

  it('reads traditional characters as their simplified forms: 不錯, 服務很差', () => {
    expect(rules.score('不錯').label).toBe('positive');
    expect(driverTexts(rules.score('不錯'))).toContain('不错');
    expect(rules.score('這個酒店服務很差').label).toBe('negative');
    // 著 is also an ordinary simplified character (名著): it is left as it is.
    expect(rules.score('名著，很好看').drivers.length).toBeGreaterThan(0);
  });

  it('reads an improvement as praise: 头发不油了, 用了不痒了, 再也不用带充电宝了', () => {
    for (const text of ['头发不油了', '用了不痒了', '再也不用带充电宝了']) expect(rules.score(text).label, text).toBe('positive');
    expect(rules.score('再也不买了').label).toBe('negative');
  });

  it('reads distance through its aspect: 离地铁站近 good, 离市区很远 bad', () => {
    expect(rules.score('离地铁站近').label).toBe('positive');
    expect(rules.score('离市区很远').label).toBe('negative');
  });

  it('reads 都没有 / 也没有 as a negation of what came before it: 一点问题都没有', () => {
    expect(rules.score('一点问题都没有').label).toBe('positive');
    expect(rules.score('打开一看，一个坏的都没有').label).toBe('positive');
    expect(rules.score('一点用都没有').label).toBe('negative');
    expect(rules.score('什么效果也没有').label).toBe('negative');
    expect(rules.score('周边什么都没有').label).toBe('negative');
    expect(rules.score('脐橙皮薄，一点渣都没有').label).toBe('positive');
    // Two negations side by side are coordinated, not one negating the other.
    expect(rules.score('洗了好几次了，没起球也没掉色').label).toBe('positive');
    // A 没 with words after it negates them, as usual.
    expect(rules.score('一个都没坏').label).toBe('positive');
    expect(rules.score('问题都没解决').label).toBe('negative');
  });

  it('weighs a claim less than a verdict: 说是全新正版，…', () => {
    const claimed = rules.score('说是全新正版，书页上有人用铅笔画过').score;
    expect(claimed).toBeLessThan(rules.score('全新正版，书页上有人用铅笔画过').score);
  });

  it('weighs praise of looks less, and failures soon after use more', () => {
    expect(rules.score('外观很漂亮').score).toBeLessThan(rules.score('很漂亮').score);
    expect(rules.score('外观很漂亮').label).toBe('positive');
    expect(rules.score('装完第二天就发现接口处一直在渗水').label).toBe('negative');
    expect(rules.score('用了一周就感觉头发不油了').label).toBe('positive');
  });

  it('reads 厉害 after a complaint as how bad it is: 掉色太厉害了', () => {
    expect(rules.score('掉色太厉害了').label).toBe('negative');
    expect(rules.score('这手机太厉害了').label).toBe('positive');
  });

  it('reads 这是…？ as a rhetorical question: 这是正品？', () => {
    expect(rules.score('这是正品？').label).toBe('negative');
    expect(rules.score('这是正品').label).toBe('positive');
  });

  it('keeps an emoji out of the reach of a negation: 不怕了😄', () => {
    expect(rules.score('冬天洗澡不怕了😄').label).toBe('positive');
  });

  it('lets a double negation come back positive', () => {
    expect(score('不是不好').label).toBe('positive');
    expect(score('没有不满意的地方').label).toBe('positive');
  });

  it('makes degree words stronger and softeners weaker', () => {
    const plain = rules.score('质量差').score;
    expect(rules.score('质量非常差').score).toBeLessThan(plain);
    expect(rules.score('质量有点差').score).toBeGreaterThan(plain);
    expect(rules.score('非常好').score).toBeGreaterThan(rules.score('好').score);
  });

  it('turns neutral attributes into complaints after an excess word: 太辣, 偏小', () => {
    expect(score('太辣了').label).toBe('negative');
    expect(score('尺码偏小').label).toBe('negative');
  });

  it('resolves attributes by aspect: 价格高 bad, 性价比高 good', () => {
    expect(score('价格高').label).toBe('negative');
    expect(score('性价比高').label).toBe('positive');
    expect(score('物流很快').label).toBe('positive');
  });
});

describe('contrast, questions, punctuation, emoji', () => {
  it('weighs the clause after 但是/不过/可是 more', () => {
    expect(score('虽然价格有点贵，但是质量很好').label).toBe('positive');
    expect(score('虽然包装很好看，但是质量太差了').label).toBe('negative');
    expect(score('物流很快，不过东西是坏的').label).toBe('negative');
    expect(score('颜色有点暗，可是穿上很好看').label).toBe('positive');
  });

  it('lets a verdict outweigh the footnotes and a suggestion weigh little', () => {
    for (const e of [engine, rules]) {
      expect(e.score('物流有点慢，包装也一般，但东西不错，推荐').label).toBe('positive');
      expect(e.score('颜色挺好看的，但是不推荐').label).toBe('negative');
      expect(e.score('热水器很好用，加热快，希望安装师傅能准时一点').label).toBe('positive');
      expect(e.score('总体还可以，就是前台有点慢').label).toBe('positive');
    }
  });

  it('reads 好 before a plain attribute as a degree word, and "not yet" as no verdict', () => {
    expect(rules.score('好咸').label).toBe('negative');
    expect(rules.score('分量好少').label).toBe('negative');
    expect(rules.score('还没用，物流很快').label).toBe('positive');
    expect(rules.score('没有想象中的好吃').label).toBe('negative');
    expect(rules.score('差不多').label).toBe('neutral');
  });

  it('reads a rhetorical question as a complaint', () => {
    expect(score('这也叫好吃？').label).toBe('negative');
    expect(score('这也叫正品？').label).toBe('negative');
    expect(score('难道这就是旗舰机的做工吗').label).toBe('negative');
    expect(score('难道这就是正品？').label).toBe('negative');
    expect(score('凭什么不给退').label).toBe('negative');
  });

  it('does not let repeated punctuation break the reading', () => {
    expect(score('太难吃了！！！！！！').label).toBe('negative');
    expect(score('好评！！！').label).toBe('positive');
    expect(score('说好的两天到呢？？？').label).toBe('negative');
    expect(score('好吃好吃。。。。。。。').label).toBe('positive');
  });

  it('reads emoji', () => {
    expect(score('😡').label).toBe('negative');
    expect(score('👍').label).toBe('positive');
    expect(score('收到了😡😡').label).toBe('negative');
    expect(score('收到了👍👍').label).toBe('positive');
    expect(driverTexts(score('😡'))).toContain('😡');
  });
});

describe('e-commerce slang and topics', () => {
  it('knows 踩雷, 智商税, 货不对板, 好评返现', () => {
    for (const text of ['踩雷了', '智商税', '货不对板', '好评返现']) expect(score(text).label, text).toBe('negative');
  });

  it('gives negative texts a topic with the words that decided it', () => {
    const cases: [string, string][] = [
      ['货不对板，和图片完全不一样', 'false_advertising'],
      ['好评返现才给好评的，东西很一般', 'false_advertising'],
      ['快递太慢了，一个星期才到', 'logistics'],
      ['客服不理人，问了半天没人回复', 'customer_service'],
      ['用了两天就坏了，做工粗糙', 'quality'],
      ['吃完拉肚子了，肉是变质的', 'safety'],
      ['收到的是假货，商家骗人', 'fraud'],
      ['太贵了，完全不值这个价', 'price'],
    ];
    for (const [text, topic] of cases) {
      const result = score(text);
      expect(result.label, text).toBe('negative');
      expect(result.topic, text).toBe(topic);
      expect(result.topicWords.length, text).toBeGreaterThan(0);
    }
  });

  it('gives no topic to a positive text and "other" when no keyword decides', () => {
    expect(score('很好用').topic).toBeNull();
    expect(score('唉，失望').topic).toBe('other');
  });
});

describe('hostile and empty input', () => {
  it('scores empty and whitespace as neutral 0', () => {
    for (const text of ['', '   ', '\n\t\r', '\u200b\u200b']) {
      expect(score(text)).toEqual({ score: 0, label: 'neutral', topic: null, drivers: [], topicWords: [] });
    }
  });

  it('survives HTML and script', () => {
    const result = score('<script>alert("x")</script><b>很好吃</b>&lt;');
    expect(result.label).toBe('positive');
    expect(driverTexts(result)).not.toContain('<');
  });

  it('survives control characters and lone surrogates', () => {
    expect(score('很\u0000好\u0007吃\u001b[31m').label).toBe('positive');
    expect(score('\ud83d太差了\ude00').label).toBe('negative');
    expect(() => score('\ud800\udbff\udfff\udc00')).not.toThrow();
    expect(JSON.stringify(score('\ud83d差评'))).not.toMatch(/\\ud83d(?!\\ud)/);
  });

  it('scores a 1 MB string quickly by reading its beginning', () => {
    const huge = '质量很差'.repeat(262_144);
    const started = Date.now();
    const result = score(huge);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.label).toBe('negative');
  });

  it('takes non-strings without throwing', () => {
    expect(engine.score(undefined as unknown as string).label).toBe('neutral');
    expect(engine.scoreMany(['好', '差']).map((result) => result.label)).toEqual(['positive', 'negative']);
  });
});

describe('hand-written product reviews (categories the shared sets lack)', () => {
  it('reads at least 90% right with the shipped calibration and 85% with the plain rules', () => {
    const truth = PRODUCT_REVIEWS.map((review) => review.label);
    const calibrated = evaluate(truth, PRODUCT_REVIEWS.map((review) => engine.score(review.text).label));
    const plain = evaluate(truth, PRODUCT_REVIEWS.map((review) => rules.score(review.text).label));
    expect(calibrated.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(plain.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
