import type { ActionParams, ActionType, Step } from '@tideline/shared';

/**
 * The step list's model, free of React: fresh steps of each kind with sensible defaults, short step
 * ids that are unique across the whole tree (the server refuses duplicates), and list moves.
 */

export type StepKind = Step['kind'];
export const STEP_KINDS: readonly StepKind[] = ['action', 'delay', 'branch', 'wait'];
export const ACTION_TYPES: readonly ActionType[] = [
  'notify',
  'create_task',
  'set_fields',
  'add_tags',
  'remove_tags',
  'assign_owner',
  'send_email',
  'move_stage',
  'call_webhook',
];

/** Every step id in a tree, nested branches and waits included. */
export function collectStepIds(steps: readonly Step[], into = new Set<string>()): Set<string> {
  for (const step of steps) {
    into.add(step.id);
    if (step.kind === 'branch') {
      collectStepIds(step.then, into);
      collectStepIds(step.else, into);
    } else if (step.kind === 'wait') {
      collectStepIds(step.then, into);
      collectStepIds(step.on_timeout, into);
    }
  }
  return into;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short id like `notify_k3f9` that no step of the tree uses yet. */
export function newStepId(prefix: string, taken: ReadonlySet<string>, random: () => number = Math.random) {
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 4; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const id = `${prefix}_${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** An action's parameters as a fresh step starts them; the server says what is still missing. */
export function newAction(action: ActionType): ActionParams {
  switch (action) {
    case 'set_fields':
      return { action, values: {} };
    case 'add_tags':
    case 'remove_tags':
      return { action, tags: [] };
    case 'assign_owner':
      return { action, strategy: 'round_robin', user_ids: [] };
    case 'create_task':
      return {
        action,
        title: '',
        assignee: { type: 'owner' },
        due_in: { amount: 1, unit: 'business_days' },
      };
    case 'notify':
      return { action, channel: 'in_app', recipients: [{ type: 'owner' }], title: '', body: '' };
    case 'send_email':
      return { action, to: 'record_contact', subject: '', body: '' };
    case 'move_stage':
      return { action, stage_id: '' };
    case 'call_webhook':
      return { action, url: '', method: 'POST', body: '' };
  }
}

export function newStep(kind: StepKind, taken: ReadonlySet<string>, action: ActionType = 'notify'): Step {
  switch (kind) {
    case 'action':
      return { id: newStepId(action, taken), kind, params: newAction(action) };
    case 'delay':
      return { id: newStepId('delay', taken), kind, duration: { amount: 1, unit: 'days' } };
    case 'branch':
      return { id: newStepId('branch', taken), kind, condition: { all: [] }, then: [], else: [] };
    case 'wait':
      return {
        id: newStepId('wait', taken),
        kind,
        event: 'client.email_opened',
        timeout: { amount: 3, unit: 'days' },
        then: [],
        on_timeout: [],
      };
  }
}

/** The list with item `index` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moveStep<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
