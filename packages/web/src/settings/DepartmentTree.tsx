import { useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Skeleton, Tree, Typography } from 'antd';
import type { TreeProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { format } from '../i18n/I18nProvider';
import { useRefusalText } from './apiRefusal';
import { DepartmentCreateModal } from './DepartmentCreateModal';
import { DepartmentEditor } from './DepartmentEditor';
import { DEPARTMENTS_KEY, departmentTree, moveDepartment, useDepartments } from './settingsApi';
import type { Department, DepartmentNode } from './settingsApi';
import { useSettingsText } from './useSettingsText';

/** /settings/departments: the org tree; drag to move, select to rename, re-parent or delete. */
export function DepartmentTree() {
  const t = useSettingsText();
  const d = t.departments;
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const { data: departments = [], isPending } = useDepartments();
  const [selected, setSelected] = useState<string | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<string | null | undefined>(undefined);
  const move = useMutation({
    mutationFn: ({ id, parentId }: { id: string; parentId: string; name: string; parent: string }) =>
      api<Department>(`/departments/${id}`, { method: 'PATCH', body: { parent_id: parentId } }),
    // Show the drop at once; a refusal (e.g. a name taken under the new parent) puts it back.
    onMutate: async ({ id, parentId }) => {
      await queryClient.cancelQueries({ queryKey: DEPARTMENTS_KEY });
      const before = queryClient.getQueryData<Department[]>(DEPARTMENTS_KEY);
      if (before) queryClient.setQueryData(DEPARTMENTS_KEY, moveDepartment(before, id, parentId));
      return { before };
    },
    onSuccess: (_, v) => message.success(format(d.moved, { name: v.name, parent: v.parent })),
    onError: (e, _v, context) => {
      if (context?.before) queryClient.setQueryData(DEPARTMENTS_KEY, context.before);
      message.error(refusal(e));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
  });
  const byId = new Map(departments.map((x) => [x.id, x]));
  const tree = departmentTree(departments);
  const onDrop: TreeProps<DepartmentNode>['onDrop'] = (info) => {
    const dragged = byId.get(String(info.dragNode.key));
    const target = byId.get(String(info.node.key));
    if (!dragged || !target) return;
    // Dropped between nodes: a sibling of the target; dropped onto a node: its child.
    const parentId = info.dropToGap ? target.parent_id : target.id;
    if (!parentId || parentId === dragged.parent_id) return;
    const parent = byId.get(parentId);
    move.mutate({ id: dragged.id, parentId, name: dragged.name, parent: parent?.name ?? '' });
  };
  const current = selected ? byId.get(selected) : undefined;
  return (
    <Card
      title={t.sections.departments}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingUnder(selected)}>
          {d.new}
        </Button>
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={10}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {d.dragHint}
          </Typography.Paragraph>
          {isPending ? (
            <Skeleton active />
          ) : (
            <Tree<DepartmentNode>
              treeData={tree}
              defaultExpandAll
              blockNode
              draggable={{ icon: false, nodeDraggable: (n) => Boolean(byId.get(String(n.key))?.parent_id) }}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)}
              onDrop={onDrop}
              titleRender={(n) => (
                <span>
                  {n.department.name}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {format(d.members, { n: n.department.total_member_count })}
                  </Typography.Text>
                </span>
              )}
            />
          )}
        </Col>
        <Col xs={24} md={14}>
          {current ? (
            <DepartmentEditor
              key={`${current.id}:${current.updated_at}`}
              department={current}
              departments={departments}
              onDeleted={() => setSelected(null)}
              onAddChild={() => setCreatingUnder(current.id)}
            />
          ) : (
            <Empty description={d.pick} />
          )}
        </Col>
      </Row>
      <DepartmentCreateModal
        open={creatingUnder !== undefined}
        parentId={creatingUnder ?? null}
        departments={departments}
        onClose={() => setCreatingUnder(undefined)}
        onCreated={(created) => setSelected(created.id)}
      />
    </Card>
  );
}
