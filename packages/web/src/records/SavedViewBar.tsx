import { useState } from 'react';
import { App, Badge, Button, Dropdown, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FilterCondition } from '@tideline/shared';
import { api } from '../api/client';
import type { SavedView } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import type { ListEntity } from './entityFields';
import { SaveViewModal } from './SaveViewModal';
import type { SaveViewValues } from './SaveViewModal';

export interface ViewState {
  filter: FilterCondition[];
  sort: string;
  columns: string[];
}

interface Props {
  entity: ListEntity;
  /** The list's title, for "全部客户" / "All Customers". */
  title: string;
  current: ViewState;
  viewId: string | null;
  /** Whether the list differs from the selected view (or from the default one). */
  modified: boolean;
  canShare: boolean;
  onSelect: (view: SavedView | null) => void;
}

/** Pick a saved view (personal or shared), save the current filters as one, update or delete it. */
export function SavedViewBar({ entity, title, current, viewId, modified, canShare, onSelect }: Props) {
  const { m } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const key = ['views', entity];
  const { data: views = [] } = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: SavedView[] }>('/views', { query: { entity } }).then((r) => r.items),
  });
  const selected = views.find((v) => v.id === viewId) ?? null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const create = async (values: SaveViewValues) => {
    const view = await api<SavedView>('/views', { method: 'POST', body: { ...values, entity, ...current } });
    await refresh();
    onSelect(view);
    message.success(m.views.saved);
  };
  const update = useMutation({
    mutationFn: () => api<SavedView>(`/views/${viewId}`, { method: 'PATCH', body: current }),
    onSuccess: async (view) => {
      await refresh();
      onSelect(view);
      message.success(m.views.saved);
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api(`/views/${viewId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await refresh();
      onSelect(null);
      message.success(m.views.deleted);
    },
    onError: (e) => message.error(e.message),
  });

  const group = (shared: boolean) =>
    views.filter((v) => v.shared === shared).map((v) => ({ value: v.id, label: v.name }));
  const options = [
    { value: '', label: format(m.views.all, { entity: title }) },
    ...(group(true).length ? [{ label: m.views.shared, options: group(true) }] : []),
    ...(group(false).length ? [{ label: m.views.personal, options: group(false) }] : []),
  ];
  const menu: MenuProps['items'] = [
    ...(selected?.can_edit ? [{ key: 'update', label: m.views.update, disabled: !modified }] : []),
    { key: 'saveAs', label: m.views.saveAs },
    ...(selected?.can_edit
      ? [
          { type: 'divider' as const },
          { key: 'delete', label: m.views.delete, danger: true, icon: <DeleteOutlined /> },
        ]
      : []),
  ];
  const onMenu: MenuProps['onClick'] = ({ key: action }) => {
    if (action === 'update') update.mutate();
    if (action === 'saveAs') setSaving(true);
    if (action === 'delete' && selected) {
      modal.confirm({
        title: format(m.views.deleteConfirm, { name: selected.name }),
        onOk: () => remove.mutateAsync(),
      });
    }
  };

  return (
    <>
      <Space.Compact>
        <Select
          aria-label={m.views.label}
          value={viewId ?? ''}
          options={options}
          onChange={(id: string) => onSelect(views.find((v) => v.id === id) ?? null)}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
        />
        <Dropdown menu={{ items: menu, onClick: onMenu }} trigger={['click']}>
          <Button icon={<SaveOutlined />} loading={update.isPending}>
            <Badge dot={modified} offset={[4, -2]}>
              {m.views.save}
            </Badge>
          </Button>
        </Dropdown>
      </Space.Compact>
      <SaveViewModal
        open={saving}
        canShare={canShare}
        initial={{ name: '', shared: false }}
        onCancel={() => setSaving(false)}
        onSave={create}
      />
    </>
  );
}
