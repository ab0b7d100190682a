import type { StageKind } from '@tideline/shared';

/** The pipeline a new workspace starts with: the stages most Chinese B2B sales teams name. */
export const DEFAULT_PIPELINE: {
  name: string;
  stages: { name: string; kind: StageKind; probability: number }[];
} = {
  name: '标准销售流程',
  stages: [
    { name: '初步接触', kind: 'open', probability: 10 },
    { name: '需求确认', kind: 'open', probability: 30 },
    { name: '方案报价', kind: 'open', probability: 50 },
    { name: '商务谈判', kind: 'open', probability: 70 },
    { name: '赢单', kind: 'won', probability: 100 },
    { name: '输单', kind: 'lost', probability: 0 },
  ],
};
