import { Button, Flex, Segmented, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConditionNode } from '@tideline/shared';
import { useErrorsAt } from './BuilderErrors';
import { useCatalogContext } from './catalogContext';
import { groupChildren, groupKind, isGroup, makeGroup, newLeaf } from './conditionModel';
import { ConditionLeafRow } from './ConditionLeafRow';
import { removeAt, replaceAt } from './stepModel';
import { useAutomationText } from './useAutomationText';

interface TreeProps {
  value: ConditionNode | undefined;
  onChange: (value: ConditionNode | undefined) => void;
  /** Where the tree sits in the definition: `conditions`, or `steps[1].condition` for a branch. */
  path: string;
  /** The rule's conditions may be left out (always run); a branch keeps an empty group instead. */
  optional?: boolean;
}

/**
 * An AND/OR tree: groups of conditions that must all (or any) hold, nested as deep as needed. Each
 * leaf picks a field of the trigger's record, an operator that fits its type and a value.
 */
export function ConditionTree({ value, onChange, path, optional }: TreeProps) {
  const t = useAutomationText();
  const { catalog } = useCatalogContext();
  const rootErrors = useErrorsAt(path, true);
  const emptied = optional ? undefined : { all: [] };
  if (!value || (isGroup(value) && groupChildren(value).length === 0 && optional)) {
    return (
      <Flex vertical gap={8} data-testid="condition-tree">
        <Typography.Text type="secondary">{t.conditions.none}</Typography.Text>
        <Flex gap={8} wrap>
          <Button icon={<PlusOutlined />} onClick={() => onChange({ all: [newLeaf(catalog)] })}>
            {t.conditions.addCondition}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => onChange({ all: [{ any: [newLeaf(catalog)] }] })}>
            {t.conditions.addGroup}
          </Button>
        </Flex>
        {rootErrors.length > 0 && <Typography.Text type="danger">{rootErrors.join('；')}</Typography.Text>}
      </Flex>
    );
  }
  if (!isGroup(value)) {
    // A single stored condition: shown as is, and becomes a group as soon as another is added.
    return (
      <Flex vertical gap={8} data-testid="condition-tree">
        <ConditionLeafRow leaf={value} path={path} onChange={onChange} onRemove={() => onChange(emptied)} />
        <Flex gap={8} wrap>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange({ all: [value, newLeaf(catalog)] })}
          >
            {t.conditions.addCondition}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange({ all: [value, { any: [newLeaf(catalog)] }] })}
          >
            {t.conditions.addGroup}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <div data-testid="condition-tree">
      <ConditionGroup
        node={value}
        path={path}
        onChange={(next) => onChange(optional && groupChildren(next).length === 0 ? undefined : next)}
      />
    </div>
  );
}

interface GroupProps {
  node: ConditionNode;
  path: string;
  onChange: (node: ConditionNode) => void;
  onRemove?: () => void;
  depth?: number;
}

function ConditionGroup({ node, path, onChange, onRemove, depth = 0 }: GroupProps) {
  const t = useAutomationText();
  const { catalog } = useCatalogContext();
  const kind = groupKind(node);
  const children = groupChildren(node);
  const errors = [...useErrorsAt(path, true), ...useErrorsAt(`${path}.${kind}`, true)];
  const set = (list: ConditionNode[]) => onChange(makeGroup(kind, list));
  const childPath = (i: number) => `${path}.${kind}[${i}]`;
  return (
    <div
      data-testid="condition-group"
      style={{
        border: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
        borderInlineStart: `3px solid ${kind === 'all' ? '#1677ff' : '#fa8c16'}`,
        borderRadius: 6,
        padding: '8px 12px',
        background: depth % 2 ? 'rgba(0,0,0,0.015)' : undefined,
      }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Segmented<'all' | 'any'>
          size="small"
          value={kind}
          options={[
            { value: 'all', label: t.conditions.all },
            { value: 'any', label: t.conditions.any },
          ]}
          onChange={(k) => onChange(makeGroup(k, children))}
        />
        {onRemove && (
          <Button size="small" type="text" icon={<DeleteOutlined />} onClick={onRemove}>
            {t.conditions.removeGroup}
          </Button>
        )}
      </Flex>
      {errors.length > 0 && (
        <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
          {errors.join('；')}
        </Typography.Text>
      )}
      <Flex vertical gap={4}>
        {children.map((child, i) =>
          isGroup(child) ? (
            <ConditionGroup
              key={i}
              node={child}
              path={childPath(i)}
              depth={depth + 1}
              onChange={(next) => set(replaceAt(children, i, next))}
              onRemove={() => set(removeAt(children, i))}
            />
          ) : (
            <ConditionLeafRow
              key={i}
              leaf={child}
              path={childPath(i)}
              onChange={(next) => set(replaceAt(children, i, next))}
              onRemove={() => set(removeAt(children, i))}
            />
          ),
        )}
      </Flex>
      <Flex gap={8} wrap style={{ marginTop: 4 }}>
        <Button size="small" icon={<PlusOutlined />} onClick={() => set([...children, newLeaf(catalog)])}>
          {t.conditions.addCondition}
        </Button>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => set([...children, makeGroup(kind === 'all' ? 'any' : 'all', [newLeaf(catalog)])])}
        >
          {t.conditions.addGroup}
        </Button>
      </Flex>
    </div>
  );
}
