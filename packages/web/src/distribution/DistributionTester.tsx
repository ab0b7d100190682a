import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { DistributionDecision, DistributionEntity } from '@tideline/shared';
import { useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from '../detail/refusal';
import { testDistribution } from './distributionApi';
import { useDistributionText } from './useDistributionText';

interface TesterValues {
  source?: string;
  region?: string;
  industry?: string;
  phone?: string;
  email?: string;
  company?: string;
}

const OUTCOME_COLORS = { chosen: 'green', skipped: 'orange', no_match: 'default' } as const;

/** The record the tester sends: only what was filled in, under the entity's own field names. */
export function testerRecord(entity: DistributionEntity, v: TesterValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (key: string, value: string | undefined) => {
    if (value && value.trim()) out[key] = value.trim();
  };
  put('source', v.source);
  put('region', v.region);
  put('industry', v.industry);
  put(entity === 'lead' ? 'mobile' : 'phone', v.phone);
  put('email', v.email);
  put(entity === 'lead' ? 'company_name' : 'name', v.company);
  return out;
}

/** 谁会拿到这条线索？ — runs the rules on an imaginary record and shows the choice, the reason and each rule's part. */
export function DistributionTester({ entity }: { entity: DistributionEntity }) {
  const t = useDistributionText().tester;
  const { locale } = useI18n();
  const refusal = useRefusalText();
  const [form] = Form.useForm<TesterValues>();
  const [result, setResult] = useState<DistributionDecision | null>(null);
  const run = useMutation({
    mutationFn: (v: TesterValues) => testDistribution(entity, testerRecord(entity, v)),
    onSuccess: setResult,
  });
  const en = locale === 'en-US';
  return (
    <Card title={t.title} size="small">
      <Typography.Paragraph type="secondary">{t.help}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => run.mutate(v)} style={{ rowGap: 8 }}>
        {(['source', 'region', 'industry', 'phone', 'email', 'company'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t[k]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t.run}
        </Button>
      </Form>
      {run.isError && <Alert type="error" showIcon message={refusal(run.error)} style={{ marginTop: 12 }} />}
      {result && (
        <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="tester-result">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t.owner}>
              {result.owner_name ?? (result.pool_name ? `${t.pool} ${result.pool_name}` : t.nobody)}
            </Descriptions.Item>
            <Descriptions.Item label={t.rule}>{result.rule_name ?? t.fallback}</Descriptions.Item>
            <Descriptions.Item label={t.reason}>{en ? result.reason_en : result.reason}</Descriptions.Item>
          </Descriptions>
          {result.steps.length > 0 && (
            <List
              size="small"
              header={t.steps}
              dataSource={result.steps}
              renderItem={(s) => (
                <List.Item>
                  <Flex gap={8} align="center">
                    <Tag color={OUTCOME_COLORS[s.outcome]}>{t.outcomes[s.outcome]}</Tag>
                    <Typography.Text strong>{s.rule_name}</Typography.Text>
                    <Typography.Text type="secondary">{en ? s.reason_en : s.reason}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
