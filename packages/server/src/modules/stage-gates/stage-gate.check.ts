import type { FieldCatalog, StageGate, ValueExpr } from '@tideline/shared';
import { GATE_ON_ENTRY_FIELDS, GATE_REQUIRABLE_FIELDS } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { loadCustomFieldDefs } from '../custom-fields/custom-field.repository';
import type { CustomFieldDef } from '../custom-fields/custom-field-values';
import { validateCustomValues } from '../custom-fields/custom-field-values';
import { dealCatalogFrom } from '../deals/deal.catalog';
import { checkEntryCondition } from './stage-gate.condition';
import { ON_ENTRY_UNITS } from './stage-gate.rules';

/* Checks of a gate definition when a pipeline is saved; every issue names the part of the gate at fault. */

const isCustom = (path: string) => path.startsWith('custom.');

function checkRequired(gate: StageGate, catalog: FieldCatalog, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  gate.required_fields.forEach((path, j) => {
    const where = `${at}.required_fields[${j}]`;
    if (seen.has(path)) issues.push({ path: where, message: `${path} is listed twice`, code: 'duplicate' });
    else if (isCustom(path) ? !catalog[path] : !(GATE_REQUIRABLE_FIELDS as readonly string[]).includes(path))
      issues.push({
        path: where,
        message: isCustom(path)
          ? `no custom deal field ${path.slice('custom.'.length)}`
          : `${path} is not a deal field a stage can require (${GATE_REQUIRABLE_FIELDS.join(', ')} or custom.<key>)`,
        code: 'unknown_field',
      });
    seen.add(path);
  });
  return issues;
}

/** A constant for a built-in on-entry field: a date, or a text; null clears. */
function builtinConstError(path: string, value: unknown): string | null {
  if (value === null) return null;
  if (path === 'expected_close_date')
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
      ? null
      : 'must be a date, YYYY-MM-DD';
  return typeof value === 'string' && value.length <= 20_000 ? null : 'must be text';
}

function checkExpr(
  path: string,
  expr: ValueExpr,
  type: string,
  defs: readonly CustomFieldDef[],
  where: string,
): FieldIssue | null {
  const timed = type === 'date' || type === 'instant';
  switch (expr.type) {
    case 'template':
      return {
        path: where,
        message: 'templates are not supported in on-entry edits; use a constant, now or a relative time',
        code: 'template_not_supported',
      };
    case 'now':
    case 'relative':
      if (!timed)
        return { path: where, message: `${path} is not a date or time field`, code: 'invalid_type' };
      if (expr.type === 'relative' && !(ON_ENTRY_UNITS as readonly string[]).includes(expr.unit))
        return {
          path: `${where}.unit`,
          message: `on-entry edits offset by ${ON_ENTRY_UNITS.join(', ')}`,
          code: 'unsupported_unit',
        };
      return null;
    case 'const': {
      if (!isCustom(path)) {
        const error = builtinConstError(path, expr.value);
        return error ? { path: `${where}.value`, message: error, code: 'invalid_type' } : null;
      }
      const key = path.slice('custom.'.length);
      const def = defs.filter((d) => d.key === key).map((d) => ({ ...d, required: false }));
      const issue = validateCustomValues(def, { [key]: expr.value }, null).issues[0];
      return issue
        ? { path: `${where}.value`, message: issue.message, code: issue.code ?? 'invalid_type' }
        : null;
    }
  }
}

function checkOnEntry(
  gate: StageGate,
  catalog: FieldCatalog,
  defs: readonly CustomFieldDef[],
  at: string,
): { issues: FieldIssue[]; userIds: { path: string; id: string }[] } {
  const issues: FieldIssue[] = [];
  const userIds: { path: string; id: string }[] = [];
  for (const [path, expr] of Object.entries(gate.on_entry)) {
    const where = `${at}.on_entry.${path}`;
    const info = catalog[path];
    if (!info || (!isCustom(path) && !(GATE_ON_ENTRY_FIELDS as readonly string[]).includes(path))) {
      issues.push({
        path: where,
        message: isCustom(path)
          ? `no custom deal field ${path.slice('custom.'.length)}`
          : `${path} cannot be set on entry (${GATE_ON_ENTRY_FIELDS.join(', ')} or custom.<key>)`,
        code: 'unknown_field',
      });
      continue;
    }
    const issue = checkExpr(path, expr, info.type, defs, where);
    if (issue) issues.push(issue);
    else if (expr.type === 'const' && info.type === 'user' && typeof expr.value === 'string')
      userIds.push({ path: `${where}.value`, id: expr.value });
  }
  return { issues, userIds };
}

/**
 * Every problem with one stage's gate, paths under `at` (e.g. `stages[2].gate`), plus the user ids
 * its constants name, which the caller checks against the workspace.
 */
export function gateIssues(
  gate: StageGate,
  catalog: FieldCatalog,
  defs: readonly CustomFieldDef[],
  at: string,
): { issues: FieldIssue[]; userIds: { path: string; id: string }[] } {
  const onEntry = checkOnEntry(gate, catalog, defs, at);
  const issues = [...checkRequired(gate, catalog, at), ...onEntry.issues];
  if (gate.entry_condition)
    issues.push(...checkEntryCondition(gate.entry_condition, catalog, `${at}.entry_condition`));
  return { issues, userIds: onEntry.userIds };
}

/**
 * Check the gates of a pipeline's stages against the workspace's deal fields before they are saved;
 * throws one ValidationError naming every bad part (`stages[2].gate.required_fields[0]`).
 */
export async function assertValidGates(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  stages: readonly { gate?: StageGate | null | undefined }[],
): Promise<void> {
  if (!stages.some((s) => s.gate)) return;
  const defs = await loadCustomFieldDefs(trx, deps.database.dialect, workspaceId, 'deal');
  const catalog = dealCatalogFrom(defs);
  const issues: FieldIssue[] = [];
  const userIds: { path: string; id: string }[] = [];
  stages.forEach((s, i) => {
    if (!s.gate) return;
    const found = gateIssues(s.gate, catalog, defs, `stages[${i}].gate`);
    issues.push(...found.issues);
    userIds.push(...found.userIds);
  });
  if (userIds.length) {
    const rows = await trx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        userIds.map((u) => u.id),
      )
      .execute();
    const known = new Set(rows.map((r) => r.id));
    for (const u of userIds)
      if (!known.has(u.id))
        issues.push({ path: u.path, message: 'no such user in this workspace', code: 'not_found' });
  }
  if (issues.length) throw new ValidationError(issues);
}
