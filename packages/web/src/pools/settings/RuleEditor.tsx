import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { POOL_RULE_KINDS, ROBOT_PLATFORMS } from '@tideline/shared';
import { format, useI18n } from '../../i18n/I18nProvider';
import { usePoolText } from '../usePoolText';
import { NEW_RULE } from './poolFormModel';

/**
 * The pool's recycling rules as a Form.List under `rules`: kind, days (and days per level), the
 * warning and where it goes, the exemptions. The server's errors (`rules[0].warn_days`) land here.
 */
export function RuleEditor() {
  const t = usePoolText().settings;
  const { m } = useI18n();
  const required = [{ required: true, message: m.errors.required }];
  return (
    <Form.List name="rules">
      {(rules, { add, remove }) => (
        <Flex vertical gap={12}>
          {rules.map((rule, n) => (
            <Card
              key={rule.key}
              size="small"
              title={format(t.rule, { n: n + 1 })}
              data-testid={`rule-${n}`}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t.removeRule}
                  onClick={() => remove(rule.name)}
                />
              }
            >
              <Form.Item name={[rule.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item
                  name={[rule.name, 'kind']}
                  label={t.kind}
                  rules={required}
                  style={{ minWidth: 220 }}
                >
                  <Select options={POOL_RULE_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))} />
                </Form.Item>
                <Form.Item name={[rule.name, 'days']} label={t.days} rules={required}>
                  <InputNumber min={1} max={3650} precision={0} />
                </Form.Item>
                <Form.Item name={[rule.name, 'warn_days']} label={t.warnDays} tooltip={t.warnDaysHelp}>
                  <InputNumber min={0} max={3650} precision={0} />
                </Form.Item>
                <Form.Item name={[rule.name, 'enabled']} label={t.ruleEnabled} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Flex>
              <Form.Item label={t.daysByLevel}>
                <Form.List name={[rule.name, 'levels']}>
                  {(levels, ops) => (
                    <Flex vertical gap={4}>
                      {levels.map((level) => (
                        <Flex key={level.key} gap={8} align="flex-start">
                          <Form.Item
                            name={[level.name, 'level']}
                            rules={required}
                            style={{ marginBottom: 0 }}
                          >
                            <Input placeholder={t.level} style={{ width: 160 }} />
                          </Form.Item>
                          <Form.Item name={[level.name, 'days']} rules={required} style={{ marginBottom: 0 }}>
                            <InputNumber min={1} max={3650} precision={0} placeholder={t.days} />
                          </Form.Item>
                          <Button
                            type="text"
                            icon={<DeleteOutlined />}
                            onClick={() => ops.remove(level.name)}
                          />
                        </Flex>
                      ))}
                      <Button
                        type="dashed"
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => ops.add({ level: '', days: 60 })}
                        style={{ alignSelf: 'flex-start' }}
                      >
                        {t.addLevel}
                      </Button>
                    </Flex>
                  )}
                </Form.List>
              </Form.Item>
              <Flex gap={16} wrap>
                <Form.Item
                  name={[rule.name, 'warn_email']}
                  valuePropName="checked"
                  style={{ marginBottom: 8 }}
                >
                  <Checkbox>{t.warnEmail}</Checkbox>
                </Form.Item>
                <Form.Item name={[rule.name, 'robot_on']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{t.warnRobot}</Checkbox>
                </Form.Item>
              </Flex>
              <Form.Item noStyle dependencies={[['rules', rule.name, 'robot_on']]}>
                {({ getFieldValue }) =>
                  getFieldValue(['rules', rule.name, 'robot_on']) ? (
                    <Flex gap={8} wrap>
                      <Form.Item
                        name={[rule.name, 'warn_robot', 'platform']}
                        label={t.robotPlatform}
                        rules={required}
                      >
                        <Select
                          style={{ width: 120 }}
                          options={ROBOT_PLATFORMS.map((p) => ({ value: p, label: t.robotPlatforms[p] }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[rule.name, 'warn_robot', 'url']}
                        label={t.robotUrl}
                        rules={required}
                        style={{ flex: 1, minWidth: 240 }}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item name={[rule.name, 'warn_robot', 'secret']} label={t.robotSecret}>
                        <Input.Password autoComplete="off" />
                      </Form.Item>
                    </Flex>
                  ) : null
                }
              </Form.Item>
              <Flex gap={16} wrap>
                {(
                  [
                    ['exempt_locked', t.exemptLocked],
                    ['exempt_won', t.exemptWon],
                    ['exempt_open_deals', t.exemptOpenDeals],
                  ] as const
                ).map(([field, label]) => (
                  <Form.Item
                    key={field}
                    name={[rule.name, field]}
                    valuePropName="checked"
                    style={{ marginBottom: 0 }}
                  >
                    <Checkbox>{label}</Checkbox>
                  </Form.Item>
                ))}
              </Flex>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...NEW_RULE })}>
            {t.addRule}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
