import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { DuplicateDialog } from './DuplicateDialog';
import { duplicateStop } from './duplicateMatches';
import type { DuplicateStop } from './duplicateMatches';

const CHECKED = new Set(['customer', 'contact', 'lead']);
type Allow = 'true' | 'false' | undefined;

/**
 * Creates that ask before a duplicate: the first try sends `allow_duplicate=false`, so a warning rule
 * stops the create (409 duplicate_warning) as a block does; the dialog then shows what matched, and
 * "仍然创建" submits the form again with `allow_duplicate=true`. Entities without duplicate rules
 * send nothing extra.
 */
export function useDuplicateConfirm(
  entity: string,
  resubmit: () => void,
  fieldLabel?: (field: string) => string | undefined,
): { send: <T>(request: (allow: Allow) => Promise<T>) => Promise<T | null>; dialog: ReactNode } {
  const [stop, setStop] = useState<DuplicateStop | null>(null);
  const confirmed = useRef(false);
  const checked = CHECKED.has(entity);
  const send = async <T,>(request: (allow: Allow) => Promise<T>): Promise<T | null> => {
    if (!checked) return request(undefined);
    const allow = confirmed.current ? 'true' : 'false';
    confirmed.current = false;
    try {
      return await request(allow);
    } catch (error) {
      const found = duplicateStop(error);
      if (!found) throw error;
      setStop(found);
      return null;
    }
  };
  const dialog = checked ? (
    <DuplicateDialog
      stop={stop}
      entity={entity as 'customer' | 'contact' | 'lead'}
      fieldLabel={fieldLabel}
      onClose={() => setStop(null)}
      onConfirm={() => {
        confirmed.current = true;
        setStop(null);
        resubmit();
      }}
    />
  ) : null;
  return { send, dialog };
}
