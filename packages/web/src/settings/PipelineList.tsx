import { useState } from 'react';
import { Button, Card, Col, Empty, Menu, Row, Skeleton, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { usePipelines } from '../api/hooks';
import { PipelineEditor } from './PipelineEditor';
import { useSettingsText } from './useSettingsText';

const NEW = 'new';

/** /settings/pipelines: the pipelines on the left, the chosen one's editor (or a new draft) on the right. */
export function PipelineList() {
  const t = useSettingsText();
  const { data: pipelines = [], isPending } = usePipelines();
  const [selected, setSelected] = useState<string | null>(null);
  const current =
    selected === NEW ? null : (pipelines.find((x) => x.id === selected) ?? pipelines[0] ?? null);
  const editing = selected === NEW ? NEW : current?.id;
  return (
    <Card
      title={t.sections.pipelines}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setSelected(NEW)}>
          {t.pipelines.new}
        </Button>
      }
    >
      {isPending ? (
        <Skeleton active />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} md={7}>
            <Menu
              mode="inline"
              selectedKeys={editing ? [editing] : []}
              onClick={({ key }) => setSelected(key)}
              style={{ borderInlineEnd: 'none' }}
              items={pipelines.map((x) => ({
                key: x.id,
                label: (
                  <span>
                    {x.name} {x.is_default && <Tag color="blue">{t.pipelines.default}</Tag>}
                  </span>
                ),
              }))}
            />
          </Col>
          <Col xs={24} md={17}>
            {editing ? (
              <PipelineEditor
                key={
                  current
                    ? `${current.id}:${current.name}:${current.is_default}:${JSON.stringify(current.stages)}`
                    : NEW
                }
                pipeline={current}
                onSaved={(saved) => setSelected(saved.id)}
                onDeleted={() => setSelected(null)}
              />
            ) : (
              <Empty description={t.pipelines.pick} />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
