import { IMPORT_CUSTOMER_FIELD, IMPORT_OWNER_FIELD } from '@tideline/shared';
import type { ImportEntity, ImportField } from '@tideline/shared';
import type { CustomFieldDef } from '../custom-fields/custom-field-values';

/** A field a column may fill, with the header spellings that suggest it (compared folded). */
interface FieldSpec extends ImportField {
  aliases: string[];
}

const f = (
  key: string,
  label_zh: string,
  label_en: string,
  aliases: string[],
  opts: { required?: boolean; type?: string } = {},
): FieldSpec => ({
  key,
  label_zh,
  label_en,
  required: opts.required ?? false,
  type: opts.type ?? 'text',
  aliases,
});

const phone = f(
  'phone',
  '电话',
  'Phone',
  ['电话', '座机', '固话', '办公电话', '联系电话', 'tel', 'telephone'],
  {
    type: 'phone',
  },
);
/** Customers have one phone field: a mobile column fills it too. */
const customerPhone = f(
  'phone',
  '电话',
  'Phone',
  [...phone.aliases, '手机', '手机号', '手机号码', 'mobile'],
  {
    type: 'phone',
  },
);
const email = f(
  'email',
  '邮箱',
  'E-mail',
  ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail'],
  {
    type: 'email',
  },
);
const mobile = f(
  'mobile',
  '手机',
  'Mobile',
  ['手机', '手机号', '手机号码', '移动电话', 'mobile', 'cell', 'cellphone'],
  {
    type: 'phone',
  },
);
const owner = f(
  IMPORT_OWNER_FIELD,
  '负责人',
  'Owner',
  ['负责人', '所属销售', '销售', '跟进人', '归属人', 'owner', 'sales rep'],
  {
    type: 'user',
  },
);
const region = f('region', '地区', 'Region', [
  '地区',
  '区域',
  '省份',
  '城市',
  '所在地',
  'region',
  'city',
  'province',
]);
const industry = f('industry', '行业', 'Industry', ['行业', '所属行业', 'industry']);
const source = f('source', '来源', 'Source', ['来源', '客户来源', '线索来源', 'source']);
const description = f(
  'description',
  '备注',
  'Notes',
  ['备注', '描述', '说明', 'description', 'notes', 'remark', 'remarks'],
  {
    type: 'long_text',
  },
);

/** The built-in fields of each entity an import may fill. */
export const IMPORT_FIELDS: Record<ImportEntity, FieldSpec[]> = {
  customer: [
    f(
      'name',
      '客户名称',
      'Customer name',
      [
        '客户名称',
        '客户名',
        '客户',
        '公司名称',
        '公司',
        '企业名称',
        '单位名称',
        'name',
        'customer',
        'customer name',
        'company',
        'company name',
        'account',
        'account name',
      ],
      { required: true },
    ),
    customerPhone,
    email,
    industry,
    region,
    f('size', '规模', 'Size', ['规模', '公司规模', '人员规模', 'size', 'employees'], { type: 'select' }),
    f('level', '客户等级', 'Level', ['客户等级', '等级', '级别', 'level', 'tier']),
    source,
    f('status', '状态', 'Status', ['状态', '客户状态', 'status'], { type: 'select' }),
    f('website', '网址', 'Website', ['网址', '网站', '官网', 'website', 'url', 'web']),
    f('address', '地址', 'Address', ['地址', '详细地址', '公司地址', 'address']),
    description,
    owner,
  ],
  lead: [
    f('name', '姓名', 'Name', ['姓名', '名字', '联系人', '线索名称', 'name', 'full name', 'contact'], {
      required: true,
    }),
    f(
      'company_name',
      '公司名称',
      'Company',
      ['公司名称', '公司', '客户名称', '企业名称', '单位', 'company', 'company name', 'organization'],
      {},
    ),
    f('title', '职位', 'Title', ['职位', '职务', '头衔', 'title', 'job title', 'position']),
    mobile,
    phone,
    email,
    source,
    f('channel', '渠道', 'Channel', ['渠道', '获客渠道', 'channel']),
    region,
    industry,
    f('grade', '线索等级', 'Grade', ['线索等级', '等级', 'grade']),
    f('score', '评分', 'Score', ['评分', '分数', 'score'], { type: 'number' }),
    description,
    owner,
  ],
  contact: [
    f(
      'name',
      '姓名',
      'Name',
      ['姓名', '联系人', '联系人姓名', '名字', 'name', 'full name', 'contact', 'contact name'],
      { required: true },
    ),
    f(
      IMPORT_CUSTOMER_FIELD,
      '所属客户',
      'Customer',
      ['所属客户', '客户名称', '客户', '公司名称', '公司', 'customer', 'company', 'account'],
      {
        required: true,
      },
    ),
    f('title', '职位', 'Title', ['职位', '职务', 'title', 'job title', 'position']),
    mobile,
    phone,
    email,
    f('wechat', '微信', 'WeChat', ['微信', '微信号', 'wechat', 'weixin']),
    f('notes', '备注', 'Notes', ['备注', '说明', 'notes', 'remark', 'remarks']),
  ],
};

/** Every field of an entity: the built-in ones, then the workspace's custom fields (`custom.<key>`). */
export function importFields(entity: ImportEntity, customDefs: readonly CustomFieldDef[]): FieldSpec[] {
  return [
    ...IMPORT_FIELDS[entity],
    ...customDefs.map((d) =>
      f(`custom.${d.key}`, d.label, d.label, [d.label, d.key], { required: d.required, type: d.type }),
    ),
  ];
}

/** What the API shows of a field (without the aliases). */
export const presentField = ({ key, label_zh, label_en, required, type }: FieldSpec): ImportField => ({
  key,
  label_zh,
  label_en,
  required,
  type,
});

/** Headers compared without case, spaces, punctuation, width or a trailing "*" (required marks). */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：_\-()（）[\]【】]/g, '');
}

/**
 * A field for each header, or null: exact folded matches of labels, keys and aliases first; each field
 * is suggested for one header only (the first that names it).
 */
export function suggestMapping(
  headers: readonly string[],
  fields: readonly FieldSpec[],
): Record<string, string | null> {
  const byName = new Map<string, string>();
  for (const field of fields)
    for (const name of [field.key, field.label_zh, field.label_en, ...field.aliases]) {
      const folded = foldHeader(name);
      if (!byName.has(folded)) byName.set(folded, field.key);
    }
  const taken = new Set<string>();
  const out: Record<string, string | null> = {};
  for (const header of headers) {
    const key = byName.get(foldHeader(header)) ?? null;
    out[header] = key && !taken.has(key) ? key : null;
    if (key) taken.add(key);
  }
  return out;
}
