import { describe, expect, it } from 'vitest';
import { builderPath, errorsAt, toBuilderErrors } from './errorPaths';

describe('where a server error belongs in the builder', () => {
  const cases: [string, string][] = [
    ['name', 'name'],
    ['owner_id', 'owner_id'],
    ['definition', ''],
    ['definition.trigger.field', 'trigger.field'],
    ['definition.conditions.all[1].value', 'conditions.all[1].value'],
    ['definition.steps', 'steps'],
    ['definition.steps[2].then[0].params.title', 'steps[2].then[0].params.title'],
    ['params.stage_id', 'params.stage_id'],
  ];
  it.each(cases)('%s → %s', (server, path) => expect(builderPath(server)).toBe(path));

  // Each part of the builder shows what is at its path (`exact`) or under it.
  const errors = toBuilderErrors([
    { path: 'definition.trigger.offset.unit', message: 'trigger offset' },
    { path: 'definition.conditions.any[0].all[2].op', message: 'nested operator' },
    { path: 'definition.steps[1]', message: 'step itself' },
    { path: 'definition.steps[1].params.title', message: 'step title' },
    { path: 'definition.steps[10].params.title', message: 'eleventh step' },
    { path: 'definition.steps[1].condition.all[0].value', message: 'branch value' },
    { path: 'definition.steps[1].then[0].params.recipients[0].user_id', message: 'nested recipient' },
    { path: 'definition.steps[1].params.values.custom.budget.value', message: 'set_fields row' },
  ]);
  const parts: [string, boolean, string[]][] = [
    ['trigger.offset', false, ['trigger offset']],
    ['conditions.any[0].all[2].op', false, ['nested operator']],
    ['conditions.any[0]', true, []],
    ['steps[1]', true, ['step itself']],
    ['steps[1].params.title', false, ['step title']],
    ['steps[1].condition.all[0].value', false, ['branch value']],
    ['steps[1].then[0].params.recipients', false, ['nested recipient']],
    ['steps[1].params.values.custom.budget', false, ['set_fields row']],
    ['steps[1].params.values.custom', true, []],
    ['steps[1]', false, ['step itself', 'step title', 'branch value', 'nested recipient', 'set_fields row']],
  ];
  it.each(parts)('the part at %s (exact: %s)', (at, exact, messages) =>
    expect(errorsAt(errors, at, exact).map((e) => e.message)).toEqual(messages),
  );
});
