import { Alert, Button, List, Modal } from 'antd';
import { Link } from 'react-router';
import { format } from '../i18n/I18nProvider';
import { recordRoute } from '../records/recordRoute';
import type { DuplicateStop } from './duplicateMatches';
import { matchText } from './duplicateMatches';
import { useDedupeText } from './useDedupeText';

interface Props {
  stop: DuplicateStop | null;
  /** The entity being created, for the title ("客户已存在"). */
  entity: 'customer' | 'contact' | 'lead';
  onClose: () => void;
  /** Create it anyway (only offered when nothing blocks). */
  onConfirm: () => void;
  /** Labels of custom fields (`custom.<key>`) by the form's definitions. */
  fieldLabel?: (field: string) => string | undefined;
}

/**
 * What a create collided with: a blocking rule shows the existing records (a link where the user may
 * open them, the owner always) and only lets the user go back; a warning also offers "仍然创建".
 */
export function DuplicateDialog({ stop, entity, onClose, onConfirm, fieldLabel }: Props) {
  const t = useDedupeText();
  if (!stop) return null;
  const blocked = stop.code === 'duplicate';
  const label = (field: string) =>
    fieldLabel?.(field) ?? (t.fields as Record<string, string>)[field] ?? field.replace(/^custom\./, '');
  const footer = blocked
    ? [
        <Button key="ok" type="primary" onClick={onClose}>
          {t.ok}
        </Button>,
      ]
    : [
        <Button key="back" onClick={onClose}>
          {t.back}
        </Button>,
        <Button key="anyway" type="primary" danger onClick={onConfirm}>
          {t.createAnyway}
        </Button>,
      ];
  return (
    <Modal
      open
      title={blocked ? format(t.blockedTitle, { entity: t.entities[entity] }) : t.warnTitle}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
    >
      <Alert type={blocked ? 'error' : 'warning'} showIcon title={blocked ? t.blockedHint : t.warnHint} />
      <List
        size="small"
        dataSource={stop.matches}
        renderItem={(m) => {
          const to = m.visible ? recordRoute(m.entity, m.record_id) : null;
          return (
            <List.Item
              actions={
                to
                  ? [
                      <Link key="open" to={to} onClick={onClose}>
                        {t.open}
                      </Link>,
                    ]
                  : []
              }
            >
              {matchText(m, t, label)}
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
