import { Checkbox, Flex, Table, Typography } from 'antd';
import { PERMISSIONS, RECORD_RESOURCES } from '@tideline/shared';
import type { Permission, RecordResource } from '@tideline/shared';
import { useSettingsText } from './useSettingsText';

const VERBS = ['read', 'write', 'delete'] as const;
const RECORD_PERMS = new Set<string>(RECORD_RESOURCES.flatMap((r) => VERBS.map((v) => `${r}:${v}`)));
/** Everything that is not a per-record verb: transfer, export and the admin rights. */
export const MANAGE_PERMISSIONS = PERMISSIONS.filter((p) => !RECORD_PERMS.has(p)) as Exclude<
  Permission,
  `${RecordResource}:${(typeof VERBS)[number]}`
>[];

interface Props {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
  disabled?: boolean;
  /** Permissions that cannot be ticked (the signed-in user does not hold them). */
  unavailable?: (p: Permission) => boolean;
}

/** Permissions as grouped checkboxes: a grid of record types × verbs, then the admin rights. */
export function PermissionChecklist({ value = [], onChange, disabled, unavailable }: Props) {
  const t = useSettingsText();
  const r = t.roles;
  const held = new Set(value);
  const toggle = (p: Permission, on: boolean) => {
    const next = new Set(held);
    if (on) next.add(p);
    else next.delete(p);
    // Keep the vocabulary's order so the saved list reads the same every time.
    onChange?.(PERMISSIONS.filter((x) => next.has(x)));
  };
  const box = (p: Permission, label?: string) => (
    <Checkbox
      checked={held.has(p)}
      disabled={disabled || (unavailable?.(p) && !held.has(p))}
      onChange={(e) => toggle(p, e.target.checked)}
      aria-label={p}
      data-permission={p}
    >
      {label}
    </Checkbox>
  );
  const rows = RECORD_RESOURCES.map((resource) => ({ resource }));
  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{r.groups.records}</Typography.Text>
      <Table
        size="small"
        rowKey="resource"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'resource', title: '', render: (_, row) => r.resources[row.resource] },
          ...VERBS.map((verb) => ({
            key: verb,
            title: r.verbs[verb],
            align: 'center' as const,
            render: (_: unknown, row: { resource: RecordResource }) =>
              box(`${row.resource}:${verb}` as Permission),
          })),
        ]}
      />
      <Typography.Text strong>{r.groups.manage}</Typography.Text>
      <Flex wrap gap={8}>
        {MANAGE_PERMISSIONS.map((p) => (
          <div key={p} style={{ minWidth: 200 }}>
            {box(p, r.perms[p])}
          </div>
        ))}
      </Flex>
    </Flex>
  );
}
