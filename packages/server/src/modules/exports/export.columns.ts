/**
 * The columns an export may hold per entity, with their headers in both languages. They mirror the web
 * list's fields (packages/web/src/records/entityFields.ts), so any visible column can be exported.
 */

export const EXPORT_ENTITIES = ['customer', 'lead', 'contact', 'deal', 'product'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export const EXPORT_LANGS = ['zh-CN', 'en-US'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

type Label = Record<ExportLang, string>;

/**
 * How a cell is written. user/customer: a name looked up by id; ref: a name the list item already
 * carries (`from`); money: minor units shown as major units; enum: a label from `values`.
 */
export type ColumnKind =
  | 'text'
  | 'number'
  | 'money'
  | 'instant'
  | 'date'
  | 'bool'
  | 'user'
  | 'customer'
  | 'ref'
  | 'tags'
  | 'enum'
  | 'custom';

export interface ExportColumn {
  key: string;
  label: Label;
  kind: ColumnKind;
  /** For ref: the item member holding the name. */
  from?: string;
  /** For enum: labels of the values. */
  values?: Record<string, Label>;
  /** For custom select fields: option labels (one language: the workspace wrote them). */
  options?: Record<string, string>;
}

const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });
const col = (key: string, label: Label, kind: ColumnKind = 'text', more: Partial<ExportColumn> = {}) => ({
  key,
  label,
  kind,
  ...more,
});

const CUSTOMER_STATUS = {
  potential: L('潜在', 'Potential'),
  active: L('成交', 'Active'),
  inactive: L('沉默', 'Inactive'),
  lost: L('流失', 'Lost'),
};
const LEAD_STATUS = {
  new: L('新线索', 'New'),
  contacted: L('已联系', 'Contacted'),
  qualified: L('已确认', 'Qualified'),
  disqualified: L('无效', 'Disqualified'),
  converted: L('已转化', 'Converted'),
};
const DEAL_STATUS = { open: L('进行中', 'Open'), won: L('赢单', 'Won'), lost: L('输单', 'Lost') };

const owner = col('owner_id', L('负责人', 'Owner'), 'user');
const tail: ExportColumn[] = [
  col('tags', L('标签', 'Tags'), 'tags'),
  col('created_by', L('创建人', 'Created by'), 'user'),
  col('created_at', L('创建时间', 'Created'), 'instant'),
  col('updated_at', L('更新时间', 'Updated'), 'instant'),
];
const phone = col('phone', L('电话', 'Phone'));
const mobile = col('mobile', L('手机', 'Mobile'));
const email = col('email', L('邮箱', 'Email'));
const title = col('title', L('职位', 'Title'));
const lastContact = col('last_contact_at', L('最近跟进', 'Last contact'), 'instant');

export const BUILTIN_COLUMNS: Record<ExportEntity, ExportColumn[]> = {
  customer: [
    col('name', L('客户名称', 'Customer name')),
    col('status', L('状态', 'Status'), 'enum', { values: CUSTOMER_STATUS }),
    owner,
    col('industry', L('行业', 'Industry')),
    col('region', L('地区', 'Region')),
    col('size', L('规模', 'Size')),
    col('level', L('客户等级', 'Level')),
    col('source', L('来源', 'Source')),
    phone,
    email,
    col('website', L('网站', 'Website')),
    col('address', L('地址', 'Address')),
    lastContact,
    col('last_won_at', L('最近赢单', 'Last won'), 'instant'),
    col('last_purchase_at', L('最近购买', 'Last purchase'), 'instant'),
    ...tail,
  ],
  lead: [
    col('name', L('姓名', 'Name')),
    col('company_name', L('公司名称', 'Company')),
    col('status', L('状态', 'Status'), 'enum', { values: LEAD_STATUS }),
    owner,
    title,
    mobile,
    phone,
    email,
    col('source', L('来源', 'Source')),
    col('channel', L('渠道', 'Channel')),
    col('region', L('地区', 'Region')),
    col('industry', L('行业', 'Industry')),
    col('grade', L('线索等级', 'Grade')),
    col('score', L('评分', 'Score'), 'number'),
    lastContact,
    col('converted_at', L('转化时间', 'Converted'), 'instant'),
    ...tail,
  ],
  contact: [
    col('name', L('姓名', 'Name')),
    col('customer_id', L('所属客户', 'Customer'), 'customer'),
    title,
    mobile,
    phone,
    email,
    col('wechat', L('微信', 'WeChat')),
    col('is_primary', L('主要联系人', 'Primary contact'), 'bool'),
    ...tail,
  ],
  deal: [
    col('name', L('商机名称', 'Deal name')),
    col('customer_id', L('客户', 'Customer'), 'ref', { from: 'customer_name' }),
    col('contact_id', L('联系人', 'Contact'), 'ref', { from: 'contact_name' }),
    col('amount', L('金额', 'Amount'), 'money'),
    col('currency', L('币种', 'Currency')),
    col('status', L('状态', 'Status'), 'enum', { values: DEAL_STATUS }),
    col('stage_id', L('阶段', 'Stage'), 'ref', { from: 'stage_name' }),
    col('pipeline_id', L('销售漏斗', 'Pipeline'), 'ref', { from: 'pipeline_name' }),
    col('expected_close_date', L('预计成交日期', 'Expected close'), 'date'),
    owner,
    col('stage_entered_at', L('进入阶段时间', 'Entered stage'), 'instant'),
    col('won_at', L('赢单时间', 'Won'), 'instant'),
    col('lost_at', L('输单时间', 'Lost'), 'instant'),
    col('lost_reason', L('输单原因', 'Lost reason')),
    ...tail,
  ],
  product: [
    col('name', L('产品名称', 'Product name')),
    col('sku', L('编码', 'SKU')),
    col('unit', L('单位', 'Unit')),
    col('price', L('单价', 'Price'), 'money'),
    col('currency', L('币种', 'Currency')),
    col('active', L('在售', 'Active'), 'bool'),
    col('description', L('描述', 'Description')),
    col('created_at', L('创建时间', 'Created'), 'instant'),
    col('updated_at', L('更新时间', 'Updated'), 'instant'),
  ],
};

export const BOOL_LABELS: Record<ExportLang, [string, string]> = {
  'zh-CN': ['是', '否'],
  'en-US': ['Yes', 'No'],
};
