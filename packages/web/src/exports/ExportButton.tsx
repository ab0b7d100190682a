import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useModuleMessages } from '../i18n/useModuleMessages';
import { exportsEnUS } from '../i18n/exports.en-US';
import { exportsZhCN } from '../i18n/exports.zh-CN';
import { exportUrl, startDownload } from './exportUrl';
import type { ExportFormat, ExportView } from './exportUrl';

const DICTIONARIES = { 'zh-CN': exportsZhCN, 'en-US': exportsEnUS };

/**
 * 导出 ▾ (CSV / Excel) for a record list: downloads what the list shows, every page of it. Hidden for
 * users without records:export; the server checks it again and audits every export.
 */
export function ExportButton({ path, view }: { path: string; view: ExportView }) {
  const t = useModuleMessages(DICTIONARIES);
  const { locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  if (!can('records:export')) return null;
  const run = (format: ExportFormat) => {
    startDownload(exportUrl(path, format, view, locale));
    void message.info(t.started);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t.csv },
          { key: 'xlsx', label: t.xlsx },
        ],
        onClick: ({ key }) => run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />}>{t.button}</Button>
    </Dropdown>
  );
}
