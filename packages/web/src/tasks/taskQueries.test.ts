import { afterEach, describe, expect, it, vi } from 'vitest';
import { sectionQuery } from './taskQueries';

const ME = '0193a1b2-0000-7000-8000-000000000001';
const conditions = (q: Record<string, unknown>) => JSON.parse(String(q.filter)) as unknown[];

describe('sectionQuery', () => {
  afterEach(() => vi.useRealTimers());

  it('asks the server for today and overdue relative to its own clock and time zone', () => {
    expect(conditions(sectionQuery('today', ME, 'Asia/Shanghai'))).toContainEqual({
      field: 'due_at',
      op: 'period',
      value: 'today',
    });
    const overdue = sectionQuery('overdue', ME, 'Asia/Shanghai');
    expect(overdue.overdue).toBe('true');
    expect(conditions(overdue)).toEqual([{ field: 'assignee_id', op: 'eq', value: ME }]);
  });

  it("starts 'upcoming' at the workspace's next midnight, not the browser's", () => {
    // 2026-11-23 20:30 UTC is already 04:30 on the 24th in Shanghai.
    vi.useFakeTimers({ now: new Date('2026-11-23T20:30:00Z') });
    expect(conditions(sectionQuery('upcoming', ME, 'Asia/Shanghai'))).toContainEqual({
      field: 'due_at',
      op: 'gte',
      value: '2026-11-24T16:00:00.000Z',
    });
  });

  it('lists done tasks by completion, newest first, and undated open tasks apart', () => {
    expect(sectionQuery('done', ME, 'Asia/Shanghai').sort).toBe('-completed_at');
    expect(conditions(sectionQuery('undated', ME, 'Asia/Shanghai'))).toContainEqual({
      field: 'due_at',
      op: 'empty',
    });
  });
});
