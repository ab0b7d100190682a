import { Alert, Button, Checkbox, Flex, Form, InputNumber, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useDetailText } from '../detail/useDetailText';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import { useHandoverPools } from './handoverApi';

/**
 * Who receives a leaving user's work: several colleagues with a share each (an even split by default),
 * or a pool plus the colleague who takes the open deals and tasks. Fields of the wizard's form.
 */
export function HandoverTargets({ fromId, canDeactivate }: { fromId?: string; canDeactivate: boolean }) {
  const { m } = useI18n();
  const t = useDetailText().handover;
  const form = Form.useFormInstance();
  const mode = Form.useWatch('mode', form) as 'users' | 'pool' | undefined;
  const pools = useHandoverPools();
  const required = { required: true, message: m.errors.required };
  const notLeaving = {
    validator: (_: unknown, v: unknown) =>
      v && v === fromId ? Promise.reject(new Error(m.errors.invalid_value)) : Promise.resolve(),
  };
  return (
    <>
      <Form.Item name="mode" label={t.mode}>
        <Radio.Group
          // Leads of a pool hand-over are left unassigned unless asked otherwise.
          onChange={(e) => form.setFieldValue('leads', e.target.value === 'pool' ? 'unassigned' : 'targets')}
          optionType="button"
          options={[
            { value: 'users', label: t.modeUsers },
            { value: 'pool', label: t.modePool },
          ]}
        />
      </Form.Item>
      {mode !== 'pool' ? (
        <Form.Item label={t.targets} extra={t.shareHint} required>
          <Form.List name="to">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'user_id']}
                      rules={[required, notLeaving]}
                      style={{ flex: 1, marginBottom: 0 }}
                    >
                      <UserSelect allowClear={false} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'share']} style={{ marginBottom: 0 }}>
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        addonBefore={t.share}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Button
                      aria-label={`${t.removeTarget} ${i + 1}`}
                      icon={<DeleteOutlined />}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ share: 1 })}>
                  {t.addTarget}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      ) : (
        <>
          <Form.Item name="to_pool" label={t.pool} rules={[required]}>
            <Select
              loading={pools.isLoading}
              notFoundContent={t.noPools}
              options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="deals_to" label={t.dealsTo} extra={t.dealsToHint} rules={[required, notLeaving]}>
            <UserSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      <Form.Item name="leads" label={t.leads}>
        <Radio.Group
          options={[
            { value: 'targets', label: mode === 'pool' ? t.leadsDealsTo : t.leadsTargets },
            { value: 'unassigned', label: t.leadsUnassigned },
          ]}
        />
      </Form.Item>
      {canDeactivate && (
        <Form.Item name="deactivate" valuePropName="checked">
          <Checkbox>{t.deactivate}</Checkbox>
        </Form.Item>
      )}
      <Alert type="info" showIcon title={t.noCaps} />
    </>
  );
}
