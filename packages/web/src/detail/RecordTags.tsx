import { useState } from 'react';
import { App, Button, Flex, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { useTags } from '../api/hooks';
import type { TagRef } from '../api/types';
import { format } from '../i18n/I18nProvider';
import { useRefusalText } from './refusal';
import { useDetailText } from './useDetailText';

interface Props {
  entity: 'lead' | 'customer' | 'contact' | 'deal';
  recordId: string;
  tags: TagRef[];
  canEdit: boolean;
  /** Change the tags shown (the page's cached record); called again to undo a refused change. */
  updateTags: (change: (tags: TagRef[]) => TagRef[]) => void;
  onSaved?: () => void;
}

/** A record's tags: remove with the cross, add from the workspace's tags; both show at once. */
export function RecordTags({ entity, recordId, tags, canEdit, updateTags, onSaved }: Props) {
  const t = useDetailText();
  const refusal = useRefusalText();
  const { message } = App.useApp();
  const { data: all = [] } = useTags();
  const [adding, setAdding] = useState(false);
  const available = all.filter((tag) => !tags.some((x) => x.id === tag.id));

  const send = async (mode: 'assign' | 'unassign', tag: TagRef) => {
    const without = (list: TagRef[]) => list.filter((x) => x.id !== tag.id);
    const apply = mode === 'assign' ? (l: TagRef[]) => [...without(l), tag] : without;
    const undo = mode === 'assign' ? without : (l: TagRef[]) => [...without(l), tag];
    updateTags(apply);
    try {
      await api(`/tags/${mode}`, {
        method: 'POST',
        body: { record_type: entity, record_ids: [recordId], tag_ids: [tag.id] },
      });
      message.success(format(mode === 'assign' ? t.tags.added : t.tags.removed, { name: tag.name }));
      onSaved?.();
    } catch (e) {
      updateTags(undo);
      message.error(format(t.tags.failed, { reason: refusal(e) }));
    }
  };

  return (
    <Flex wrap gap={6} align="center">
      {tags.length === 0 && !adding && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t.tags.none}
        </Typography.Text>
      )}
      {tags.map((tag) => (
        <Tag
          key={tag.id}
          color={tag.color}
          closable={canEdit}
          onClose={(e) => {
            e.preventDefault();
            void send('unassign', tag);
          }}
          style={{ marginInlineEnd: 0, padding: '2px 8px', fontSize: 13 }}
        >
          {tag.name}
        </Tag>
      ))}
      {canEdit &&
        (adding ? (
          <Select
            autoFocus
            open
            size="small"
            style={{ minWidth: 160 }}
            placeholder={t.tags.choose}
            notFoundContent={t.tags.noMore}
            showSearch={{ optionFilterProp: 'label' }}
            options={available.map((tag) => ({ value: tag.id, label: tag.name }))}
            onBlur={() => setAdding(false)}
            onChange={(id: string) => {
              setAdding(false);
              const tag = all.find((x) => x.id === id);
              if (tag) void send('assign', { id: tag.id, name: tag.name, color: tag.color });
            }}
          />
        ) : (
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.tags.add}
          </Button>
        ))}
    </Flex>
  );
}
