import type { ComponentType } from 'react';
import type { Permission } from '@tideline/shared';
import type { Messages } from '../i18n/zh-CN';
import type { ListEntity } from './entityFields';

export interface CreateFormProps {
  open: boolean;
  onClose: () => void;
  onCreated: (record: { id: string }) => void;
}

/** What makes one record list (customers, leads, contacts, deals) different from the others. */
export interface EntityConfig {
  entity: ListEntity;
  /** API collection and page route, e.g. "/customers". */
  path: string;
  title: (m: Messages) => string;
  noun: (m: Messages) => string;
  /** The create button and dialog title, e.g. 新建客户 / New customer. */
  createLabel: (m: Messages) => string;
  read: Permission;
  write: Permission;
  remove: Permission;
  /** Whether owners can be reassigned in bulk (POST /ownership/transfer). */
  transferable: boolean;
  defaultColumns: string[];
  defaultSort: string;
  CreateForm?: ComponentType<CreateFormProps>;
}
