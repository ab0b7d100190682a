import { useNavigate } from 'react-router';
import { Button, Dropdown, Space } from 'antd';
import { DownOutlined, ImportOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { canImport, wizardRoute } from './importAccess';
import type { ImportEntity } from './importTypes';
import { useImportText } from './useImportText';

/** "导入" on a record list: opens the wizard for that entity; the arrow leads to past imports. */
export function ImportButton({ entity }: { entity: ImportEntity }) {
  const t = useImportText();
  const { can } = useAuth();
  const navigate = useNavigate();
  if (!canImport(can, entity)) return null;
  return (
    <Space.Compact>
      <Button icon={<ImportOutlined />} onClick={() => navigate(wizardRoute(entity))}>
        {t.button}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{ items: [{ key: 'history', label: t.title }], onClick: () => navigate('/imports') }}
      >
        <Button icon={<DownOutlined />} aria-label={t.title} />
      </Dropdown>
    </Space.Compact>
  );
}
