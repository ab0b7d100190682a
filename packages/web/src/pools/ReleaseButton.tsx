import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { usePoolText } from './usePoolText';

// The modal (form, text area, pool list) loads on first use: the customer list's first screen stays small.
const ReleaseModal = lazy(async () => ({ default: (await import('./ReleaseModal')).ReleaseModal }));

/** The 退回公海 button with its modal: on the customer page and in the customer list's bulk actions. */
export function ReleaseButton({
  ids,
  onDone,
  ...button
}: { ids: string[]; onDone?: () => void } & Omit<ButtonProps, 'onClick'>) {
  const t = usePoolText();
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        icon={<RollbackOutlined />}
        {...button}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        {t.release.action}
      </Button>
      {used && (
        <Suspense fallback={null}>
          <ReleaseModal
            ids={ids}
            open={open}
            onClose={() => setOpen(false)}
            {...(onDone ? { onDone } : {})}
          />
        </Suspense>
      )}
    </>
  );
}
