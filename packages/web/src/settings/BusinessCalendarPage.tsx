import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { BusinessCalendar } from '@tideline/shared';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { FullPageSpinner } from '../layout/FullPageSpinner';
import { useRefusalText } from './apiRefusal';
import {
  CALENDAR_KEY,
  CALENDAR_PATH,
  TIME_OPTIONS,
  localizeCalendarError,
  useBusinessCalendar,
} from './businessCalendar';
import type { BusinessCalendarOut } from './businessCalendar';
import { CalendarPreview } from './CalendarPreview';
import { DateListInput } from './DateListInput';
import { useCalendarText } from './useCalendarText';

const MAX_PERIODS = 6;

const definitionOf = (c: BusinessCalendar): BusinessCalendar => ({
  working_days: c.working_days,
  hours: c.hours.map((h) => ({ start: h.start, end: h.end })),
  holidays: c.holidays,
  extra_working_days: c.extra_working_days,
});

/** /settings/calendar: the workspace's business calendar (工作日历). */
export function BusinessCalendarPage() {
  const refusal = useRefusalText();
  const { can } = useAuth();
  const query = useBusinessCalendar();
  if (query.isPending) return <FullPageSpinner />;
  if (query.isError) return <Alert type="error" showIcon title={refusal(query.error)} />;
  return <CalendarForm saved={query.data} editable={can('automations:manage')} />;
}

function CalendarForm({ saved, editable }: { saved: BusinessCalendarOut; editable: boolean }) {
  const t = useCalendarText();
  const { m } = useI18n();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BusinessCalendar>();
  const [badDates, setBadDates] = useState<string[]>([]);
  const initial = definitionOf(saved);
  const watched = {
    working_days: Form.useWatch('working_days', form) ?? initial.working_days,
    holidays: Form.useWatch('holidays', form) ?? initial.holidays,
    extra_working_days: Form.useWatch('extra_working_days', form) ?? initial.extra_working_days,
  };

  const submit = async (values: BusinessCalendar) => {
    const body = definitionOf(values);
    setBadDates([]);
    try {
      return await api<BusinessCalendarOut>(CALENDAR_PATH, { method: 'PUT', body });
    } catch (e) {
      const localized = localizeCalendarError(e, t, body);
      setBadDates(localized.badDates);
      throw localized.error;
    }
  };
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, submit, {
    onSuccess: (result) => {
      message.success(m.common.saved);
      queryClient.setQueryData(CALENDAR_KEY, result);
      form.setFieldsValue(definitionOf(result));
    },
  });
  const reset = useMutation({
    mutationFn: () => api<BusinessCalendar>(`${CALENDAR_PATH}/china-default`),
    onSuccess: (china) => {
      form.setFieldsValue(definitionOf(china));
      // Field errors from a refused save no longer apply to the replaced values.
      (form as FormInstance).setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
      setBadDates([]);
      clearError();
      message.info(t.resetDone);
    },
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      {saved.is_default ? (
        <Alert type="info" showIcon title={t.usingDefault} />
      ) : (
        saved.updated_at && (
          <Typography.Text type="secondary">
            {format(t.savedAt, { time: dayjs(saved.updated_at).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        )
      )}
      {!editable && <Alert type="warning" showIcon title={t.readOnly} />}
      {reset.isError && <Alert type="error" showIcon title={refusal(reset.error)} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ whiteSpace: 'pre-line' }} />}
      <Flex gap={24} wrap align="flex-start">
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={onFinish}
          disabled={!editable}
          style={{ flex: '1 1 420px', minWidth: 0 }}
        >
          <Form.Item name="working_days" label={t.workingDays}>
            <Checkbox.Group options={t.weekdays.map((label, i) => ({ label, value: i + 1 }))} />
          </Form.Item>
          <Form.Item label={t.hours} extra={t.hoursHelp} required>
            <Form.List name="hours">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="flex-start">
                      <Form.Item name={[field.name, 'start']} style={{ marginBottom: 0, width: 110 }}>
                        <Select
                          aria-label={`${t.start} ${i + 1}`}
                          showSearch
                          options={TIME_OPTIONS.slice(0, -1).map((v) => ({ value: v, label: v }))}
                          style={{ width: 110 }}
                        />
                      </Form.Item>
                      <Typography.Text style={{ lineHeight: '32px' }}>{t.to}</Typography.Text>
                      <Form.Item name={[field.name, 'end']} style={{ marginBottom: 0, width: 110 }}>
                        <Select
                          aria-label={`${t.end} ${i + 1}`}
                          showSearch
                          options={TIME_OPTIONS.slice(1).map((v) => ({ value: v, label: v }))}
                          style={{ width: 110 }}
                        />
                      </Form.Item>
                      {editable && fields.length > 1 && (
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={`${t.removePeriod} ${i + 1}`}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Flex>
                  ))}
                  {editable && fields.length < MAX_PERIODS && (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ start: '13:00', end: '18:00' })}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t.addPeriod}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="holidays" label={t.holidays} extra={t.holidaysHelp}>
            <DateListInput label={t.holidays} invalid={badDates} disabled={!editable} />
          </Form.Item>
          <Form.Item name="extra_working_days" label={t.extraDays} extra={t.extraHelp}>
            <DateListInput label={t.extraDays} invalid={badDates} disabled={!editable} />
          </Form.Item>
          {editable && (
            <Flex gap={8} wrap>
              <Button type="primary" htmlType="submit" loading={submitting}>
                {m.common.save}
              </Button>
              <Button icon={<ReloadOutlined />} loading={reset.isPending} onClick={() => reset.mutate()}>
                {t.resetChina}
              </Button>
            </Flex>
          )}
        </Form>
        <Card size="small" title={t.preview} style={{ flex: '0 1 380px' }}>
          <CalendarPreview calendar={watched} />
        </Card>
      </Flex>
    </Flex>
  );
}
