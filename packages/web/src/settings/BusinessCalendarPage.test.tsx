import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { Locale } from '../i18n/I18nProvider';
import { BusinessCalendarPage } from './BusinessCalendarPage';
import { CalendarPreview } from './CalendarPreview';

const CHINA = {
  working_days: [1, 2, 3, 4, 5],
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  holidays: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-10-01'],
  extra_working_days: ['2026-02-14', '2026-02-28'],
};
const SAVED = {
  working_days: [1, 2, 3, 4, 5, 6],
  hours: [{ start: '08:30', end: '17:30' }],
  holidays: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-05'],
  extra_working_days: ['2026-12-05'],
  is_default: false,
  updated_at: '2026-11-20T02:00:00Z',
  updated_by: TEST_ME.user.id,
};
const ADMIN = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'automations:manage' as const] };

function setup(opts: {
  current?: unknown;
  put?: { status: number; body: unknown };
  me?: typeof TEST_ME;
  locale?: Locale;
}) {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/settings/business-calendar/china-default') return { body: CHINA };
    if (url.pathname === '/api/v1/settings/business-calendar') {
      if (init.method === 'PUT')
        return opts.put ?? { body: { ...(JSON.parse(String(init.body)) as object) } };
      return { body: opts.current ?? { ...CHINA, is_default: true, updated_at: null, updated_by: null } };
    }
    return undefined;
  });
  render(
    <TestProviders me={opts.me ?? ADMIN} locale={opts.locale ?? 'zh-CN'}>
      <BusinessCalendarPage />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: /^保\s?存$/ });
const puts = (calls: ReturnType<typeof mockFetch>) => calls.filter((c) => c.method === 'PUT');

describe('BusinessCalendarPage', () => {
  it('shows the built-in China calendar until one is saved, and saves it as shown', async () => {
    const { calls, user } = setup({});
    expect(await screen.findByText('尚未保存过本公司的日历，当前使用内置的中国内地日历。')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: '周五' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: '周六' }) as HTMLInputElement).checked).toBe(false);
    const holidays = screen.getByRole('list', { name: '节假日' });
    expect(within(holidays).getByText('2026-02-16 周一')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: '调休上班日' })).getByText('2026-02-14 周六'),
    ).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: '周六' }));
    await user.click(save());
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.body).toEqual({ ...CHINA, working_days: [1, 2, 3, 4, 5, 6] });
    expect(puts(calls)[0]!.headers['x-csrf-token']).toBe('csrf-test');
  });

  it('puts the server’s field errors next to the fields they name', async () => {
    const { calls, user } = setup({
      current: SAVED,
      put: {
        status: 400,
        body: {
          code: 'validation_failed',
          title: 'The business calendar has invalid entries',
          errors: [
            { path: 'hours[0].end', message: 'must be after the start', code: 'end_not_after_start' },
            { path: 'holidays[3]', message: '2026-12-05 is also listed…', code: 'holiday_and_working_day' },
            {
              path: 'extra_working_days[0]',
              message: '2026-12-05 is also…',
              code: 'holiday_and_working_day',
            },
          ],
        },
      },
    });
    expect(await screen.findByText(/^最近保存于 2026-11-20 \d\d:00$/)).toBeTruthy();
    await user.click(save());
    expect(await screen.findByText('结束时间必须晚于开始时间')).toBeTruthy();
    // The refused date is named under both lists and marked in red in each.
    expect(screen.getAllByText('2026-12-05 不能既是节假日又是调休上班日')).toHaveLength(2);
    const marked = within(screen.getByRole('list', { name: '节假日' })).getByText('2026-12-05 周六');
    expect(marked.closest('.ant-tag')!.className).toContain('error');
    expect(puts(calls)[0]!.body).toEqual({
      working_days: SAVED.working_days,
      hours: SAVED.hours,
      holidays: SAVED.holidays,
      extra_working_days: SAVED.extra_working_days,
    });
    // Every error found its field: nothing is left for the banner above the form.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('resets the form to the China calendar, saved only when asked', async () => {
    const { calls, user } = setup({ current: SAVED });
    await user.click(await screen.findByRole('button', { name: /恢复为中国默认日历/ }));
    expect(await screen.findByText('2026-10-01 周四')).toBeTruthy();
    expect(screen.queryByText('2026-12-01 周二')).toBeNull();
    expect(puts(calls)).toHaveLength(0);
    await user.click(save());
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.body).toEqual(CHINA);
  });

  it('removes a date with its tag and adds another working period', async () => {
    const { calls, user } = setup({ current: SAVED });
    const holidays = await screen.findByRole('list', { name: '节假日' });
    const tag = within(holidays).getByText('2026-12-01 周二').closest('.ant-tag')!;
    await user.click(tag.querySelector('.ant-tag-close-icon')!);
    await user.click(screen.getByRole('button', { name: /添加时段/ }));
    await user.click(save());
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.body).toMatchObject({
      holidays: ['2026-12-02', '2026-12-03', '2026-12-05'],
      hours: [
        { start: '08:30', end: '17:30' },
        { start: '13:00', end: '18:00' },
      ],
    });
  });

  it('adds a day and a whole break with the date pickers', async () => {
    const { calls, user } = setup({ current: SAVED });
    const day = await screen.findByLabelText('调休上班日 添加日期');
    await user.click(day);
    await user.type(day, '2026-12-12{Enter}');
    const [rangeStart, rangeEnd] = screen.getAllByLabelText('节假日 添加连续日期');
    await user.click(rangeStart!);
    await user.type(rangeStart!, '2026-12-30{Enter}');
    await user.type(rangeEnd!, '2027-01-01{Enter}');
    await user.click(save());
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.body).toMatchObject({
      extra_working_days: ['2026-12-05', '2026-12-12'],
      holidays: [...SAVED.holidays, '2026-12-30', '2026-12-31', '2027-01-01'],
    });
  });

  it('is read-only for someone who does not manage automations', async () => {
    setup({ me: TEST_ME });
    expect(await screen.findByText('只有能管理自动化的成员可以修改工作日历。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^保\s?存$/ })).toBeNull();
    expect((screen.getByRole('checkbox', { name: '周一' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('speaks English', async () => {
    // The signed-in user's own language wins over the provider's.
    setup({ locale: 'en-US', me: { ...ADMIN, user: { ...ADMIN.user, locale: 'en-US' } } });
    expect(await screen.findByText('Business calendar')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Reset to China default/ })).toBeTruthy();
  });
});

describe('CalendarPreview', () => {
  const kindOf = (date: string) => screen.getByTitle(new RegExp(`^${date} `)).getAttribute('data-kind');

  it('marks working days, weekends, holidays and 调休 of a month, Monday first', async () => {
    render(
      <TestProviders>
        <CalendarPreview calendar={CHINA} initialMonth="2026-02" />
      </TestProviders>,
    );
    expect(screen.getByText('2026 年 2 月')).toBeTruthy();
    expect(kindOf('2026-02-13')).toBe('working');
    expect(kindOf('2026-02-14')).toBe('extra');
    expect(screen.getByTitle('2026-02-14 调休上班').textContent).toContain('班');
    expect(kindOf('2026-02-16')).toBe('holiday');
    expect(screen.getByTitle('2026-02-16 节假日').textContent).toContain('休');
    expect(kindOf('2026-02-21')).toBe('off');
    // February 2026 starts on a Sunday: six blanks before it in a Monday-first week.
    const grid = screen.getByTitle('2026-02-01 休息日').parentElement!;
    expect(Array.from(grid.children).indexOf(screen.getByTitle('2026-02-01 休息日'))).toBe(7 + 6);

    await userEvent.setup().click(screen.getByRole('button', { name: '下个月' }));
    expect(screen.getByText('2026 年 3 月')).toBeTruthy();
    expect(kindOf('2026-03-02')).toBe('working');
  });
});
