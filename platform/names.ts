/**
 * Word lists for realistic Chinese e-commerce data: geography, people, shop and company names,
 * the category tree, products. Plain data, no logic.
 */

/** Province → cities (a representative subset, weighted towards e-commerce hubs by repetition in PROVINCE_WEIGHTS). */
export const GEOGRAPHY: readonly (readonly [string, readonly string[]])[] = [
  ['浙江', ['杭州', '宁波', '温州', '金华', '义乌', '嘉兴', '湖州', '绍兴', '台州']],
  ['广东', ['广州', '深圳', '东莞', '佛山', '汕头', '中山', '揭阳', '潮州']],
  ['江苏', ['南京', '苏州', '无锡', '常州', '南通', '徐州', '宿迁']],
  ['上海', ['上海']],
  ['北京', ['北京']],
  ['福建', ['福州', '厦门', '泉州', '莆田', '晋江']],
  ['山东', ['济南', '青岛', '临沂', '潍坊', '烟台']],
  ['河北', ['石家庄', '保定', '沧州', '白沟']],
  ['四川', ['成都', '绵阳', '宜宾']],
  ['湖北', ['武汉', '宜昌', '襄阳']],
  ['湖南', ['长沙', '株洲', '岳阳']],
  ['河南', ['郑州', '洛阳', '许昌']],
  ['安徽', ['合肥', '芜湖', '阜阳']],
  ['江西', ['南昌', '赣州']],
  ['重庆', ['重庆']],
  ['天津', ['天津']],
  ['陕西', ['西安', '咸阳']],
  ['云南', ['昆明', '大理']],
  ['广西', ['南宁', '桂林', '柳州']],
  ['辽宁', ['沈阳', '大连']],
  ['黑龙江', ['哈尔滨']],
  ['吉林', ['长春']],
  ['新疆', ['乌鲁木齐', '喀什']],
  ['内蒙古', ['呼和浩特', '包头']],
  ['海南', ['海口', '三亚']],
  ['贵州', ['贵阳']],
  ['山西', ['太原']],
  ['甘肃', ['兰州']],
];
/** E-commerce sellers cluster in Zhejiang, Guangdong, Jiangsu, Shanghai, Fujian. */
export const PROVINCE_WEIGHTS: readonly number[] = [
  22, 20, 10, 8, 5, 8, 6, 4, 3, 3, 2, 3, 2, 1, 1.5, 1, 1, 1, 1, 1, 0.5, 0.4, 0.4, 0.3, 0.4, 0.3, 0.3, 0.2,
];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN_CHARS = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰萍红鹏飞辉宇浩然子涵欣怡梓萱一诺思远雨桐晨阳博文佳怡俊杰晓东文静志强海燕春梅建华丹凯琳倩婷颖雪梅亮斌宁健斌瑶晶莉'.split('');

export const DEPARTMENT_TITLES: Readonly<Record<string, readonly string[]>> = {
  operations: ['运营专员', '高级运营', '类目运营经理', '运营总监', '商家运营', '活动运营'],
  procurement: ['采购专员', '采购经理', '供应链采购主管', '品类采购'],
  logistics: ['物流专员', '仓储主管', '配送经理', '物流规划师'],
  technology: ['后端工程师', '数据工程师', '产品经理', '技术经理', '算法工程师'],
  marketing: ['市场专员', '品牌经理', '内容运营', '投放优化师'],
  customer_service: ['客服专员', '客服主管', '售后专家', '客诉处理专员'],
  legal: ['法务专员', '合规经理', '知识产权顾问'],
  finance: ['财务专员', '结算经理', '财务分析师'],
};

/** Two-character brand-ish words for shop and company names. */
export const BRAND_WORDS = '恒源 优品 悦享 森雅 美丽 汇丰 佳美 锦绣 辰光 鑫源 嘉禾 天成 华韵 星辰 晨曦 云裳 木子 初见 素言 南风 北极 东方 西湖 江南 红叶 青禾 海蓝 金盛 银泰 宝利 百草 千禾 万家 福满 欣然 朵朵 小鹿 大象 熊猫 喜鹊 白鹭 雪莲 竹语 梧桐 柚子 橙心 蜜桃 可可 糖果 米粒 麦香 稻香 茶语 花间 拾光 半夏 知秋 暖阳 清风 明月 山水 溪谷 原野 匠心 本色 简约 时尚 潮流 优选 臻品 极致 安心 放心 贴心'.split(' ');

export const SHOP_SUFFIX: Readonly<Record<string, readonly string[]>> = {
  flagship: ['旗舰店', '官方旗舰店'],
  enterprise: ['专营店', '专卖店', '企业店'],
  smb: ['店', '小铺', '工厂店', '批发店'],
  individual: ['的小店', '杂货铺', '好物铺', '自营店'],
};

export const COMPANY_INDUSTRY = [
  '服饰', '日用品', '食品', '电子科技', '塑料制品', '纺织', '五金', '包装材料', '化妆品', '玩具', '家具', '农产品', '箱包', '鞋业', '工艺品', '医疗器械', '印刷', '电器', '陶瓷', '皮具',
];
export const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '贸易有限公司', '实业有限公司', '制造有限公司'];

/**
 * The category tree: level 1 → level 2 → level 3 names, plus the shop word used in merchant names
 * and typical unit price in yuan (drives SKU prices and GMV).
 */
export interface CategorySeed {
  readonly name: string;
  readonly shopWord: string;
  readonly priceYuan: number;
  readonly children: readonly (readonly [string, readonly string[]])[];
}
export const CATEGORY_TREE: readonly CategorySeed[] = [
  { name: '服饰鞋包', shopWord: '服饰', priceYuan: 129, children: [
    ['女装', ['连衣裙', 'T恤', '羽绒服', '毛衣', '牛仔裤']],
    ['男装', ['夹克', '衬衫', '休闲裤', '卫衣']],
    ['鞋靴', ['运动鞋', '高跟鞋', '雪地靴', '帆布鞋']],
    ['箱包', ['双肩包', '拉杆箱', '钱包']],
  ] },
  { name: '食品生鲜', shopWord: '食品', priceYuan: 59, children: [
    ['休闲零食', ['坚果', '饼干', '辣条', '肉脯']],
    ['生鲜果蔬', ['车厘子', '苹果', '大闸蟹', '牛排']],
    ['粮油调味', ['大米', '食用油', '酱油']],
    ['茶酒冲饮', ['绿茶', '白酒', '咖啡', '奶粉']],
  ] },
  { name: '美妆个护', shopWord: '美妆', priceYuan: 159, children: [
    ['护肤', ['面霜', '精华液', '面膜', '防晒霜']],
    ['彩妆', ['口红', '粉底液', '眼影']],
    ['个人护理', ['洗发水', '牙膏', '沐浴露']],
  ] },
  { name: '家居日用', shopWord: '家居', priceYuan: 69, children: [
    ['家纺', ['四件套', '乳胶枕', '蚕丝被']],
    ['收纳清洁', ['收纳箱', '拖把', '垃圾袋']],
    ['厨具', ['炒锅', '保温杯', '刀具']],
  ] },
  { name: '数码家电', shopWord: '数码', priceYuan: 899, children: [
    ['手机通讯', ['手机', '充电宝', '数据线', '手机壳']],
    ['电脑办公', ['笔记本电脑', '机械键盘', '显示器']],
    ['生活电器', ['空气炸锅', '吹风机', '扫地机器人', '电饭煲']],
  ] },
  { name: '母婴玩具', shopWord: '母婴', priceYuan: 139, children: [
    ['奶粉辅食', ['婴儿奶粉', '米粉']],
    ['尿裤湿巾', ['纸尿裤', '湿巾']],
    ['玩具', ['积木', '毛绒玩具', '遥控车']],
  ] },
  { name: '运动户外', shopWord: '运动', priceYuan: 199, children: [
    ['运动服饰', ['速干衣', '瑜伽裤']],
    ['户外装备', ['帐篷', '登山杖', '冲锋衣']],
    ['健身器材', ['哑铃', '跑步机']],
  ] },
  { name: '医药保健', shopWord: '健康', priceYuan: 119, children: [
    ['营养保健', ['维生素', '鱼油', '蛋白粉']],
    ['医疗器械', ['血压计', '口罩', '体温计']],
  ] },
  { name: '图书文娱', shopWord: '文化', priceYuan: 49, children: [
    ['图书', ['童书', '小说', '教辅']],
    ['文具', ['笔记本', '中性笔']],
  ] },
  { name: '宠物用品', shopWord: '宠物', priceYuan: 89, children: [
    ['宠物食品', ['猫粮', '狗粮', '冻干']],
    ['宠物用具', ['猫砂', '牵引绳']],
  ] },
  { name: '汽车用品', shopWord: '汽车用品', priceYuan: 169, children: [
    ['车载电器', ['行车记录仪', '车载充电器']],
    ['汽车装饰', ['脚垫', '座套']],
  ] },
  { name: '珠宝配饰', shopWord: '饰品', priceYuan: 299, children: [
    ['黄金', ['金项链', '金手镯']],
    ['时尚饰品', ['耳环', '发夹', '手表']],
  ] },
];

export const PRODUCT_ADJECTIVES = [
  '新款', '加厚', '轻薄', '网红同款', '大码', '纯棉', '进口', '国潮', '原创设计', '升级版', '家用', '便携', '高端', '儿童', '男女同款', '2026新款', '正品', '工厂直发',
];
/** Product specs per level-1 category (CATEGORY_TREE order). */
export const PRODUCT_SPECS: readonly (readonly string[])[] = [
  ['S码', 'M码', 'L码', 'XL', '均码', '黑色', '米白色', '藏青色'],
  ['500g', '1kg', '2.5kg', '礼盒装', '10袋装', '家庭装', '5斤装'],
  ['30ml', '50ml', '100ml', '套装', '旅行装', '礼盒装'],
  ['1.5m床', '1.8m床', '大号', '3件套', '500ml', '家用款'],
  ['128GB', '256GB', '标准版', 'Pro版', '黑色', '白色', '国行'],
  ['1段', '2段', '3段', 'L码', 'XL码', '礼盒装'],
  ['S码', 'M码', 'L码', '单人', '双人', '5kg'],
  ['60粒', '120粒', '30片装', '家庭装', '标准版'],
  ['精装', '平装', '全5册', '10支装', 'A5'],
  ['1.5kg', '2kg', '10kg', '小型犬', '成猫'],
  ['通用款', '前后排', '黑色', '64G卡'],
  ['足金', '18K', '均码', '礼盒装', '银色'],
];

export const PACKAGES: readonly { name: string; tier: string; description: string; benefits: readonly string[] }[] = [
  { name: '头部商家战略扶持包', tier: 'head', description: '面向GMV头部商家的年度战略合作权益，含大促资源位与专属运营对接。', benefits: ['双11主会场资源位', '专属运营经理', '品牌日活动', '流量券5万元/月'] },
  { name: '头部商家供应链护航包', tier: 'head', description: '保障大促期间供应稳定与履约时效。', benefits: ['仓配优先排期', '备货金融支持', '质检绿色通道'] },
  { name: '腰部商家成长加速包', tier: 'waist', description: '帮助腰部商家提升转化与复购。', benefits: ['搜索加权14天', '店铺诊断报告', '直播间流量扶持', '营销工具免费使用'] },
  { name: '腰部商家品质提升包', tier: 'waist', description: '围绕商品质量与服务体验的专项提升计划。', benefits: ['品控抽检补贴', '客服培训课程', '差评分析月报'] },
  { name: '中小商家新手启航包', tier: 'smb', description: '新开店铺前90天的基础扶持。', benefits: ['新店流量券', '运营课程', '保证金减免'] },
  { name: '中小商家降本包', tier: 'smb', description: '降低物流与推广成本。', benefits: ['运费险补贴', '快递协议价', '推广费返还10%'] },
  { name: '个人店主轻松开店包', tier: 'individual', description: '个人卖家一站式开店工具。', benefits: ['免费装修模板', '一对一答疑', '首月免技术服务费'] },
  { name: '个人店主内容种草包', tier: 'individual', description: '借助短视频与图文内容获客。', benefits: ['短视频模板', '达人撮合', '内容流量券'] },
];

export const CERTIFICATIONS = ['ISO9001', 'ISO14001', 'BSCI', '3C认证', 'SC食品生产许可', 'GMP', 'FSC', 'OEKO-TEX'];

export const TEAM_THEMES = [
  '双11大促保障', '年货节备战', '618增长', '差评率攻坚', '供应链韧性', '腰部商家成长', '食品安全专项', '物流时效提升', '新商家孵化', '客服体验优化',
  '直播电商突破', '产业带扶持', '复购提升', '价格力提升', '退款率治理', '虚假宣传治理', '农产品上行', '跨境品类拓展', '会员增长', '内容种草',
];
export const KR_TEMPLATES: readonly { title: string; unit: string; direction: 'increase' | 'decrease'; start: number; target: number }[] = [
  { title: '类目GMV同比增长', unit: '%', direction: 'increase', start: 0, target: 25 },
  { title: '差评率降至', unit: '%', direction: 'decrease', start: 3.2, target: 1.5 },
  { title: '48小时发货率', unit: '%', direction: 'increase', start: 88, target: 97 },
  { title: '单一货源SKU数量', unit: '个', direction: 'decrease', start: 120, target: 40 },
  { title: '纠纷率', unit: '‰', direction: 'decrease', start: 4.5, target: 2 },
  { title: '腰部商家数量', unit: '家', direction: 'increase', start: 300, target: 450 },
  { title: '平均配送时长', unit: '小时', direction: 'decrease', start: 52, target: 40 },
  { title: '复购买家占比', unit: '%', direction: 'increase', start: 18, target: 26 },
  { title: '客服首响时长', unit: '秒', direction: 'decrease', start: 45, target: 20 },
  { title: '新签约优质供应商', unit: '家', direction: 'increase', start: 0, target: 30 },
];
