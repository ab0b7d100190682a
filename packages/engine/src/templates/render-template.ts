import { Context, Liquid, LiquidError, filters } from 'liquidjs';
import type { Template } from 'liquidjs';
import { IANAZone } from 'luxon';

/** luxon builds a formatter to validate a zone; a workspace renders thousands of templates in one zone. */
const validZones = new Set<string>();
function knownZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  const ok = IANAZone.isValidZone(tz);
  if (ok) validZones.add(tz);
  return ok;
}
import { formatMoney } from './format-money';
import { TemplateError } from './template-error';

/*
 * User-authored templates (mail, robot messages, webhook bodies, task descriptions) are Liquid,
 * rendered in a sandbox: no file system (include/render/layout are not even tags), no prototype
 * access, unknown filters rejected at save time, and limits on size, time and memory so a template
 * cannot stall a worker.
 */

export interface RenderTemplateOptions {
  /** IANA zone for the `date` filter; the workspace's zone. Defaults to Asia/Shanghai. */
  timezone?: string;
  /** Currency for `money` when the template names none. Defaults to CNY. */
  currency?: string;
  /** What `"now"` means to the `date` filter; pass the clock's time so renders are reproducible. */
  now?: Date;
  /** `html` escapes every output (use `| raw` to opt out); for HTML mail bodies. */
  escape?: 'html' | 'none';
}

export type TemplateCheck = { ok: true } | { ok: false; message: string; line?: number; column?: number };

/** Longest template source accepted; the automation schema allows 20,000 characters. */
export const TEMPLATE_MAX_SOURCE = 100_000;
const RENDER_LIMIT_MS = 1_000;
/** Roughly the characters a render may allocate (strings built, arrays made). */
const MEMORY_LIMIT = 5_000_000;
const CACHE_SIZE = 500;
const DEFAULT_ZONE = 'Asia/Shanghai';
const OPTIONS_REGISTER = 'tideline:options';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** What Liquid binds `this` to in a filter. */
interface FilterThis {
  context: Context;
}
type Filter = (this: FilterThis, value: unknown, ...args: unknown[]) => unknown;
const liquidDate = filters.date as Filter;

interface Engine {
  liquid: Liquid;
  cache: Map<string, Template[]>;
}

const engines = new Map<'html' | 'none', Engine>();

function engine(escape: 'html' | 'none'): Engine {
  let found = engines.get(escape);
  if (!found) {
    found = { liquid: createLiquid(escape), cache: new Map() };
    engines.set(escape, found);
  }
  return found;
}

function createLiquid(escape: 'html' | 'none'): Liquid {
  const liquid = new Liquid({
    // An empty in-memory file system: even a tag that looked a file up would find nothing.
    templates: {},
    dynamicPartials: false,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    locale: 'zh-CN',
    dateFormat: '%Y-%m-%d %H:%M',
    parseLimit: TEMPLATE_MAX_SOURCE,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    ...(escape === 'html' ? { outputEscape: 'escape' as const } : {}),
  });
  // Templates are self-contained; file inclusion is refused at parse time with a clear message.
  for (const tag of ['include', 'render', 'layout']) delete liquid.tags[tag];
  liquid.registerFilter('date', dateFilter);
  liquid.registerFilter('money', function (this: FilterThis, value: unknown, currency?: unknown) {
    const code = typeof currency === 'string' && currency ? currency : optionsOf(this).currency;
    return formatMoney(value, code ?? 'CNY');
  });
  return liquid;
}

function optionsOf(filter: FilterThis): RenderTemplateOptions {
  return (filter.context.getRegister(OPTIONS_REGISTER) as RenderTemplateOptions | undefined) ?? {};
}

/** Liquid's own `date` (strftime formats), in the workspace's zone; bare dates stay on their day. */
function dateFilter(this: FilterThis, value: unknown, format?: unknown, zone?: unknown): unknown {
  const opts = optionsOf(this);
  let input = value instanceof Date ? value.toISOString() : value;
  if ((input === 'now' || input === 'today') && opts.now) input = opts.now.toISOString();
  const tz =
    typeof zone === 'string' && zone
      ? zone
      : typeof input === 'string' && DATE_ONLY.test(input)
        ? 'UTC'
        : (opts.timezone ?? DEFAULT_ZONE);
  if (!knownZone(tz)) throw new Error(`unknown time zone "${tz}"`);
  return liquidDate.call(this, input, format, tz);
}

function parse(source: string, escape: 'html' | 'none'): Template[] {
  const { liquid, cache } = engine(escape);
  const hit = cache.get(source);
  if (hit) {
    // Refresh its place so the cache drops the least recently used template.
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const parsed = liquid.parse(source);
  cache.set(source, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return parsed;
}

function toTemplateError(err: unknown, kind: 'syntax' | 'render'): TemplateError {
  if (err instanceof TemplateError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // Liquid appends ", line:2, col:5" to its messages; we report those as fields instead.
  const clean = message.replace(/, line:\d+, col:\d+$/, '');
  const isLimit = /limit exceeded/.test(message);
  if (err instanceof LiquidError && err.token) {
    const [line, column] = err.token.getPosition();
    return new TemplateError(clean, isLimit ? 'limit' : kind, line, column);
  }
  return new TemplateError(clean, isLimit ? 'limit' : kind);
}

function prepare(source: string, opts: RenderTemplateOptions): { templates: Template[]; liquid: Liquid } {
  if (opts.timezone && !knownZone(opts.timezone)) {
    throw new TemplateError(`unknown time zone "${opts.timezone}"`, 'render');
  }
  const escape = opts.escape ?? 'none';
  try {
    return { templates: parse(source, escape), liquid: engine(escape).liquid };
  } catch (err) {
    throw toTemplateError(err, 'syntax');
  }
}

function contextFor(liquid: Liquid, scope: object, opts: RenderTemplateOptions, sync: boolean): Context {
  const ctx = new Context(scope, liquid.options, { sync }, { liquid });
  ctx.setRegister(OPTIONS_REGISTER, opts);
  return ctx;
}

/** Parse only, for validating a template when it is saved; reports the first error's position. */
export function checkTemplate(source: string): TemplateCheck {
  try {
    prepare(source, {});
    return { ok: true };
  } catch (err) {
    const e = toTemplateError(err, 'syntax');
    return {
      ok: false,
      message: e.message,
      ...(e.line !== undefined ? { line: e.line, column: e.column } : {}),
    };
  }
}

/** Render a Liquid template over `scope` in the sandbox; throws TemplateError. */
export async function renderTemplate(
  source: string,
  scope: object,
  opts: RenderTemplateOptions = {},
): Promise<string> {
  const { templates, liquid } = prepare(source, opts);
  try {
    return String(await liquid.render(templates, contextFor(liquid, scope, opts, false)));
  } catch (err) {
    throw toTemplateError(err, 'render');
  }
}

/** The same as renderTemplate, synchronously (no template here needs I/O). */
export function renderTemplateSync(source: string, scope: object, opts: RenderTemplateOptions = {}): string {
  const { templates, liquid } = prepare(source, opts);
  try {
    return String(liquid.renderSync(templates, contextFor(liquid, scope, opts, true)));
  } catch (err) {
    throw toTemplateError(err, 'render');
  }
}
