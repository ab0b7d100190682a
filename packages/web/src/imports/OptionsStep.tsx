import { Alert, Form, Radio, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { TagSelect } from '../forms/TagSelect';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import { usePools } from './importApi';
import type { ColumnMapping, ImportEntity, ImportField, ImportUpload } from './importTypes';
import { IMPORT_OWNER_FIELD } from './importTypes';
import { mappedFields } from './mappingModel';
import { ownerSources } from './startBody';
import type { ImportOptions } from './startBody';
import { useImportText } from './useImportText';

interface Props {
  form: FormInstance<ImportOptions>;
  entity: ImportEntity;
  upload: ImportUpload;
  mapping: ColumnMapping;
  initial: ImportOptions;
  /** What the server said when it refused to start, beyond what landed on the fields. */
  error: string | null;
}

/** Step 3: create, update or skip duplicates; who owns the new records; tags for all of them. */
export function OptionsStep({ form, entity, upload, mapping, initial, error }: Props) {
  const t = useImportText();
  const { locale } = useI18n();
  const label = (f: ImportField) => (locale === 'zh-CN' ? f.label_zh : f.label_en);
  const mode = Form.useWatch('mode', form) ?? initial.mode;
  const from = Form.useWatch(['owner', 'from'], form) ?? initial.owner.from;
  const sources = ownerSources(entity);
  const pools = usePools(from === 'pool');
  // The owner is chosen below, not looked up by; any other mapped field can find the record to update.
  const keys = mappedFields(mapping, upload.fields).filter((f) => f.key !== IMPORT_OWNER_FIELD);
  return (
    <Form<ImportOptions> form={form} layout="vertical" initialValues={initial} style={{ maxWidth: 640 }}>
      <Form.Item name="mode" label={t.options.mode} extra={t.options.modeHelp[mode]}>
        <Radio.Group
          options={(['create', 'update', 'skip_duplicates'] as const).map((v) => ({
            value: v,
            label: t.options.modes[v],
          }))}
        />
      </Form.Item>
      {mode === 'update' && (
        <Form.Item
          name="key"
          label={t.options.key}
          extra={t.options.keyHelp}
          rules={[{ required: true, message: t.options.keyRequired }]}
        >
          <Select options={keys.map((f) => ({ value: f.key, label: label(f) }))} style={{ maxWidth: 320 }} />
        </Form.Item>
      )}
      {sources.length === 0 ? (
        <Form.Item label={t.options.owner}>
          <Typography.Text type="secondary">{t.options.contactOwner}</Typography.Text>
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name={['owner', 'from']}
            label={t.options.owner}
            extra={from === 'distribution' ? t.options.distributionHelp : undefined}
          >
            <Radio.Group options={sources.map((v) => ({ value: v, label: t.options.owners[v] }))} />
          </Form.Item>
          {from === 'column' && (
            <Form.Item
              name={['owner', 'column']}
              label={t.options.ownerColumn}
              extra={t.options.ownerColumnHelp}
              rules={[{ required: true, message: t.options.ownerColumnRequired }]}
            >
              <Select
                options={upload.headers.map((h) => ({ value: h, label: h }))}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
          )}
          {from === 'user' && (
            <Form.Item
              name={['owner', 'user_id']}
              label={t.options.ownerUser}
              rules={[{ required: true, message: t.options.ownerUserRequired }]}
            >
              <UserSelect allowClear={false} style={{ maxWidth: 320 }} />
            </Form.Item>
          )}
          {from === 'pool' && (
            <Form.Item
              name={['owner', 'pool_id']}
              label={t.options.pool}
              rules={[{ required: true, message: t.options.poolRequired }]}
            >
              <Select
                loading={pools.isLoading}
                options={(pools.data ?? []).map((p) => ({
                  value: p.id,
                  label: p.enabled ? p.name : `${p.name}${t.options.poolDisabled}`,
                  disabled: !p.enabled,
                }))}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item name="tags" label={t.options.tags} extra={t.options.tagsHelp}>
        <TagSelect style={{ maxWidth: 480 }} />
      </Form.Item>
      {error && (
        <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-line' }}>{error}</span>} />
      )}
    </Form>
  );
}
