/** Texts of the duplicate dialog (zh-CN, the source of every key). */
export const dedupeZhCN = {
  blockedTitle: '{entity}已存在',
  warnTitle: '可能与已有记录重复',
  blockedHint: '不能重复创建。请打开已有的记录继续跟进，或修改后再保存。',
  warnHint: '确认不是同一个后，可以仍然创建。',
  exists: '{entity}已存在',
  existsNamed: '{entity}“{name}”已存在',
  owner: '负责人：{owner}',
  inPool: '在公海中',
  noOwner: '暂无负责人',
  same: '{field}相同',
  similar: '{field}相似 {percent}%',
  line: '{head}，{who}（{why}）',
  open: '查看',
  back: '返回修改',
  createAnyway: '仍然创建',
  ok: '知道了',
  entities: { customer: '客户', contact: '联系人', lead: '线索' },
  fields: { name: '名称', company_name: '公司名称', phone: '电话', mobile: '手机', email: '邮箱' },
};

export type DedupeMessages = typeof dedupeZhCN;
