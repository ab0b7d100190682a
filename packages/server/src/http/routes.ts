import type { RouteModule } from './route-types';
import { authRoutes } from '../modules/auth/auth.routes';
import { userRoutes } from '../modules/users/user.routes';
import { departmentRoutes } from '../modules/departments/department.routes';
import { roleRoutes } from '../modules/roles/role.routes';
import { tokenRoutes } from '../modules/tokens/token.routes';
import { customerRoutes } from '../modules/customers/customer.routes';
import { contactRoutes } from '../modules/contacts/contact.routes';
import { leadRoutes } from '../modules/leads/lead.routes';
import { pipelineRoutes } from '../modules/pipelines/pipeline.routes';
import { dealRoutes } from '../modules/deals/deal.routes';
import { productRoutes } from '../modules/products/product.routes';
import { activityRoutes } from '../modules/activities/activity.routes';
import { taskRoutes } from '../modules/tasks/task.routes';
import { tagRoutes } from '../modules/tags/tag.routes';
import { customFieldRoutes } from '../modules/custom-fields/custom-field.routes';
import { timelineRoutes } from '../modules/timeline/timeline.routes';
import { ownershipRoutes } from '../modules/ownership/ownership.routes';
import { searchRoutes } from '../modules/search/search.routes';
import { notificationRoutes } from '../modules/notifications/notification.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { viewRoutes } from '../modules/views/view.routes';
import { calendarRoutes } from '../modules/calendars/calendar.routes';
import { automationRoutes } from '../modules/automations/automation.routes';
import { poolRoutes } from '../modules/pools/pool.routes';
import { dedupeRoutes } from '../modules/dedupe/dedupe.routes';
import { importRoutes } from '../modules/imports/import.routes';
import { distributionRoutes } from '../modules/distribution/distribution.routes';
import { exportRoutes } from '../modules/exports/export.routes';

/** Every module's routes, mounted under /api/v1. */
export const ROUTE_MODULES: RouteModule[] = [
  authRoutes,
  userRoutes,
  departmentRoutes,
  roleRoutes,
  tokenRoutes,
  customerRoutes,
  contactRoutes,
  leadRoutes,
  pipelineRoutes,
  dealRoutes,
  productRoutes,
  activityRoutes,
  taskRoutes,
  tagRoutes,
  customFieldRoutes,
  timelineRoutes,
  ownershipRoutes,
  searchRoutes,
  notificationRoutes,
  auditRoutes,
  viewRoutes,
  calendarRoutes,
  automationRoutes,
  poolRoutes,
  dedupeRoutes,
  importRoutes,
  distributionRoutes,
  exportRoutes,
];
