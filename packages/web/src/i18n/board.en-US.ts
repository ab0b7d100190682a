import type { BoardMessages } from './board.zh-CN';

/** English texts of the pipeline board (same keys as board.zh-CN.ts). */
export const boardEnUS: BoardMessages = {
  pipeline: 'Pipeline',
  choosePipeline: 'Choose a pipeline',
  onlyMine: 'Only mine',
  openTotals: 'Open',
  totalCount: '{n} deals',
  amount: 'Amount',
  weighted: 'Weighted',
  probability: '{p}% probability',
  dropHere: 'Drop here',
  emptyColumn: 'No deals',
  moreInStage: '{n} more not shown',
  dragHint:
    'Drag a card to another stage to move it; on a phone, press and hold a card to drag, or use the menu on the card.',
  moveTo: 'Move to',
  moveMenu: 'Move "{deal}"',
  moved: '"{deal}" moved to "{stage}"',
  moveFailed: '"{deal}" could not be moved and is back where it was: {reason}',
  wonTitle: 'Confirm the win',
  wonBody: '"{deal}" moves to "{stage}". Confirm the amount won.',
  wonAmount: 'Amount won',
  lostTitle: 'Mark as lost',
  lostBody: '"{deal}" moves to "{stage}". Say why it was lost.',
  lostReason: 'Lost reason',
  lostReasonRequired: 'Say why the deal was lost',
  lostReasonPlaceholder: 'e.g. no budget, chose a competitor, project cancelled…',
  overdue: 'Past the expected close date',
  noPipelines: 'There is no pipeline yet: an admin can create one in Settings',
  loadFailed: 'The board could not be loaded',
  kinds: { open: 'Open', won: 'Won', lost: 'Lost' },
};
