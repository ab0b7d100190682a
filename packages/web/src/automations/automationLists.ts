import type {
  AutomationEntity,
  ClientEventType,
  DurationUnit,
  RobotPlatform,
  RunStatus,
} from '@tideline/shared';

/**
 * The automation schema's value lists, for selects. Importing them from @tideline/shared would bring
 * the module that builds its zod schemas (about 28 KB gzip) into every automation screen; each list
 * is spelled out here from a Record over the shared type, so the compiler rejects a missing or extra
 * value when the schema changes.
 */
const keys = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

export const DURATION_UNITS: readonly DurationUnit[] = keys<DurationUnit>({
  minutes: true,
  hours: true,
  days: true,
  business_days: true,
  business_hours: true,
});

export const CLIENT_EVENT_TYPES: readonly ClientEventType[] = keys<ClientEventType>({
  email_opened: true,
  link_clicked: true,
  form_submitted: true,
  message_received: true,
});

export const AUTOMATION_ENTITIES: readonly AutomationEntity[] = keys<AutomationEntity>({
  lead: true,
  customer: true,
  contact: true,
  deal: true,
  task: true,
  activity: true,
});

export const ROBOT_PLATFORMS: readonly RobotPlatform[] = keys<RobotPlatform>({
  wecom: true,
  dingtalk: true,
  feishu: true,
});

export const RUN_STATUSES: readonly RunStatus[] = keys<RunStatus>({
  pending: true,
  running: true,
  waiting: true,
  completed: true,
  failed: true,
  stopped: true,
});
