/**
 * Word lists for reading Chinese company names: 行政区划 + 字号 + 行业 + 组织形式. Places are the
 * provinces and the cities that appear in company names; industry terms are the common 行业 words.
 * Both are compared after simplified-Chinese folding. Kept as space-separated text to stay compact.
 */
const words = (text: string): string[] => text.trim().split(/\s+/);
const longestFirst = (list: string[]): readonly string[] => list.sort((a, b) => b.length - a.length);

export const PROVINCES = words(`
  北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南
  四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门`);

export const CITIES = words(`
  广州 深圳 珠海 汕头 佛山 东莞 中山 惠州 江门 湛江 茂名 肇庆 清远 揭阳 潮州 梅州 韶关 杭州 宁波 温州
  嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 南京 苏州 无锡 常州 南通 扬州 镇江 泰州 徐州 盐城 淮安
  连云港 宿迁 昆山 江阴 张家港 常熟 合肥 芜湖 蚌埠 安庆 马鞍山 福州 厦门 泉州 漳州 莆田 南昌 赣州 九江
  济南 青岛 烟台 潍坊 淄博 临沂 济宁 威海 日照 郑州 洛阳 开封 新乡 南阳 武汉 宜昌 襄阳 长沙 株洲 湘潭
  岳阳 常德 衡阳 南宁 柳州 桂林 海口 三亚 成都 绵阳 德阳 宜宾 贵阳 遵义 昆明 大理 丽江 西安 咸阳 宝鸡
  兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 包头 鄂尔多斯 石家庄 唐山 保定 廊坊 邯郸 太原 大同 沈阳 大连
  鞍山 长春 哈尔滨 大庆 雄安`);

/** Places longest first, so 内蒙古 wins over a shorter match. */
export const PLACES = longestFirst([...PROVINCES, ...CITIES]);

/** Qualifiers written in brackets that say nothing about which company it is: 阿里巴巴（中国）. */
export const NATIONAL_QUALIFIERS = new Set(words('中国 中华 国际 亚太 全球 大中华'));

/** The administrative suffix a place may carry in a name: 北京市, 广东省, 宁夏回族自治区. */
export const PLACE_SUFFIX = /^(?:省|市|(?:回族|壮族|维吾尔)?自治区|特别行政区)/;

/** 组织形式, longest first; stripped from the end of a name, repeatedly (集团 + 有限公司). */
export const LEGAL_SUFFIXES = longestFirst(
  words(`集团股份有限公司 集团有限责任公司 集团有限公司 股份有限公司 有限责任公司 有限合伙企业 个人独资企业
    合伙企业 有限公司 股份公司 集团公司 总公司 有限合伙 普通合伙 公司 集团 控股`),
);

/** English legal forms, matched as whole words at the end of a folded name ("acme co., ltd."). */
export const LATIN_SUFFIX =
  /(?:^|[^a-z0-9])(?:co\s*[.,]?\s*,?\s*ltd|company\s+limited|pte\s*\.?\s*ltd|limited|ltd|incorporated|inc|corporation|corp|llc|l\.l\.c|gmbh|plc|co|company|group|holdings?)\s*\.?\s*$/;

/** 行业 words, longest first: what follows the 字号 (华信 + 网络科技). */
export const INDUSTRY_TERMS = longestFirst(
  words(`
  科技 网络科技 信息技术 信息科技 软件 软件技术 数据科技 互联网科技 电子商务 技术 网络 信息 数码 电子
  电子科技 智能科技 智能装备 机械 机械设备 精密制造 精密机械 新材料 材料 汽车零部件 汽车服务 制造 实业 工业
  贸易 国际贸易 商贸 进出口 物流 供应链 供应链管理 国际物流 运输 货运代理 咨询 管理咨询 企业管理 管理 投资
  投资管理 资产管理 发展 建设 建筑 建筑工程 工程 装饰工程 装饰 设计 广告 传媒 文化传媒 文化传播 文化
  教育科技 教育 培训 医药 医疗器械 医疗科技 生物科技 生物 健康 健康管理 食品 餐饮管理 餐饮 农业 农业科技
  环保科技 环保 新能源 能源 电力 电气 化工 纺织 服饰 服装 家具 置业 房地产开发 房地产 物业管理 物业
  酒店管理 旅游 金融 金融服务 保险 人力资源 服务 设备 仪器 照明 光电 通信 通讯 安防 汽车 航空`),
);

const byChar = (list: readonly string[], at: (w: string) => string) => {
  const map = new Map<string, string[]>();
  for (const w of list) map.set(at(w), [...(map.get(at(w)) ?? []), w]);
  return map;
};
const PLACES_BY_FIRST = byChar(PLACES, (w) => w[0]!);
const INDUSTRY_BY_LAST = byChar(INDUSTRY_TERMS, (w) => w[w.length - 1]!);

/** Places a text may start with, longest first (looked up by its first character). */
export const placesFor = (text: string): readonly string[] => PLACES_BY_FIRST.get(text[0] ?? '') ?? [];
/** Industry terms a text may end with, longest first (looked up by its last character). */
export const industriesFor = (text: string): readonly string[] =>
  INDUSTRY_BY_LAST.get(text[text.length - 1] ?? '') ?? [];
