import { useState } from 'react';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { DistributionEntity, DistributionRule } from '@tideline/shared';
import { distributionKeys, useDistributionRules } from './distributionApi';
import { DistributionFallbackForm } from './DistributionFallbackForm';
import { DistributionRuleList } from './DistributionRuleList';
import { DistributionRuleModal } from './DistributionRuleModal';
import { DistributionTester } from './DistributionTester';
import { useDistributionText } from './useDistributionText';

/** Settings → 线索分配: the ordered rules of leads or customers, the fallback, and the tester. */
export function DistributionSettings() {
  const t = useDistributionText();
  const client = useQueryClient();
  const [entity, setEntity] = useState<DistributionEntity>('lead');
  const [editing, setEditing] = useState<DistributionRule | 'new' | null>(null);
  const rules = useDistributionRules(entity);
  const refresh = () => client.invalidateQueries({ queryKey: distributionKeys.rules(entity) });
  return (
    <Flex vertical gap={12}>
      <Card
        title={t.title}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.list.add}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t.intro}
          </Typography.Paragraph>
          <Segmented
            value={entity}
            onChange={(v) => setEntity(v as DistributionEntity)}
            options={(['lead', 'customer'] as const).map((e) => ({ value: e, label: t.entities[e] }))}
            style={{ alignSelf: 'flex-start' }}
          />
          <DistributionRuleList
            entity={entity}
            rules={rules.data?.items ?? []}
            loading={rules.isLoading}
            onEdit={setEditing}
            onChanged={refresh}
          />
          <DistributionFallbackForm
            entity={entity}
            current={rules.data?.fallbacks.find((f) => f.entity === entity)}
            onSaved={refresh}
          />
        </Flex>
      </Card>
      <DistributionTester entity={entity} />
      {editing && (
        <DistributionRuleModal
          entity={entity}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
    </Flex>
  );
}
