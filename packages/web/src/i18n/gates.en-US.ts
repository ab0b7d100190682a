import type { GateMessages } from './gates.zh-CN';

export const gatesEnUS: GateMessages = {
  button: 'Stage gate',
  buttonCount: 'Gate · {n}',
  title: 'Stage gate of “{stage}”',
  intro:
    'What a deal needs before it may enter this stage. Board moves, edits, bulk updates, imports and automations all meet the same gate.',
  required: 'Required fields',
  requiredHelp: 'These fields must hold a value before the deal enters (the amount must be above 0)',
  condition: 'Entry condition',
  conditionHelp: 'All of these must hold',
  noConditions: 'No entry condition',
  addCondition: 'Add condition',
  fixedCondition:
    'This condition has “any of” groups (set through the API) and cannot be edited here; clear it to start over.',
  clearCondition: 'Clear condition',
  onEntry: 'Set on entry',
  onEntryHelp: 'Fields written as the deal enters this stage; a value typed in the same move wins',
  noOnEntry: 'Nothing set on entry',
  addOnEntry: 'Add a field to set',
  field: 'Field',
  mode: 'Value',
  modes: { now: 'Now', relative: 'Relative to now', const: 'Fixed value' },
  units: { minutes: 'minutes', hours: 'hours', days: 'days' },
  amount: 'Amount',
  remove: 'Remove',
  clearGate: 'Clear gate',
  fillTitle: 'Complete the deal to enter “{stage}”',
  fillBody: '“{deal}” needs these fields before it can enter “{stage}”:',
  conditionFailed: '“{deal}” does not meet the entry condition of “{stage}”: {condition}',
  fillAndMove: 'Save and move',
  gotIt: 'Got it',
};
