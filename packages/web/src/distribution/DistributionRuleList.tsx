import { App, Button, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { DistributionEntity, DistributionRule } from '@tideline/shared';
import { format } from '../i18n/I18nProvider';
import { useRefusalText } from '../detail/refusal';
import { deleteRule, reorderRules, updateRule } from './distributionApi';
import { useDistributionText } from './useDistributionText';

const conditionCount = (rule: DistributionRule) =>
  !rule.conditions ? 0 : 'all' in rule.conditions ? rule.conditions.all.length : 1;

/** The ordered rules: first match wins. Up/down move a rule; the switch turns it on and off. */
export function DistributionRuleList({
  entity,
  rules,
  loading,
  onEdit,
  onChanged,
}: {
  entity: DistributionEntity;
  rules: DistributionRule[];
  loading: boolean;
  onEdit: (rule: DistributionRule) => void;
  onChanged: () => void;
}) {
  const t = useDistributionText();
  const { message, modal } = App.useApp();
  const refusal = useRefusalText();
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onChanged();
    } catch (e) {
      message.error(refusal(e));
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    return act(() => reorderRules(entity, ids));
  };
  const remove = (rule: DistributionRule) =>
    modal.confirm({
      title: t.list.deleteConfirm,
      okButtonProps: { danger: true },
      okText: t.list.delete,
      onOk: () => act(() => deleteRule(rule.id)),
    });
  const columns: TableColumnsType<DistributionRule> = [
    { key: 'order', title: t.list.order, width: 70, render: (_, __, i) => i + 1 },
    { key: 'name', title: t.list.name, dataIndex: 'name' },
    { key: 'method', title: t.list.method, render: (_, r) => <Tag>{t.methods[r.method.type]}</Tag> },
    {
      key: 'conditions',
      title: t.list.conditions,
      render: (_, r) =>
        conditionCount(r) === 0 ? t.list.always : format(t.list.conditionCount, { n: conditionCount(r) }),
    },
    {
      key: 'enabled',
      title: t.list.enabled,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.enabled}
          aria-label={`${t.list.enabled} ${r.name}`}
          onChange={(enabled) => act(() => updateRule(r.id, { enabled }))}
        />
      ),
    },
    {
      key: 'actions',
      title: '',
      align: 'right',
      render: (_, r, i) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={`${t.list.up} ${r.name}`}
            disabled={i === 0}
            onClick={() => move(i, -1)}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={`${t.list.down} ${r.name}`}
            disabled={i === rules.length - 1}
            onClick={() => move(i, 1)}
          />
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={`${t.list.edit} ${r.name}`}
            onClick={() => onEdit(r)}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t.list.delete} ${r.name}`}
            onClick={() => remove(r)}
          />
        </Space>
      ),
    },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      loading={loading}
      columns={columns}
      dataSource={rules}
      locale={{ emptyText: t.list.empty }}
    />
  );
}
