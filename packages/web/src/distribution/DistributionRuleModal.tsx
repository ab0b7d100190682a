import {
  Alert,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  TreeSelect,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { STICKY_KEYS } from '@tideline/shared';
import type { DistributionEntity, DistributionRule } from '@tideline/shared';
import { UserSelect } from '../forms/UserSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import { departmentTree, useDepartments } from '../settings/settingsApi';
import { createRule, updateRule } from './distributionApi';
import { EDITOR_OPS, NEW_RULE, formToBody, ruleToForm } from './distributionFormModel';
import type { RuleForm } from './distributionFormModel';
import { useDistributionText } from './useDistributionText';
import { useRuleFields } from './useRuleFields';

interface Props {
  entity: DistributionEntity;
  rule: DistributionRule | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The rule editor: name, conditions, and the form of the chosen method. */
export function DistributionRuleModal({ entity, rule, onClose, onSaved }: Props) {
  const t = useDistributionText();
  const e = t.editor;
  const [form] = Form.useForm<RuleForm>();
  const fields = useRuleFields(entity);
  const { data: departments = [] } = useDepartments();
  const type = Form.useWatch(['method', 'type'], form) ?? (rule ? rule.method.type : 'round_robin');
  const submit = useFormSubmit<RuleForm, DistributionRule>(
    form,
    (values) => (rule ? updateRule(rule.id, formToBody(values)) : createRule(entity, formToBody(values))),
    { onSuccess: onSaved },
  );
  const methods = (['round_robin', 'least_loaded', 'mapping', 'sticky'] as const).map((m) => ({
    value: m,
    label: t.methods[m],
  }));
  return (
    <Modal
      open
      title={rule ? e.editTitle : e.createTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={e.save}
      cancelText={e.cancel}
      confirmLoading={submit.submitting}
      width={640}
      destroyOnHidden
    >
      {submit.formError && (
        <Alert type="error" showIcon message={submit.formError} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={rule ? ruleToForm(rule) : NEW_RULE}
        onFinish={submit.onFinish}
      >
        <Flex gap={12}>
          <Form.Item name="name" label={e.name} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="enabled" label={e.enabled} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item label={e.conditions}>
          <Form.List name="conds">
            {(rows, { add, remove }) => (
              <Flex vertical gap={8}>
                {rows.map((row) => (
                  <Space key={row.key} align="start" data-testid={`cond-${row.name}`}>
                    <Form.Item name={[row.name, 'field']} noStyle rules={[{ required: true }]}>
                      <Select aria-label={e.field} options={fields} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'op']} noStyle>
                      <Select
                        aria-label={e.op}
                        options={EDITOR_OPS.map((op) => ({ value: op, label: e.ops[op] }))}
                        style={{ width: 150 }}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'value']} noStyle>
                      <Input aria-label={e.value} style={{ width: 160 }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(row.name)}
                      aria-label={t.list.delete}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ field: 'source', op: 'eq', value: '' })}>
                  {e.addCondition}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name={['method', 'type']} label={e.method}>
          <Select options={methods} />
        </Form.Item>
        {type === 'round_robin' && (
          <>
            <Form.Item name={['method', 'user_ids']} label={e.users}>
              <UserSelect multiple />
            </Form.Item>
            <Form.Item name={['method', 'department_id']} label={e.department}>
              <TreeSelect allowClear treeData={departmentTree(departments)} treeDefaultExpandAll />
            </Form.Item>
          </>
        )}
        {type === 'least_loaded' && (
          <>
            <Form.Item name={['method', 'user_ids']} label={e.loadUsers}>
              <UserSelect multiple />
            </Form.Item>
            <Form.Item name={['method', 'capacity']} label={e.capacity}>
              <InputNumber min={0} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        {type === 'mapping' && <MappingFields fields={fields} />}
        {type === 'sticky' && (
          <Form.Item name={['method', 'match']} label={e.match} initialValue={[...STICKY_KEYS]}>
            <Select mode="multiple" options={STICKY_KEYS.map((k) => ({ value: k, label: e.matchKeys[k] }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function MappingFields({ fields }: { fields: { value: string; label: string }[] }) {
  const e = useDistributionText().editor;
  return (
    <>
      <Form.Item name={['method', 'field']} label={e.mapField} initialValue="region">
        <Select options={fields} />
      </Form.Item>
      <Form.Item label={e.table}>
        <Form.List name={['method', 'table']}>
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row) => (
                <Space key={row.key} align="start" data-testid={`map-${row.name}`}>
                  <Form.Item name={[row.name, 'value']} noStyle>
                    <Input aria-label={e.mapValue} placeholder={e.mapValue} style={{ width: 180 }} />
                  </Form.Item>
                  <span>→</span>
                  <Form.Item name={[row.name, 'user_id']} noStyle>
                    <UserSelect placeholder={e.mapUser} style={{ width: 200 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ value: '', user_id: undefined })}>
                {e.addRow}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
