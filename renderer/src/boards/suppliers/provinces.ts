/**
 * A tile grid of China's provinces (one square each, roughly where the province lies): a way to see
 * suppliers and events by place without shipping map borders, which in China need an approval
 * number (审图号). [column, row], row 0 at the top.
 */
export const PROVINCE_TILES: Readonly<Record<string, readonly [number, number]>> = {
  黑龙江: [8, 0],
  内蒙古: [5, 1], 北京: [6, 1], 辽宁: [7, 1], 吉林: [8, 1],
  新疆: [0, 2], 甘肃: [2, 2], 宁夏: [3, 2], 山西: [4, 2], 河北: [5, 2], 天津: [6, 2],
  西藏: [0, 3], 青海: [1, 3], 陕西: [3, 3], 河南: [4, 3], 山东: [5, 3],
  四川: [1, 4], 重庆: [2, 4], 湖北: [3, 4], 安徽: [4, 4], 江苏: [5, 4], 上海: [6, 4],
  云南: [1, 5], 贵州: [2, 5], 湖南: [3, 5], 江西: [4, 5], 浙江: [5, 5],
  广西: [2, 6], 广东: [3, 6], 福建: [4, 6], 台湾: [5, 6],
  海南: [3, 7], 澳门: [2, 7], 香港: [4, 7],
};

export const PROVINCE_EN: Readonly<Record<string, string>> = {
  黑龙江: 'Heilongjiang', 内蒙古: 'Inner Mongolia', 北京: 'Beijing', 辽宁: 'Liaoning', 吉林: 'Jilin', 新疆: 'Xinjiang', 甘肃: 'Gansu', 宁夏: 'Ningxia',
  山西: 'Shanxi', 河北: 'Hebei', 天津: 'Tianjin', 西藏: 'Tibet', 青海: 'Qinghai', 陕西: 'Shaanxi', 河南: 'Henan', 山东: 'Shandong', 四川: 'Sichuan',
  重庆: 'Chongqing', 湖北: 'Hubei', 安徽: 'Anhui', 江苏: 'Jiangsu', 上海: 'Shanghai', 云南: 'Yunnan', 贵州: 'Guizhou', 湖南: 'Hunan', 江西: 'Jiangxi',
  浙江: 'Zhejiang', 广西: 'Guangxi', 广东: 'Guangdong', 福建: 'Fujian', 台湾: 'Taiwan', 海南: 'Hainan', 澳门: 'Macao', 香港: 'Hong Kong',
};

/** The province's name in the UI language (data names are Chinese). */
export function provinceLabel(name: string, language: string): string {
  return language === 'en' ? (PROVINCE_EN[name] ?? name) : name;
}

/** Where a province's tile goes; unknown names line up under the grid. */
export function tileOf(name: string, unknownIndex: number): [number, number] {
  const tile = PROVINCE_TILES[name];
  return tile ? [tile[0], tile[1]] : [unknownIndex % 9, 9 + Math.floor(unknownIndex / 9)];
}
