import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Flex, Form, Result, Steps, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../auth/AuthProvider';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { importableEntities, isImportEntity } from './importAccess';
import { localizeImportError } from './importErrors';
import { startImport, useImportStarted, useUploadImport } from './importApi';
import type { ColumnMapping, ImportEntity, ImportUpload } from './importTypes';
import { ImportProgress } from './ImportProgress';
import { initialMapping, unmappedRequired } from './mappingModel';
import { MappingStep } from './MappingStep';
import { OptionsStep } from './OptionsStep';
import { initialOptions, startBody } from './startBody';
import type { ImportOptions } from './startBody';
import { UploadStep } from './UploadStep';
import { useImportText } from './useImportText';

/** /imports/new?entity=customer: upload a file, map its columns, choose how, then watch it run. */
export function ImportWizard({ pollMs }: { pollMs?: number }) {
  const t = useImportText();
  const { locale } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const [params] = useSearchParams();
  const allowed = importableEntities(can);
  const requested = params.get('entity');
  const [entity, setEntity] = useState<ImportEntity | undefined>(
    isImportEntity(requested) && allowed.includes(requested) ? requested : allowed[0],
  );
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [showMissing, setShowMissing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [form] = Form.useForm<ImportOptions>();
  // The upload the options form was filled for: a new file starts the options afresh.
  const optionsFor = useRef<string | null>(null);
  const uploader = useUploadImport();
  const started = useImportStarted();
  const submit = useFormSubmit<ImportOptions, Awaited<ReturnType<typeof startImport>>>(
    form,
    (values) =>
      startImport(upload!.id, startBody(upload!.entity, mapping, values)).catch((e: unknown) => {
        throw localizeImportError(e, t, locale, t.options.startFailed);
      }),
    {
      onSuccess: (job) => {
        started(job);
        setJobId(job.id);
        setStep(3);
      },
    },
  );

  if (!entity) {
    const noun = t.entities[isImportEntity(requested) ? requested : 'customer'];
    return <Result status="403" title={format(t.noAccess, { noun })} />;
  }

  const reset = () => {
    setUpload(null);
    setMapping({});
    setShowMissing(false);
    setJobId(null);
    setStep(0);
    uploader.reset();
    submit.clearError();
  };
  const onFile = (file: File) => {
    uploader.mutate(
      { file, entity },
      {
        onSuccess: (answer) => {
          setUpload(answer);
          setMapping(initialMapping(answer));
          setShowMissing(false);
        },
      },
    );
  };
  const toOptions = () => {
    if (!upload) return;
    setShowMissing(true);
    if (unmappedRequired(mapping, upload.fields).length > 0) return;
    if (optionsFor.current !== null && optionsFor.current !== upload.id) {
      // The form has been shown before (so it is connected); its first values came from another file.
      const next = initialOptions(upload.entity, mapping, me.user.id);
      form.resetFields();
      form.setFieldsValue({
        ...next,
        key: undefined,
        owner: { column: undefined, pool_id: undefined, ...next.owner },
      });
    }
    optionsFor.current = upload.id;
    setStep(2);
  };
  const start = () => {
    form.validateFields().then(submit.onFinish, () => undefined);
  };

  const content =
    step === 0 || !upload ? (
      <UploadStep
        entity={entity}
        onEntity={setEntity}
        upload={upload}
        reading={uploader.isPending}
        error={uploader.error}
        onFile={onFile}
        onReset={reset}
      />
    ) : step === 1 ? (
      <MappingStep upload={upload} mapping={mapping} onChange={setMapping} showMissing={showMissing} />
    ) : step === 2 || !jobId ? (
      <OptionsStep
        form={form}
        entity={upload.entity}
        upload={upload}
        mapping={mapping}
        initial={initialOptions(upload.entity, mapping, me.user.id)}
        error={submit.formError}
      />
    ) : (
      <ImportProgress id={jobId} {...(pollMs ? { pollMs } : {})} />
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {format(t.wizardTitle, { noun: t.entities[entity] })}
        </Typography.Title>
        <Link to="/imports">
          <Button icon={<HistoryOutlined />}>{t.nav.history}</Button>
        </Link>
      </Flex>
      <Card>
        <Flex vertical gap={24}>
          <Steps
            current={step}
            items={[
              { title: t.steps.upload },
              { title: t.steps.mapping },
              { title: t.steps.options },
              { title: t.steps.progress },
            ]}
          />
          {content}
          <Flex justify="flex-end" gap={8}>
            {(step === 1 || step === 2) && <Button onClick={() => setStep(step - 1)}>{t.nav.prev}</Button>}
            {step === 0 && (
              <Button type="primary" disabled={!upload} onClick={() => setStep(1)}>
                {t.nav.next}
              </Button>
            )}
            {step === 1 && (
              <Button type="primary" onClick={toOptions}>
                {t.nav.next}
              </Button>
            )}
            {step === 2 && (
              <Button type="primary" loading={submit.submitting} onClick={start}>
                {t.nav.start}
              </Button>
            )}
            {step === 3 && <Button onClick={reset}>{t.nav.again}</Button>}
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
