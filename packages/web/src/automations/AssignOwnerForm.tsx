import { Button, Flex, Input, InputNumber, Radio, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ActionParams } from '@tideline/shared';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import { BuilderField } from './BuilderErrors';
import { FieldPicker } from './FieldPicker';
import type { FieldFilter } from './fieldCatalog';
import { isOwnField } from './fieldCatalog';
import { useAutomationText } from './useAutomationText';

type Assign = Extract<ActionParams, { action: 'assign_owner' }>;
type Strategy = Assign['strategy'];

const STRATEGIES: readonly Strategy[] = ['round_robin', 'least_loaded', 'user', 'mapping'];
const mappable: FieldFilter = (info, path) =>
  isOwnField(info, path) && (info.type === 'text' || info.type === 'enum');
const userId = (v: string | string[] | null) => (typeof v === 'string' ? v : undefined);

/** The parameters a strategy uses, so switching does not leave another strategy's behind. */
function switchStrategy(p: Assign, strategy: Strategy): Assign {
  const keep = p.fallback_user_id ? { fallback_user_id: p.fallback_user_id } : {};
  switch (strategy) {
    case 'user':
      return { action: 'assign_owner', strategy, ...(p.user_id ? { user_id: p.user_id } : {}) };
    case 'round_robin':
      return { action: 'assign_owner', strategy, user_ids: p.user_ids ?? [] };
    case 'least_loaded':
      return { action: 'assign_owner', strategy, user_ids: p.user_ids ?? [], ...keep };
    case 'mapping':
      return { action: 'assign_owner', strategy, mapping: p.mapping ?? {}, ...keep };
  }
}

/** assign_owner: a named person, round robin, least loaded (with a cap), or a value → person table. */
export function AssignOwnerForm({
  params,
  path,
  onChange,
}: {
  params: Assign;
  path: string;
  onChange: (p: Assign) => void;
}) {
  const { m } = useI18n();
  const t = useAutomationText();
  const rows = Object.entries(params.mapping ?? {});
  const setMapping = (entries: [string, string][]) =>
    onChange({ ...params, mapping: Object.fromEntries(entries) });
  return (
    <>
      <BuilderField label={t.action.strategy} path={`${path}.strategy`}>
        <Radio.Group
          value={params.strategy}
          onChange={(e) => onChange(switchStrategy(params, e.target.value as Strategy))}
          options={STRATEGIES.map((s) => ({ value: s, label: t.action.strategies[s] }))}
        />
      </BuilderField>
      {params.strategy === 'user' && (
        <BuilderField label={t.action.user} path={`${path}.user_id`}>
          <UserSelect
            value={params.user_id ?? null}
            onChange={(v) => onChange({ ...params, user_id: userId(v) })}
          />
        </BuilderField>
      )}
      {(params.strategy === 'round_robin' || params.strategy === 'least_loaded') && (
        <BuilderField label={t.action.users} path={`${path}.user_ids`}>
          <UserSelect
            multiple
            value={params.user_ids ?? []}
            onChange={(v) => onChange({ ...params, user_ids: Array.isArray(v) ? v : [] })}
          />
        </BuilderField>
      )}
      {params.strategy === 'least_loaded' && (
        <BuilderField label={t.action.capacity} path={`${path}.capacity`} help={t.action.capacityHelp}>
          <InputNumber
            aria-label={t.action.capacity}
            min={1}
            precision={0}
            value={params.capacity ?? null}
            onChange={(v) => {
              const { capacity: _drop, ...rest } = params;
              onChange(v === null ? rest : { ...rest, capacity: v });
            }}
          />
        </BuilderField>
      )}
      {params.strategy === 'mapping' && (
        <>
          <BuilderField label={t.action.mappingField} path={`${path}.mapping_field`}>
            <FieldPicker
              ariaLabel={t.action.mappingField}
              filter={mappable}
              value={params.mapping_field}
              onChange={(f) => onChange({ ...params, ...(f ? { mapping_field: f } : {}) })}
            />
          </BuilderField>
          <BuilderField label={`${t.action.mappingValue} → ${t.action.mappingUser}`} path={`${path}.mapping`}>
            <Flex vertical gap={6}>
              {rows.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
              {rows.map(([value, id], i) => (
                <Flex key={i} gap={8} align="center">
                  <Input
                    aria-label={t.action.mappingValue}
                    value={value}
                    style={{ width: 180 }}
                    onChange={(e) => setMapping(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
                  />
                  <span>→</span>
                  <UserSelect
                    value={id || null}
                    allowClear={false}
                    onChange={(v) => setMapping(rows.map((r, j) => (j === i ? [r[0], userId(v) ?? ''] : r)))}
                  />
                  <Button
                    type="text"
                    aria-label={m.common.delete}
                    icon={<DeleteOutlined />}
                    onClick={() => setMapping(rows.filter((_, j) => j !== i))}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={rows.some(([value]) => value === '')}
                  onClick={() => setMapping([...rows, ['', '']])}
                >
                  {t.action.addMapping}
                </Button>
              </div>
            </Flex>
          </BuilderField>
        </>
      )}
      {(params.strategy === 'mapping' || params.strategy === 'least_loaded') && (
        <BuilderField label={t.action.fallback} path={`${path}.fallback_user_id`}>
          <UserSelect
            value={params.fallback_user_id ?? null}
            onChange={(v) => {
              const { fallback_user_id: _drop, ...rest } = params;
              const id = userId(v);
              onChange(id ? { ...rest, fallback_user_id: id } : rest);
            }}
          />
        </BuilderField>
      )}
    </>
  );
}
