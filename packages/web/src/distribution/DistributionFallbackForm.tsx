import { useEffect, useState } from 'react';
import { App, Button, Flex, Select, Typography } from 'antd';
import type { DistributionEntity, DistributionFallback } from '@tideline/shared';
import { usePools } from '../pools/poolApi';
import { useRefusalText } from '../detail/refusal';
import { saveFallback } from './distributionApi';
import { useDistributionText } from './useDistributionText';

/** 无人可分配时: keep with the creator, leave unassigned, or (customers) send to a pool. */
export function DistributionFallbackForm({
  entity,
  current,
  onSaved,
}: {
  entity: DistributionEntity;
  current: DistributionFallback | undefined;
  onSaved: () => void;
}) {
  const t = useDistributionText().fallback;
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const pools = usePools();
  const [kind, setKind] = useState<string>(current?.kind ?? 'creator');
  const [poolId, setPoolId] = useState<string | null>(current?.pool_id ?? null);
  useEffect(() => {
    setKind(current?.kind ?? 'creator');
    setPoolId(current?.pool_id ?? null);
  }, [current]);
  const kinds = (
    entity === 'customer'
      ? (['creator', 'unassigned', 'pool'] as const)
      : (['creator', 'unassigned'] as const)
  ).map((k) => ({ value: k, label: t[k] }));
  const save = async () => {
    try {
      await saveFallback({ entity, kind, pool_id: kind === 'pool' ? poolId : null });
      message.success(t.saved);
      onSaved();
    } catch (e) {
      message.error(refusal(e));
    }
  };
  return (
    <Flex gap={8} align="center" wrap>
      <Typography.Text strong>{t.title}</Typography.Text>
      <Select aria-label={t.title} value={kind} options={kinds} onChange={setKind} style={{ width: 160 }} />
      {kind === 'pool' && (
        <Select
          aria-label={t.pool_id}
          value={poolId}
          onChange={setPoolId}
          options={(pools.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 200 }}
        />
      )}
      <Button onClick={save}>{t.save}</Button>
    </Flex>
  );
}
