import { Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function Brand({ compact }: { compact?: boolean }) {
  const { m } = useI18n();
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        height: 56,
        padding: compact ? '0 24px' : '0 20px',
        overflow: 'hidden',
      }}
    >
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && (
        <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
          {m.app.name}
        </Typography.Text>
      )}
    </div>
  );
}
