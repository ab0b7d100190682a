/** The job kind that moves a hand-over's records in batches (handled by the automation worker). */
export const HANDOVER_JOB = 'handover.run';

export interface HandoverJobPayload {
  workspaceId: string;
  handoverId: string;
}
