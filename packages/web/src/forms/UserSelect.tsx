import { Select } from 'antd';
import { useUsers } from '../api/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { ME } from '../records/filterModel';

interface Props {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  /** Offer "me" ($me), for filters and saved views that follow whoever looks. */
  allowMe?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

/** Pick a workspace member (owner, assignee) by name or email. */
export function UserSelect({
  value,
  onChange,
  multiple,
  allowMe,
  allowClear = true,
  placeholder,
  style,
  id,
}: Props) {
  const { m } = useI18n();
  const { data: users = [], isLoading } = useUsers();
  const options = [
    ...(allowMe ? [{ value: ME, label: m.list.me }] : []),
    ...users
      .filter((u) => u.status !== 'disabled')
      .map((u) => ({ value: u.id, label: u.name, email: u.email })),
  ];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={isLoading}
      allowClear={allowClear}
      placeholder={placeholder ?? m.list.chooseUser}
      showSearch={{ optionFilterProp: ['label', 'email'] }}
      style={{ minWidth: 160, ...style }}
    />
  );
}
