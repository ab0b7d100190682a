import { Alert, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { format, useI18n } from '../i18n/I18nProvider';
import type { ColumnMapping, ImportField, ImportUpload } from './importTypes';
import { duplicateTargets, sampleValues, unmappedRequired } from './mappingModel';
import { useImportText } from './useImportText';

interface Props {
  upload: ImportUpload;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  /** Set once the user tried to go on: from then the missing required fields are spelled out. */
  showMissing: boolean;
}

interface Row {
  header: string;
  index: number;
}

const SKIP = '';

/** Step 2: the file's columns beside their sample values, each with the field it fills. */
export function MappingStep({ upload, mapping, onChange, showMissing }: Props) {
  const t = useImportText();
  const { locale } = useI18n();
  const label = (f: ImportField) => (locale === 'zh-CN' ? f.label_zh : f.label_en);
  const missing = unmappedRequired(mapping, upload.fields);
  const duplicates = duplicateTargets(mapping);
  const byKey = new Map(upload.fields.map((f) => [f.key, f]));
  const separator = locale === 'zh-CN' ? '、' : ', ';
  const options = [
    { value: SKIP, label: t.mapping.skip, text: t.mapping.skip },
    ...upload.fields.map((f) => ({
      value: f.key,
      title: label(f),
      text: `${label(f)} ${f.key}`,
      label: (
        <span>
          {label(f)}
          {f.required && <Typography.Text type="danger">{` * ${t.mapping.required}`}</Typography.Text>}
        </span>
      ),
    })),
  ];
  const columns: TableColumnsType<Row> = [
    {
      key: 'header',
      title: t.mapping.header,
      width: 200,
      render: (_, r) => <Typography.Text strong>{r.header}</Typography.Text>,
    },
    {
      key: 'sample',
      title: t.mapping.sample,
      render: (_, r) => {
        const values = sampleValues(upload.sample_rows, r.index);
        return values.length ? (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {values.join(' / ')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" italic>
            {t.mapping.noSample}
          </Typography.Text>
        );
      },
    },
    {
      key: 'target',
      title: t.mapping.target,
      width: 280,
      render: (_, r) => {
        const value = mapping[r.header] ?? null;
        const twice = value !== null && duplicates.has(value);
        return (
          <Flex vertical gap={2}>
            <Select
              aria-label={`${t.mapping.target}: ${r.header}`}
              value={value ?? SKIP}
              options={options}
              status={twice ? 'warning' : undefined}
              showSearch={{ optionFilterProp: 'text' }}
              onChange={(v: string) => onChange({ ...mapping, [r.header]: v === SKIP ? null : v })}
              style={{ width: '100%' }}
            />
            {twice && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t.mapping.duplicateShort}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
  ];
  const required = upload.fields.filter((f) => f.required);
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t.mapping.intro}</Typography.Text>
      {required.length > 0 && (
        <Flex gap={4} wrap align="center">
          <Typography.Text>{t.mapping.requiredFields}</Typography.Text>
          {required.map((f) => (
            <Tag key={f.key} color={missing.includes(f) ? 'error' : 'success'}>
              {label(f)}
            </Tag>
          ))}
        </Flex>
      )}
      {showMissing && missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={format(t.mapping.missing, { fields: missing.map(label).join(separator) })}
        />
      )}
      {[...duplicates].map(([key, headers]) => (
        <Alert
          key={key}
          type="warning"
          showIcon
          title={format(t.mapping.duplicate, {
            field: byKey.get(key) ? label(byKey.get(key)!) : key,
            columns: headers.map((h) => `“${h}”`).join(separator),
          })}
        />
      ))}
      <Table<Row>
        rowKey="index"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={upload.headers.map((header, index) => ({ header, index }))}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
