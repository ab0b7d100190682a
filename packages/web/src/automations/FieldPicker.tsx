import { useMemo } from 'react';
import { Select } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { useCatalogContext } from './catalogContext';
import { groupedFieldOptions } from './fieldCatalog';
import type { FieldFilter } from './fieldCatalog';
import { useAutomationText } from './useAutomationText';

interface BaseProps {
  filter?: FieldFilter;
  placeholder?: string;
  ariaLabel?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
}

type Props = BaseProps &
  (
    | { multiple?: false; value?: string | undefined; onChange?: (value: string | undefined) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

/** Pick fields of the trigger's record from the catalog, grouped: own, custom, customer, event. */
export function FieldPicker(props: Props) {
  const { m } = useI18n();
  const t = useAutomationText();
  const { catalog, label, loading } = useCatalogContext();
  const options = useMemo(
    () => groupedFieldOptions(catalog, label, t.fieldGroups, props.filter),
    [catalog, label, t, props.filter],
  );
  // A stored field the catalog no longer has still shows, by its path.
  const known = new Set(options.flatMap((g) => g.options.map((o) => o.value)));
  const values = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const missing = values.filter((v) => !known.has(v)).map((v) => ({ value: v, label: label(v) }));
  return (
    <Select
      aria-label={props.ariaLabel}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.multiple ? props.value : props.value || undefined}
      onChange={(v: string | string[] | undefined) =>
        props.multiple
          ? props.onChange?.((v as string[] | undefined) ?? [])
          : props.onChange?.(v as string | undefined)
      }
      options={missing.length ? [...options, ...missing] : options}
      loading={loading}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? m.common.selectPlaceholder}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%', minWidth: 160, ...props.style }}
      popupMatchSelectWidth={false}
    />
  );
}
