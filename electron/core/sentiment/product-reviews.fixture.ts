/**
 * Hand-written product reviews (by the Ops Cockpit team, for the tests) in categories the shared
 * takeaway and hotel sets do not cover. They estimate how the lexicon carries over to e-commerce
 * product reviews; none is taken from a public data set. 1 = positive, 0 = negative.
 */
export const PRODUCT_REVIEWS: readonly { cat: string; text: string; label: 0 | 1 }[] = [
  // clothes
  { cat: 'clothes', label: 1, text: '衣服收到了，面料很舒服，尺码标准，穿上很显瘦，老婆很喜欢' },
  { cat: 'clothes', label: 1, text: '质量挺好的，没有线头，洗了也不掉色，会回购' },
  { cat: 'clothes', label: 1, text: '版型不错，颜色和图片一样，性价比很高' },
  { cat: 'clothes', label: 1, text: '穿着很暖和，做工精细，这个价格买到很值' },
  { cat: 'clothes', label: 0, text: '洗了一次就缩水了，还掉色，把别的衣服都染了' },
  { cat: 'clothes', label: 0, text: '尺码严重偏小，布料很薄，摸着很廉价，退了' },
  { cat: 'clothes', label: 0, text: '和图片完全不一样，色差太大，线头一大堆' },
  { cat: 'clothes', label: 0, text: '穿了两天就起球了，什么破质量' },
  { cat: 'clothes', label: 0, text: '一股刺鼻的味道，洗了三遍还有，不敢给孩子穿' },
  // phones
  { cat: 'phones', label: 1, text: '手机运行很流畅，拍照清晰，电池也耐用，非常满意' },
  { cat: 'phones', label: 1, text: '正品，屏幕显示效果很好，京东物流第二天就到了' },
  { cat: 'phones', label: 1, text: '用了一个月了，没有发热，续航能撑一天，推荐购买' },
  { cat: 'phones', label: 1, text: '外观漂亮，手感好，系统很稳定，给爸妈买的他们说好用' },
  { cat: 'phones', label: 0, text: '用了三天就死机，屏幕还有坏点，申请退货客服一直推脱' },
  { cat: 'phones', label: 0, text: '电池不耐用，半天就没电了，充电还特别烫' },
  { cat: 'phones', label: 0, text: '收到的是翻新机，包装有拆过的痕迹，太坑了' },
  { cat: 'phones', label: 0, text: '信号很差，经常断网，打电话对方听不清' },
  { cat: 'phones', label: 0, text: '刚买一个星期就降价三百，也不给保价，心塞' },
  // fruit
  { cat: 'fruit', label: 1, text: '橙子很甜，水分足，个头也大，家里人都爱吃' },
  { cat: 'fruit', label: 1, text: '苹果又脆又甜，包装很用心，一个都没坏' },
  { cat: 'fruit', label: 1, text: '芒果很新鲜，熟得刚好，香甜可口，还会再买' },
  { cat: 'fruit', label: 1, text: '物流很快，猕猴桃放了两天就软了，酸甜好吃' },
  { cat: 'fruit', label: 0, text: '一箱烂了一半，剩下的也不甜，联系客服不理人' },
  { cat: 'fruit', label: 0, text: '个头特别小，和图片上的差太多了，货不对板' },
  { cat: 'fruit', label: 0, text: '收到就坏了好几个，还有一股发霉的味道' },
  { cat: 'fruit', label: 0, text: '酸得没法吃，一点都不新鲜，估计放了很久' },
  { cat: 'fruit', label: 0, text: '说好的五斤，称了只有四斤，缺斤少两' },
  // books
  { cat: 'books', label: 1, text: '书的印刷很清晰，纸张也好，内容很有启发，值得一读' },
  { cat: 'books', label: 1, text: '孩子很喜欢这套绘本，每天晚上都要读' },
  { cat: 'books', label: 1, text: '正版书，包装完好，一口气读完了，写得真好' },
  { cat: 'books', label: 1, text: '作者文笔很好，故事引人入胜，推荐给大家' },
  { cat: 'books', label: 0, text: '明显是盗版，纸张很差，字迹模糊，还有错别字' },
  { cat: 'books', label: 0, text: '内容空洞，东拼西凑，完全是浪费时间' },
  { cat: 'books', label: 0, text: '书到的时候封面都压坏了，角也折了' },
  { cat: 'books', label: 0, text: '看了几页就看不下去了，和宣传的完全不是一回事' },
  // cosmetics
  { cat: 'cosmetics', label: 1, text: '面霜很滋润，吸收快，用了一周皮肤明显变好了' },
  { cat: 'cosmetics', label: 1, text: '口红颜色很正，显白，持久不掉色，爱了爱了' },
  { cat: 'cosmetics', label: 1, text: '专柜正品，味道淡淡的很好闻，敏感肌用着也不刺激' },
  { cat: 'cosmetics', label: 0, text: '用了两天脸上就过敏了，又红又痒，怀疑是假货' },
  { cat: 'cosmetics', label: 0, text: '完全没效果，纯属交智商税' },
  { cat: 'cosmetics', label: 0, text: '卸妆油用完闷痘，脸上爆了好多痘痘' },
  { cat: 'cosmetics', label: 0, text: '好评返现的套路，东西很一般，香精味很重' },
  // water heaters
  { cat: 'water_heater', label: 1, text: '热水器加热很快，水温稳定，安装师傅也很专业' },
  { cat: 'water_heater', label: 1, text: '送货上门还免费安装，用了一个月了，洗澡很舒服' },
  { cat: 'water_heater', label: 1, text: '外观大气，操作简单，出水量大，很省电' },
  { cat: 'water_heater', label: 0, text: '装好第二天就漏水，打售后电话一直没人接' },
  { cat: 'water_heater', label: 0, text: '安装师傅乱收费，材料费要了三百多' },
  { cat: 'water_heater', label: 0, text: '加热太慢了，烧一个小时水还是温的' },
  { cat: 'water_heater', label: 0, text: '用了不到半年就坏了，报修了一个礼拜都没人来' },
  // computers
  { cat: 'computers', label: 1, text: '笔记本开机速度快，屏幕清晰，运行大型软件也不卡' },
  { cat: 'computers', label: 1, text: '配置很高，散热不错，打游戏很流畅，物超所值' },
  { cat: 'computers', label: 1, text: '轻薄便携，续航时间长，出差带着很方便' },
  { cat: 'computers', label: 0, text: '风扇噪音很大，玩一会儿就烫手，还经常蓝屏' },
  { cat: 'computers', label: 0, text: '到手就有划痕，键盘有个键按不动，像是别人退回来的' },
  { cat: 'computers', label: 0, text: '预装的系统全是垃圾软件，开机要两分钟，太卡了' },
  { cat: 'computers', label: 0, text: '屏幕漏光严重，换货等了半个月还没处理' },
  // shampoo
  { cat: 'shampoo', label: 1, text: '洗完头发很柔顺，味道也清香，去屑效果不错' },
  { cat: 'shampoo', label: 1, text: '一直用这个牌子，控油效果很好，这次活动买的很划算' },
  { cat: 'shampoo', label: 1, text: '泡沫丰富，洗后头皮很清爽，不会痒了' },
  { cat: 'shampoo', label: 0, text: '用完头发特别干，像稻草一样，还掉头发' },
  { cat: 'shampoo', label: 0, text: '瓶子漏了一半，快递盒子里全是洗发水' },
  { cat: 'shampoo', label: 0, text: '味道和专柜的不一样，感觉是假的' },
  { cat: 'shampoo', label: 0, text: '洗了头皮痒，还起了小红疹，再也不买了' },
  // hotels
  { cat: 'hotel', label: 1, text: '房间干净整洁，前台服务热情，离地铁站很近' },
  { cat: 'hotel', label: 1, text: '早餐品种丰富，床很舒服，下次出差还住这里' },
  { cat: 'hotel', label: 0, text: '隔音太差了，一晚上都没睡好，空调还是坏的' },
  { cat: 'hotel', label: 0, text: '卫生间有异味，床单上有头发，服务员态度冷淡' },
  // takeaway-like
  { cat: 'takeaway', label: 1, text: '味道很好，分量足，骑手小哥送得也快' },
  { cat: 'takeaway', label: 1, text: '牛奶口感很醇，日期也很新鲜，孩子爱喝' },
  { cat: 'takeaway', label: 0, text: '等了一个半小时才送到，饭都凉透了' },
  { cat: 'takeaway', label: 0, text: '牛奶收到已经胀袋了，喝了一口是酸的' },
];
