import { useState } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { TaskCreateModal } from './TaskCreateModal';
import type { TaskDefaults } from './TaskCreateModal';
import { useTaskText } from './useTaskText';

/** "New task" for any page: drop it on a record page with defaults={{ related_type, related_id }}. */
export function TaskCreateButton({ defaults, ...button }: ButtonProps & { defaults?: TaskDefaults }) {
  const tt = useTaskText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PlusOutlined />} {...button} onClick={() => setOpen(true)}>
        {button.children ?? tt.newTask}
      </Button>
      <TaskCreateModal open={open} onClose={() => setOpen(false)} {...(defaults ? { defaults } : {})} />
    </>
  );
}
