import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate, renderTemplateSync } from './render-template';
import { TemplateError } from './template-error';

// 2026-11-23 02:00 UTC is 10:00 on Monday in Shanghai.
const now = new Date('2026-11-23T02:00:00Z');
const scope = {
  customer: { name: '华信科技', owner: { name: '王芳' }, created_at: '2026-11-22T16:30:00.000Z' },
  deal: { amount: 1234500, close_date: '2026-12-01' },
  items: [{ name: '年费' }, { name: '实施服务' }],
};

describe('checkTemplate', () => {
  it.each([
    ['plain text', '您好', true],
    ['variables and filters', '{{ customer.name | upcase }} {{ deal.amount | money }}', true],
    ['control flow', '{% if deal.amount > 0 %}有{% else %}无{% endif %}', true],
    ['loops', '{% for i in items %}{{ forloop.index }}.{{ i.name }}{% endfor %}', true],
  ])('%s is valid', (_name, source, ok) => {
    expect(checkTemplate(source)).toEqual({ ok });
  });

  it.each([
    ['an unclosed output', '第一行\n  {{ customer.name', 2, 3, /not closed/],
    ['an unclosed if', '您好\n{% if x %}\n内容', 2, 1, /not closed/],
    ['a stray end tag', 'a\n\n  {% endif %}', 3, 3, /endif/],
    ['an unknown filter', 'a\n  {{ x | shout }}', 2, 3, /undefined filter: shout/],
    ['an unknown tag', '{% shout %}', 1, 1, /shout/],
    ['include', "{% include 'secrets.txt' %}", 1, 1, /include/],
    ['render', "{% render 'x' %}", 1, 1, /render/],
    ['layout', "{% layout 'x' %}", 1, 1, /layout/],
  ])('%s is rejected at its position', (_name, source, line, column, message) => {
    const result = checkTemplate(source);
    expect(result).toMatchObject({ ok: false, line, column });
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).not.toMatch(/line:/);
    }
  });

  it('rejects a template longer than the parse limit', () => {
    expect(checkTemplate('x'.repeat(100_001))).toMatchObject({ ok: false, message: /limit/ });
  });
});

describe('renderTemplate', () => {
  const opts = { timezone: 'Asia/Shanghai', now };

  it.each([
    ['a variable', '您好,{{ customer.owner.name }}', '您好,王芳'],
    ['a missing variable renders empty', '[{{ customer.phone }}]', '[]'],
    ['default', '{{ customer.phone | default: "未填写" }}', '未填写'],
    ['default keeps a value', '{{ customer.name | default: "未填写" }}', '华信科技'],
    ['money in yuan', '{{ deal.amount | money }}', '¥12,345.00'],
    ['money in another currency', '{{ deal.amount | money: "USD" }}', 'US$12,345.00'],
    ['money of a negative amount', '{{ -5 | money }}', '-¥0.05'],
    ['money of nothing', '[{{ deal.missing | money }}]', '[]'],
    ['date in the workspace zone', '{{ customer.created_at | date: "%Y-%m-%d %H:%M" }}', '2026-11-23 00:30'],
    ['date with the default format', '{{ customer.created_at | date }}', '2026-11-23 00:30'],
    ['a bare date stays on its day', '{{ deal.close_date | date: "%Y年%m月%d日" }}', '2026年12月01日'],
    ['now is the given clock', '{{ "now" | date: "%Y-%m-%d %H:%M %A" }}', '2026-11-23 10:00 星期一'],
    ['an explicit zone wins', '{{ customer.created_at | date: "%H:%M", "UTC" }}', '16:30'],
    ['loops', '{% for i in items %}{{ forloop.index }}.{{ i.name }} {% endfor %}', '1.年费 2.实施服务 '],
    ['no prototype access', '[{{ customer.constructor }}{{ items.constructor.name }}]', '[]'],
  ])('%s', async (_name, source, expected) => {
    await expect(renderTemplate(source, scope, opts)).resolves.toBe(expected);
    expect(renderTemplateSync(source, scope, opts)).toBe(expected);
  });

  it('uses the zone it is given', async () => {
    const source = '{{ customer.created_at | date: "%m-%d %H:%M" }}';
    await expect(renderTemplate(source, scope, { timezone: 'America/New_York' })).resolves.toBe(
      '11-22 11:30',
    );
  });

  it('escapes outputs for HTML unless told raw', async () => {
    const evil = { name: '<script>alert(1)</script>&' };
    const html = await renderTemplate('<p>{{ name }}</p>{{ name | raw }}', evil, { escape: 'html' });
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&amp;</p><script>alert(1)</script>&');
    await expect(renderTemplate('{{ name }}', evil)).resolves.toBe(evil.name);
  });

  it.each([
    ['include', "{% include 'package.json' %}"],
    ['include of an absolute path', "{% include '/etc/passwd' %}"],
    ['render', "{% render '../package.json' %}"],
    ['layout', "{% layout 'package.json' %}"],
  ])('cannot read files with %s', async (_name, source) => {
    const err = await renderTemplate(source, scope).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect(err).toMatchObject({ kind: 'syntax', line: 1, column: 1 });
    expect(() => renderTemplateSync(source, scope)).toThrow(TemplateError);
  });

  it('stops a template that builds too much', async () => {
    const source = '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}';
    const err = await renderTemplate(source, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TemplateError', kind: 'limit' });
  });

  it('stops a template that doubles a string', async () => {
    const source =
      '{% assign a = "x" %}{% for i in (1..60) %}{% assign a = a | append: a %}{% endfor %}{{ a }}';
    expect(() => renderTemplateSync(source, {})).toThrow(/limit/);
  });

  it('reports a render error with its position', async () => {
    const err = await renderTemplate(
      '第一行\n{{ customer.created_at | date: "%Y", "Mars/Base" }}',
      scope,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'render', line: 2, message: /Mars\/Base/ });
  });

  it('refuses an unknown workspace zone', () => {
    expect(() => renderTemplateSync('x', {}, { timezone: 'Nowhere/Town' })).toThrow(/time zone/);
  });

  it('serves a cached parse the same as a fresh one', async () => {
    const source = '{{ n | money }}';
    for (const n of [100, 250, 99_999]) {
      expect(renderTemplateSync(source, { n })).toBe(await renderTemplate(source, { n }));
    }
  });
});
