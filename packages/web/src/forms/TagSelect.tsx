import { Select, Tag } from 'antd';
import { useTags } from '../api/hooks';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  style?: React.CSSProperties;
  id?: string;
}

/** Pick tags of the workspace, shown in their colours. */
export function TagSelect({ value, onChange, style, id }: Props) {
  const { m } = useI18n();
  const { data: tags = [], isLoading } = useTags();
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      loading={isLoading}
      placeholder={m.list.chooseTags}
      showSearch={{ optionFilterProp: 'label' }}
      options={tags.map((t) => ({ value: t.id, label: t.name, color: t.color }))}
      tagRender={({ label, value: id, closable, onClose }) => (
        <Tag
          color={tags.find((t) => t.id === id)?.color}
          closable={closable}
          onClose={onClose}
          style={{ marginInlineEnd: 4 }}
        >
          {label}
        </Tag>
      )}
      style={{ minWidth: 200, ...style }}
    />
  );
}
