/**
 * Word tables for realistic Chinese business data. Weights are rough shares, not statistics to quote;
 * they only need to make the common cases common (王/李/张, 北京/上海/深圳, 有限公司).
 */

/** "总经理:8 董事长:2" → [['总经理', 8], ['董事长', 2]]. */
function weightedList(spec: string): (readonly [string, number])[] {
  return spec.split(' ').map((s) => {
    const at = s.lastIndexOf(':');
    return [s.slice(0, at), Number(s.slice(at + 1))] as const;
  });
}

/** Surnames with pinyin, weighted by frequency (2020 census order of magnitude): 王wang71 = 7.1%. */
export const SURNAMES: readonly (readonly [[string, string], number])[] = (
  '王wang71 李li70 张zhang67 刘liu54 陈chen46 杨yang31 黄huang23 赵zhao22 吴wu20 周zhou19 徐xu15 ' +
  '孙sun15 马ma13 朱zhu13 胡hu12 郭guo12 何he11 林lin10 高gao10 罗luo9 郑zheng9 梁liang8 谢xie7 宋song6 ' +
  '唐tang6 许xu6 韩han6 冯feng6 邓deng6 曹cao5 彭peng5 曾zeng5 肖xiao5 田tian5 董dong5 袁yuan4 潘pan4 ' +
  '于yu4 蒋jiang4 蔡cai4 余yu4 杜du4 叶ye4 程cheng3 苏su3 魏wei3 吕lv3 丁ding3 任ren3 沈shen3 姚yao3 卢lu3 ' +
  '姜jiang3 崔cui3 钟zhong3 谭tan3 陆lu2 汪wang2 范fan2 金jin2 石shi2 廖liao2 贾jia2 夏xia2 韦wei2 付fu2 ' +
  '方fang2 白bai2 邹zou2 孟meng2 熊xiong2 秦qin2 邱qiu2 江jiang2 尹yin2 薛xue2 闫yan2 段duan2 雷lei2 ' +
  '侯hou2 龙long2 史shi2 陶tao1 黎li1 贺he1 顾gu1 毛mao1 郝hao1 龚gong1 邵shao1 万wan1 钱qian1 严yan1 ' +
  '戴dai1 孔kong1 欧阳ouyang0.3 上官shangguan0.05 司马sima0.05 诸葛zhuge0.05'
)
  .split(' ')
  .map((s) => {
    const [, name, pinyin, weight] = /^(\p{Script=Han}+)([a-z]+)([\d.]+)$/u.exec(s)!;
    return [[name!, pinyin!], Number(weight)] as const;
  });

/** Characters for composed given names (faker supplies the rest). */
export const GIVEN_CHARS_MALE =
  '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林瑞锋建志国峰'.split('');
export const GIVEN_CHARS_FEMALE =
  '芳娜敏静丽艳娟霞燕玲婷雪琳颖倩洁慧莉萍红晶欣悦佳怡璐瑶婧思雨梦馨琪雯'.split('');

export interface City {
  province: string;
  /** Short name as used in company names: 杭州, not 杭州市. */
  name: string;
  areaCode: string;
  /** Digits of a local landline number after the area code. */
  localDigits: 7 | 8;
  pinyin: string;
  districts: readonly string[];
}

const city = (
  province: string,
  name: string,
  areaCode: string,
  pinyin: string,
  districts: string[] = [],
  localDigits: 7 | 8 = 8,
): City => ({ province, name, areaCode, localDigits, pinyin, districts });

/** Cities weighted roughly by how many companies a CRM in China would hold from each. */
export const CITIES: readonly (readonly [City, number])[] = [
  [
    city('北京市', '北京', '010', 'beijing', ['朝阳区', '海淀区', '东城区', '西城区', '丰台区', '大兴区']),
    10,
  ],
  [
    city('上海市', '上海', '021', 'shanghai', ['浦东新区', '徐汇区', '静安区', '闵行区', '长宁区', '杨浦区']),
    10,
  ],
  [city('广东省', '深圳', '0755', 'shenzhen', ['南山区', '福田区', '宝安区', '龙岗区']), 8],
  [city('广东省', '广州', '020', 'guangzhou', ['天河区', '越秀区', '海珠区', '番禺区']), 7],
  [city('浙江省', '杭州', '0571', 'hangzhou', ['西湖区', '滨江区', '余杭区', '拱墅区', '上城区']), 7],
  [city('江苏省', '苏州', '0512', 'suzhou', ['工业园区', '姑苏区', '吴中区', '相城区']), 5],
  [city('江苏省', '南京', '025', 'nanjing', ['玄武区', '鼓楼区', '建邺区', '江宁区']), 5],
  [city('四川省', '成都', '028', 'chengdu', ['武侯区', '锦江区', '高新区', '青羊区']), 5],
  [city('湖北省', '武汉', '027', 'wuhan', ['江汉区', '武昌区', '洪山区', '东湖高新区']), 4],
  [city('天津市', '天津', '022', 'tianjin', ['和平区', '南开区', '河西区', '滨海新区']), 3],
  [city('重庆市', '重庆', '023', 'chongqing', ['渝中区', '江北区', '南岸区', '渝北区']), 3],
  [city('陕西省', '西安', '029', 'xian', ['雁塔区', '碑林区', '未央区']), 3],
  [city('浙江省', '宁波', '0574', 'ningbo', ['鄞州区', '海曙区', '北仑区']), 3],
  [city('广东省', '东莞', '0769', 'dongguan'), 3],
  [city('广东省', '佛山', '0757', 'foshan', ['禅城区', '南海区', '顺德区']), 3],
  [city('山东省', '青岛', '0532', 'qingdao', ['市南区', '崂山区', '黄岛区']), 3],
  [city('湖南省', '长沙', '0731', 'changsha', ['岳麓区', '芙蓉区', '天心区']), 3],
  [city('河南省', '郑州', '0371', 'zhengzhou', ['金水区', '二七区', '郑东新区']), 3],
  [city('安徽省', '合肥', '0551', 'hefei', ['蜀山区', '包河区', '庐阳区']), 3],
  [city('江苏省', '无锡', '0510', 'wuxi'), 2],
  [city('浙江省', '温州', '0577', 'wenzhou'), 2],
  [city('辽宁省', '沈阳', '024', 'shenyang'), 2],
  [city('辽宁省', '大连', '0411', 'dalian'), 2],
  [city('山东省', '济南', '0531', 'jinan'), 2],
  [city('福建省', '福州', '0591', 'fuzhou'), 2],
  [city('福建省', '厦门', '0592', 'xiamen', ['思明区', '湖里区'], 7), 2],
  [city('河北省', '石家庄', '0311', 'shijiazhuang'), 2],
  [city('云南省', '昆明', '0871', 'kunming'), 2],
  [city('江西省', '南昌', '0791', 'nanchang'), 2],
  [city('广西壮族自治区', '南宁', '0771', 'nanning', [], 7), 1],
  [city('黑龙江省', '哈尔滨', '0451', 'haerbin'), 1],
  [city('吉林省', '长春', '0431', 'changchun'), 1],
  [city('山西省', '太原', '0351', 'taiyuan', [], 7), 1],
  [city('贵州省', '贵阳', '0851', 'guiyang'), 1],
  [city('海南省', '海口', '0898', 'haikou'), 1],
  [city('新疆维吾尔自治区', '乌鲁木齐', '0991', 'wulumuqi', [], 7), 1],
  [city('内蒙古自治区', '呼和浩特', '0471', 'huhehaote', [], 7), 1],
  [city('甘肃省', '兰州', '0931', 'lanzhou', [], 7), 1],
];

/** Brand characters with pinyin; two of them make a trade name (华信, 云帆). */
export const BRAND_CHARS: readonly (readonly [string, string])[] = (
  '华hua 信xin 云yun 帆fan 恒heng 达da 盛sheng 通tong 瑞rui 鑫xin 博bo 创chuang 汇hui 远yuan 腾teng ' +
  '新xin 海hai 天tian 宏hong 联lian 泰tai 安an 嘉jia 和he 锐rui 智zhi 启qi 星xing 辰chen 立li 德de ' +
  '正zheng 中zhong 金jin 长chang 隆long 兴xing 凯kai 迅xun 捷jie 翔xiang 鸿hong 晨chen 美mei 源yuan ' +
  '宇yu 普pu 景jing 润run 坤kun 明ming 东dong 方fang 航hang 卓zhuo 越yue 诚cheng 蓝lan 峰feng 朗lang ' +
  '佳jia 丰feng 弘hong 裕yu 易yi 拓tuo 众zhong 浩hao 铭ming'
)
  .split(' ')
  .map((s) => [s.slice(0, 1), s.slice(1)] as const);

export interface Industry {
  name: string;
  /** Words that follow the trade name in a company name: 华信「网络科技」有限公司. */
  words: readonly string[];
  /** Projects a deal with such a company is about. */
  projects: readonly string[];
}

export const INDUSTRIES: readonly (readonly [Industry, number])[] = [
  [
    {
      name: '互联网',
      words: ['科技', '网络科技', '信息技术', '软件', '数据科技', '互联网科技'],
      projects: ['云服务器采购', 'SaaS年度订阅', '数据中台建设', '客服系统升级'],
    },
    18,
  ],
  [
    {
      name: '制造业',
      words: ['机械', '精密制造', '电子', '智能装备', '新材料', '汽车零部件'],
      projects: ['MES系统项目', '生产设备采购', '数字化工厂改造', '供应商协同平台'],
    },
    20,
  ],
  [
    {
      name: '金融',
      words: ['投资管理', '资产管理', '融资租赁', '商业保理'],
      projects: ['风控系统采购', '客户管理平台', '合规审计服务'],
    },
    6,
  ],
  [
    {
      name: '教育',
      words: ['教育科技', '文化传播', '职业培训'],
      projects: ['在线课程平台', '招生管理系统', '校区管理系统'],
    },
    7,
  ],
  [
    {
      name: '医疗',
      words: ['医疗器械', '生物科技', '医药', '健康管理'],
      projects: ['医疗设备采购', '药品流通系统', '患者随访系统'],
    },
    7,
  ],
  [
    {
      name: '零售',
      words: ['商贸', '贸易', '电子商务', '连锁超市'],
      projects: ['门店收银系统', '会员营销平台', '年度采购框架协议'],
    },
    12,
  ],
  [
    {
      name: '物流',
      words: ['物流', '供应链管理', '国际货运代理', '运输'],
      projects: ['运输管理系统', '仓储管理系统', '车队GPS项目'],
    },
    8,
  ],
  [
    {
      name: '房地产',
      words: ['房地产开发', '物业管理', '置业', '建筑工程'],
      projects: ['智慧物业平台', '案场管理系统', '工程项目管理'],
    },
    6,
  ],
  [
    {
      name: '能源',
      words: ['新能源', '电力工程', '环保科技'],
      projects: ['能耗监测平台', '光伏项目合作', '设备巡检系统'],
    },
    5,
  ],
  [
    { name: '餐饮', words: ['餐饮管理', '食品'], projects: ['点餐系统采购', '中央厨房项目', '门店扩张合作'] },
    5,
  ],
  [
    {
      name: '专业服务',
      words: ['企业管理咨询', '人力资源', '广告', '会计师事务所'],
      projects: ['年度服务合同', '办公系统采购', '员工培训服务'],
    },
    6,
  ],
];

export const LEGAL_SUFFIXES: readonly (readonly [string, number])[] = [
  ['有限公司', 62],
  ['有限责任公司', 14],
  ['股份有限公司', 16],
  ['集团有限公司', 5],
  ['集团', 3],
];

export const SIZES: readonly (readonly [string, number])[] = [
  ['1-9', 15],
  ['10-49', 30],
  ['50-99', 20],
  ['100-499', 20],
  ['500-999', 8],
  ['1000+', 7],
];

/** Where customers and leads come from, each with the finer channels a campaign would name. */
export const SOURCES: readonly (readonly [
  { name: string; channels: readonly string[]; detail: string },
  number,
])[] = [
  [
    {
      name: '官网表单',
      channels: ['官网-免费试用', '官网-预约演示', '官网-在线咨询'],
      detail: 'website_chat',
    },
    20,
  ],
  [
    { name: '百度推广', channels: ['百度SEM-品牌词', '百度SEM-行业词', '百度信息流'], detail: 'baidu_sem' },
    15,
  ],
  [{ name: '转介绍', channels: ['老客户推荐', '合作伙伴推荐', '员工推荐'], detail: 'referral_customer' }, 14],
  [{ name: '展会', channels: ['上海工博会', '深圳高交会', '北京数字中国峰会'], detail: 'expo' }, 10],
  [
    { name: '微信公众号', channels: ['公众号文章', '公众号菜单', '视频号直播'], detail: 'wechat_article' },
    12,
  ],
  [{ name: '抖音', channels: ['抖音信息流', '抖音直播间', '抖音企业号'], detail: 'douyin_ads' }, 9],
  [{ name: '电话营销', channels: ['陌拜电话', '400热线'], detail: 'cold_call' }, 10],
  [{ name: '线下活动', channels: ['城市沙龙', '行业研讨会'], detail: 'expo' }, 5],
  [{ name: '阿里巴巴1688', channels: ['1688询盘'], detail: 'website_chat' }, 3],
  [{ name: '小红书', channels: ['小红书笔记'], detail: 'douyin_ads' }, 2],
];

/** Options of the demo's 「客户来源细分」 select field. */
export const SOURCE_DETAIL_OPTIONS = [
  { value: 'baidu_sem', label: '百度竞价' },
  { value: 'douyin_ads', label: '抖音/小红书投放' },
  { value: 'wechat_article', label: '公众号文章' },
  { value: 'expo', label: '展会与活动' },
  { value: 'referral_customer', label: '老客户推荐' },
  { value: 'cold_call', label: '陌拜电话' },
  { value: 'website_chat', label: '官网在线咨询' },
];

export const COMPETITOR_OPTIONS = [
  { value: 'xiaoshouyi', label: '销售易' },
  { value: 'fxiaoke', label: '纷享销客' },
  { value: 'salesforce', label: 'Salesforce' },
  { value: 'in_house', label: '自研系统' },
  { value: 'excel', label: 'Excel 表格' },
];

export const INTENT_OPTIONS = [
  { value: 'high', label: '高' },
  { value: 'medium', label: '中' },
  { value: 'low', label: '低' },
];

export const JOB_TITLES: readonly (readonly [string, number])[] = weightedList(
  '总经理:8 副总经理:5 采购经理:12 采购专员:8 技术总监:6 IT经理:8 财务总监:4 财务经理:6 行政主管:6 ' +
    '运营总监:5 市场经理:6 项目经理:8 董事长:2 总经理助理:4 生产经理:4 人事经理:4 销售总监:4',
);

/** Mobile prefixes in use by the three carriers (and the virtual-operator-free 19x range). */
export const MOBILE_PREFIXES: readonly string[] = (
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 ' +
  '180 181 182 183 184 185 186 187 188 189 191 193 195 196 197 198 199'
).split(' ');

export const FREE_MAIL = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com'] as const;

export const TAGS: readonly (readonly [string, string])[] = [
  ['重点客户', '#f5222d'],
  ['老客户', '#fa8c16'],
  ['需回访', '#1677ff'],
  ['价格敏感', '#faad14'],
  ['决策链复杂', '#722ed1'],
  ['竞品在用', '#eb2f96'],
  ['战略合作', '#52c41a'],
  ['政府/国企', '#13c2c2'],
];

export const LOST_REASONS = [
  '价格过高',
  '选择了竞争对手',
  '预算取消',
  '需求变更',
  '决策周期过长',
  '联系不上决策人',
] as const;

export const KEY_ACCOUNT_PIPELINE = {
  name: '大客户项目',
  stages: [
    { name: '线索确认', kind: 'open', probability: 10 },
    { name: '高层拜访', kind: 'open', probability: 20 },
    { name: '方案设计', kind: 'open', probability: 40 },
    { name: '招投标', kind: 'open', probability: 60 },
    { name: '合同谈判', kind: 'open', probability: 80 },
    { name: '签约', kind: 'won', probability: 100 },
    { name: '丢单', kind: 'lost', probability: 0 },
  ],
} as const;

/** Products the demo company sells (prices in fen). */
export const PRODUCTS: readonly { name: string; sku: string; unit: string; price: number }[] = [
  { name: '潮汐CRM 标准版（年）', sku: 'TL-STD-Y', unit: '用户/年', price: 98_000 },
  { name: '潮汐CRM 专业版（年）', sku: 'TL-PRO-Y', unit: '用户/年', price: 198_000 },
  { name: '潮汐CRM 企业版（年）', sku: 'TL-ENT-Y', unit: '用户/年', price: 398_000 },
  { name: '实施服务', sku: 'SV-IMPL', unit: '人天', price: 300_000 },
  { name: '数据迁移服务', sku: 'SV-MIGR', unit: '次', price: 2_000_000 },
  { name: '培训服务', sku: 'SV-TRAIN', unit: '场', price: 500_000 },
  { name: '短信包（1万条）', sku: 'AD-SMS', unit: '包', price: 450_000 },
  { name: '私有化部署许可', sku: 'LIC-ONPREM', unit: '套', price: 30_000_000 },
  { name: '高级支持服务（年）', sku: 'SV-PREM', unit: '年', price: 5_000_000 },
];

export const TOPICS = [
  '产品报价',
  '项目进度',
  '采购计划',
  '合同条款',
  '付款方式',
  '技术方案',
  '售后服务',
  '试用反馈',
  '年度框架协议',
  '续费事宜',
] as const;
export const REACTIONS = [
  '客户表示需要内部讨论',
  '对方案比较认可',
  '预算还在审批中',
  '希望价格再优惠一些',
  '约定下周再次沟通',
  '要求提供更多行业案例',
  '决策人出差，待回来后确认',
  '已确认需求，等待正式报价',
  '对交付周期有顾虑',
] as const;
export const DOCUMENTS = ['产品资料', '报价单', '技术方案', '合同草稿', '成功案例', '演示视频链接'] as const;
export const TASK_TITLES = [
  '电话回访',
  '准备报价单',
  '发送合同',
  '跟进付款进度',
  '安排产品演示',
  '确认采购需求',
  '上门拜访',
  '整理会议纪要',
] as const;
