import { Alert, Button, Descriptions, Flex, Segmented, Spin, Typography, Upload } from 'antd';
import { InboxOutlined, SwapOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { importableEntities } from './importAccess';
import type { ImportEntity, ImportUpload } from './importTypes';
import { uploadErrorLines } from './importErrors';
import { useImportText } from './useImportText';

interface Props {
  entity: ImportEntity;
  onEntity: (entity: ImportEntity) => void;
  upload: ImportUpload | null;
  reading: boolean;
  error: unknown;
  onFile: (file: File) => void;
  onReset: () => void;
}

/** Step 1: which records, which file; then what the server read from it (format, encoding, size). */
export function UploadStep({ entity, onEntity, upload, reading, error, onFile, onReset }: Props) {
  const t = useImportText();
  const { m, locale } = useI18n();
  const { can } = useAuth();
  const entities = importableEntities(can);
  const lines = error ? uploadErrorLines(error, t, m, locale) : [];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text>{t.upload.entity}</Typography.Text>
        <Segmented<ImportEntity>
          value={entity}
          disabled={Boolean(upload) || reading}
          onChange={onEntity}
          options={entities.map((e) => ({ value: e, label: t.entities[e] }))}
        />
      </Flex>
      {upload ? (
        <Flex vertical gap={12}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'file', label: t.upload.file, children: upload.filename },
              { key: 'format', label: t.upload.format, children: upload.format.toUpperCase() },
              {
                key: 'encoding',
                label: t.upload.encoding,
                children: upload.encoding ? t.encodings[upload.encoding] : m.common.none,
              },
              {
                key: 'rows',
                label: t.upload.rows,
                children:
                  upload.row_estimate === null
                    ? t.upload.rowsUnknown
                    : format(t.upload.rowsValue, { n: upload.row_estimate.toLocaleString() }),
              },
              { key: 'columns', label: t.upload.columns, children: upload.headers.length },
            ]}
          />
          <div>
            <Button icon={<SwapOutlined />} onClick={onReset}>
              {t.upload.replace}
            </Button>
          </div>
        </Flex>
      ) : (
        <Spin spinning={reading} description={t.upload.reading}>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={reading}
            beforeUpload={(file) => {
              onFile(file);
              // The wizard sends the file itself: the server's answer decides the next step.
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t.upload.drag}</p>
            <p className="ant-upload-hint">{t.upload.hint}</p>
          </Upload.Dragger>
        </Spin>
      )}
      {lines.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t.upload.failed}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}
