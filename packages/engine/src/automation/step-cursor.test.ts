import { describe, expect, it } from 'vitest';
import type { Step } from '@tideline/shared';
import { enterArm, firstCursor, nextCursor, stepAt, walkSteps, cursorPath } from './step-cursor';
import type { StepCursor } from './step-cursor';

const act = (id: string): Step => ({ id, kind: 'action', params: { action: 'add_tags', tags: [id] } });
// a, branch(b: then [c, d] else []), wait(e: then [f] on_timeout [g]), h
const steps: Step[] = [
  act('a'),
  { id: 'b', kind: 'branch', condition: { all: [] }, then: [act('c'), act('d')], else: [] },
  {
    id: 'e',
    kind: 'wait',
    event: 'client.email_opened',
    timeout: { amount: 3, unit: 'days' },
    then: [act('f')],
    on_timeout: [act('g')],
  },
  act('h'),
];

describe('step cursor', () => {
  it.each<[StepCursor, string | null]>([
    [[0], 'a'],
    [[1], 'b'],
    [[1, 'then', 1], 'd'],
    [[1, 'else', 0], null],
    [[2, 'on_timeout', 0], 'g'],
    [[4], null],
    [[0, 'then', 0], null],
  ])('stepAt %j is %s', (cursor, id) => {
    expect(stepAt(steps, cursor)?.id ?? null).toBe(id);
  });

  it.each<[StepCursor, StepCursor | null]>([
    [[0], [1]],
    [
      [1, 'then', 0],
      [1, 'then', 1],
    ],
    [[1, 'then', 1], [2]], // the end of an arm continues after the branch
    [[2, 'then', 0], [3]],
    [[2, 'on_timeout', 0], [3]],
    [[3], null],
  ])('after %j comes %j', (cursor, next) => {
    expect(nextCursor(steps, cursor)).toEqual(next);
  });

  it.each<[StepCursor, 'then' | 'else' | 'on_timeout', StepCursor | null]>([
    [[1], 'then', [1, 'then', 0]],
    [[1], 'else', [2]], // an empty arm continues after the branch
    [[2], 'on_timeout', [2, 'on_timeout', 0]],
  ])('entering %j %s lands on %j', (cursor, arm, to) => {
    expect(enterArm(steps, cursor, arm)).toEqual(to);
  });

  it('walks every step depth first with its path', () => {
    expect(walkSteps(steps).map((w) => `${w.step.id}@${cursorPath(w.cursor)}`)).toEqual([
      'a@steps[0]',
      'b@steps[1]',
      'c@steps[1].then[0]',
      'd@steps[1].then[1]',
      'e@steps[2]',
      'f@steps[2].then[0]',
      'g@steps[2].on_timeout[0]',
      'h@steps[3]',
    ]);
    expect(firstCursor([])).toBeNull();
  });
});
