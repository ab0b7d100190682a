import { Divider } from 'antd';
import type { DetailField } from './detailFields';
import { InlineField } from './InlineField';
import { useDetailText } from './useDetailText';

interface Props {
  fields: DetailField[];
  record: Record<string, unknown>;
  canEdit: boolean;
  save: (body: Record<string, unknown>) => Promise<unknown>;
}

/** A record's built-in fields, then its custom fields, each edited in place. */
export function RecordFields({ fields, record, canEdit, save }: Props) {
  const t = useDetailText();
  const builtin = fields.filter((f) => !f.display.custom);
  const custom = fields.filter((f) => f.display.custom);
  const grid = (list: DetailField[]) => (
    <div className="tl-fields">
      {list.map((f) => (
        <InlineField key={f.key} field={f} record={record} canEdit={canEdit} save={save} />
      ))}
    </div>
  );
  return (
    <>
      {grid(builtin)}
      {custom.length > 0 && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 4px' }}>
            {t.profile.customTitle}
          </Divider>
          {grid(custom)}
        </>
      )}
    </>
  );
}
