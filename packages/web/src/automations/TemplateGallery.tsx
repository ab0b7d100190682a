import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Empty, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from '../settings/apiRefusal';
import { useTemplates } from './automationApi';
import type { AutomationTemplate } from './automationTypes';
import { collectStepIds } from './stepModel';
import { TemplateInstallModal } from './TemplateInstallModal';
import { triggerEntity } from './triggerModel';
import { useAutomationText } from './useAutomationText';
import { useTriggerSummaries } from './useTriggerSummaries';

/** /automations/templates: ready-made rules in both languages; "启用" asks what each needs and installs it. */
export function TemplateGallery() {
  const t = useAutomationText();
  const { m, locale } = useI18n();
  const { can } = useAuth();
  const refusal = useRefusalText();
  const query = useTemplates();
  const templates = query.data ?? [];
  const summary = useTriggerSummaries(templates.map((x) => x.definition.trigger));
  const [installing, setInstalling] = useState<AutomationTemplate | null>(null);
  const other = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  let body: React.ReactNode;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (query.isError)
    body = (
      <Result
        status="warning"
        title={t.templates.errorTitle}
        subTitle={refusal(query.error)}
        extra={<Button onClick={() => void query.refetch()}>{m.common.retry}</Button>}
      />
    );
  else if (templates.length === 0) body = <Empty description={t.templates.emptyTitle} />;
  else
    body = (
      <Row gutter={[16, 16]}>
        {templates.map((tpl) => {
          const entity = triggerEntity(tpl.definition.trigger);
          return (
            <Col key={tpl.key} xs={24} md={12} xl={8}>
              <Card
                data-testid="template-card"
                style={{ height: '100%' }}
                styles={{ body: { height: '100%' } }}
              >
                <Flex vertical gap={8} style={{ height: '100%' }}>
                  <div>
                    <Typography.Title level={5} style={{ margin: 0 }}>
                      {tpl.name[locale]}
                    </Typography.Title>
                    <Typography.Text type="secondary">{tpl.name[other]}</Typography.Text>
                  </div>
                  <Typography.Paragraph style={{ margin: 0 }}>{tpl.description[locale]}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                    {tpl.description[other]}
                  </Typography.Paragraph>
                  <Flex gap={4} wrap style={{ marginTop: 'auto' }}>
                    {entity && <Tag color="blue">{t.entities[entity]}</Tag>}
                    <Tag>{summary(tpl.definition.trigger)}</Tag>
                    <Tag>{format(t.templates.steps, { n: collectStepIds(tpl.definition.steps).size })}</Tag>
                  </Flex>
                  {can('automations:manage') && (
                    <div>
                      <Button
                        type="primary"
                        icon={<ThunderboltOutlined />}
                        aria-label={`${t.templates.use} ${tpl.name[locale]}`}
                        onClick={() => setInstalling(tpl)}
                      >
                        {t.templates.use}
                      </Button>
                    </div>
                  )}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
    );
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Link to="/automations">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t.actions.back} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.templates.title}
        </Typography.Title>
      </Flex>
      <Typography.Text type="secondary">{t.templates.intro}</Typography.Text>
      {body}
      <TemplateInstallModal template={installing} onClose={() => setInstalling(null)} />
    </Flex>
  );
}
