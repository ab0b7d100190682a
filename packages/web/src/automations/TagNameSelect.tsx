import { Select } from 'antd';
import { useTags } from '../api/hooks';
import { useAutomationText } from './useAutomationText';

/** Tags by name (as automations store them): the workspace's tags, or a new name typed in. */
export function TagNameSelect({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const t = useAutomationText();
  const { data: tags = [], isLoading } = useTags();
  return (
    <Select
      aria-label={t.action.tags}
      mode="tags"
      value={value}
      loading={isLoading}
      onChange={(v: string[]) => onChange(v.map((s) => s.trim()).filter(Boolean))}
      options={tags.map((tag) => ({ value: tag.name, label: tag.name }))}
      tokenSeparators={[',', '，']}
      style={{ width: '100%' }}
    />
  );
}
