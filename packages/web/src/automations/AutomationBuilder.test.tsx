import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Navigate, Route, Routes } from 'react-router';
import type { AutomationDefinition } from '@tideline/shared';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { AutomationBuilder } from './AutomationBuilder';
import { TEST_CATALOG } from './testCatalog';

const ADMIN = {
  ...TEST_ME,
  permissions: [...TEST_ME.permissions, 'automations:read' as const, 'automations:manage' as const],
};

const DEFINITION: AutomationDefinition = {
  trigger: {
    type: 'relative_time',
    entity: 'customer',
    field: 'last_contact_at',
    direction: 'after',
    offset: { amount: 30, unit: 'days' },
  },
  conditions: { all: [{ field: 'status', op: 'eq', value: 'lost' }] },
  steps: [
    {
      id: 'notify_1',
      kind: 'action',
      params: {
        action: 'notify',
        channel: 'in_app',
        recipients: [{ type: 'owner' }],
        title: '提醒',
        body: '',
      },
    },
    {
      id: 'branch_1',
      kind: 'branch',
      condition: { all: [] },
      then: [
        {
          id: 'task_1',
          kind: 'action',
          params: { action: 'create_task', title: '{% if %}', assignee: { type: 'owner' } },
        },
      ],
      else: [],
    },
  ],
};

const AUTOMATION = {
  id: 'a1',
  name: '30 天未联系提醒',
  notes: null,
  owner_id: TEST_ME.user.id,
  enabled: true,
  version: 3,
  trigger_type: 'relative_time',
  entity: 'customer',
  template_key: null,
  last_run_at: null,
  last_run_status: null,
  webhook_path: null,
  definition: DEFINITION,
  created_at: '2026-11-20T02:00:00Z',
  updated_at: '2026-11-20T02:00:00Z',
  versions: [],
};

const PROBLEMS = [
  { path: 'name', message: 'Required', code: 'required' },
  {
    path: 'definition.trigger.offset.unit',
    message: 'time rules are checked every few minutes',
    code: 'invalid',
  },
  {
    path: 'definition.conditions.all[0].value',
    message: 'must be one of potential, active',
    code: 'invalid',
  },
  {
    path: 'definition.steps[1].then[0].params.title',
    message: 'the template does not parse (line 1)',
    code: 'invalid_template',
  },
  { path: 'definition.steps[0].params.platform', message: 'choose the robot platform', code: 'invalid' },
];

function setup() {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/automations/a1' && init.method === 'PATCH')
      return {
        status: 400,
        body: { code: 'validation_failed', title: 'The automation has problems', errors: PROBLEMS },
      };
    if (url.pathname === '/api/v1/automations/a1') return { body: AUTOMATION };
    if (url.pathname === '/api/v1/automations/catalog') return { body: { fields: TEST_CATALOG } };
    if (url.pathname === '/api/v1/users') return { body: { items: [], next_cursor: null } };
    if (url.pathname === '/api/v1/pipelines' || url.pathname === '/api/v1/tags')
      return { body: { items: [] } };
    return undefined;
  });
  render(
    <TestProviders me={ADMIN}>
      <Routes>
        <Route path="/" element={<Navigate to="/automations/a1" />} />
        <Route path="/automations/:id" element={<AutomationBuilder />} />
      </Routes>
    </TestProviders>,
  );
  return { calls, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

const card = (path: string) => document.querySelector<HTMLElement>(`[data-step-path="${path}"]`)!;

describe('AutomationBuilder', () => {
  it('shows each of the server’s problems next to the part of the rule it names', async () => {
    const { calls, user } = setup();
    expect(await screen.findByText('客户 最近跟进 之后 30 天')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: '名称' }));
    await user.click(screen.getByRole('button', { name: /保\s?存/ }));

    expect(await screen.findByText('有 5 处问题，已在对应位置标出')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toMatchObject({ name: '', enabled: true, definition: DEFINITION });

    // The basics: a known code in the UI's language.
    expect(screen.getByText('此项必填')).toBeTruthy();
    // The trigger's offset, under the trigger.
    expect(screen.getByText('time rules are checked every few minutes')).toBeTruthy();
    // The condition's value, on its row.
    const leaf = screen.getAllByTestId('condition-leaf')[0]!;
    expect(within(leaf).getByText('must be one of potential, active')).toBeTruthy();
    // The nested task's title, inside the branch's "if" arm, not on the first step.
    expect(within(card('steps[1].then[0]')).getByText('the template does not parse (line 1)')).toBeTruthy();
    expect(within(card('steps[0]')).queryByText('the template does not parse (line 1)')).toBeNull();
    // What no visible part shows (a robot platform on an in-app notification) is listed above.
    await waitFor(() => {
      const unplaced = screen.getByTestId('unplaced-errors');
      expect(unplaced.textContent).toContain('steps[0].params.platform');
      expect(unplaced.textContent).not.toContain('then[0].params.title');
    });
  });
});
