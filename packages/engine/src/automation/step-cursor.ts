import type { Step } from '@tideline/shared';

/**
 * Where a run stands: a path into the step tree, e.g. [2, 'then', 0] is the first step of the `then`
 * arm of the third top-level step. A run saves its cursor after every step, so it can resume anywhere.
 */
export type StepCursor = (number | StepArm)[];
export type StepArm = 'then' | 'else' | 'on_timeout';

/** The step at a cursor, or null when the cursor points past the end of its list. */
export function stepAt(steps: readonly Step[], cursor: StepCursor): Step | null {
  let list: readonly Step[] = steps;
  let step: Step | null = null;
  for (const part of cursor) {
    if (typeof part === 'number') {
      step = list[part] ?? null;
      if (!step) return null;
    } else {
      if (!step) return null;
      const arm = armOf(step, part);
      if (!arm) return null;
      list = arm;
      step = null;
    }
  }
  return step;
}

function armOf(step: Step, arm: StepArm): readonly Step[] | null {
  if (step.kind === 'branch' && (arm === 'then' || arm === 'else')) return step[arm];
  if (step.kind === 'wait' && (arm === 'then' || arm === 'on_timeout')) return step[arm];
  return null;
}

/** The first step of a definition; null for an empty one. */
export function firstCursor(steps: readonly Step[]): StepCursor | null {
  return steps.length > 0 ? [0] : null;
}

/**
 * The step after the one at `cursor` finished: its next sibling, or else the step after the branch or
 * wait that contains it, outward to the top. Null when the run is done.
 */
export function nextCursor(steps: readonly Step[], cursor: StepCursor): StepCursor | null {
  let path = [...cursor];
  while (path.length > 0) {
    const last = path[path.length - 1];
    if (typeof last !== 'number') return null;
    const sibling = [...path.slice(0, -1), last + 1];
    if (stepAt(steps, sibling)) return sibling;
    // Leave this arm: drop the index and the arm name, and continue after the containing step.
    if (path.length < 3) return null;
    path = path.slice(0, -2);
  }
  return null;
}

/** Go into an arm of the branch or wait at `cursor`; an empty arm continues after that step. */
export function enterArm(steps: readonly Step[], cursor: StepCursor, arm: StepArm): StepCursor | null {
  const inside = [...cursor, arm, 0];
  return stepAt(steps, inside) ? inside : nextCursor(steps, cursor);
}

/** Every step of a tree with its cursor, depth first (for validation and for explaining runs). */
export function walkSteps(
  steps: readonly Step[],
  prefix: StepCursor = [],
): { step: Step; cursor: StepCursor }[] {
  const out: { step: Step; cursor: StepCursor }[] = [];
  steps.forEach((step, i) => {
    const cursor = [...prefix, i];
    out.push({ step, cursor });
    if (step.kind === 'branch') {
      out.push(...walkSteps(step.then, [...cursor, 'then']), ...walkSteps(step.else, [...cursor, 'else']));
    } else if (step.kind === 'wait') {
      out.push(
        ...walkSteps(step.then, [...cursor, 'then']),
        ...walkSteps(step.on_timeout, [...cursor, 'on_timeout']),
      );
    }
  });
  return out;
}

/** A cursor as the path used in validation errors: steps[2].then[0]. */
export function cursorPath(cursor: StepCursor, root = 'steps'): string {
  let out = root;
  for (const part of cursor) out += typeof part === 'number' ? `[${part}]` : `.${part}`;
  return out;
}
