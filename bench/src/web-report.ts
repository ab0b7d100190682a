import { mkdirSync, writeFileSync } from 'node:fs';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { runWebFilterBench } from './web-filter.bench';
import type { WebFilterResult } from './web-filter.bench';

interface WebRun {
  kind: string;
  customers: number;
  machine: string;
  result: WebFilterResult;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const ms = (v: number) => `${Math.round(v)} ms`;

/** The web filter figures as the Markdown docs/benchmarks.md keeps. */
export function renderWebFilter(run: WebRun): string {
  const r = run.result;
  const lines = [
    `### Web — filter change in Chromium, ${run.kind}, ${run.customers.toLocaleString()} customers`,
    `Machine: ${run.machine}; ${r.chromium}; load average (1 min) before/after each user: ${r.load.join(' / ')}`,
    '',
    `| user | changes | p50 | p95 | p99 | max | ≤ ${r.targetMs} ms at p50 / p95 | before request (p50) | request (p50) | after response (p50) |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const u of r.users) {
    lines.push(
      `| ${u.user} (${u.visibleCustomers.toLocaleString()} customers) | ${u.total.n} | ${ms(u.total.p50)} | ${ms(u.total.p95)} | ${ms(u.total.p99)} | ${ms(u.total.max)} | ${mark(u.total.p50 <= r.targetMs)} / ${mark(u.total.p95 <= r.targetMs)} | ${ms(u.parts.beforeRequest.p50)} | ${ms(u.parts.request.p50)} | ${ms(u.parts.afterResponse.p50)} |`,
    );
  }
  lines.push('', '| user | filter | changes | p50 | p95 | max |', '|---|---|---|---|---|---|');
  for (const u of r.users) {
    for (const [name, s] of Object.entries(u.byKind)) {
      lines.push(`| ${u.user} | ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`);
    }
  }
  return lines.join('\n');
}

/** `npm run bench -- --suite web`: run, keep the JSON in bench/results and print the Markdown. */
export async function runWebSuite(
  kind: DialectKind,
  database: Database,
  workspaceId: string,
  opts: { customers: number; machine: string; samples: number },
): Promise<void> {
  const result = await runWebFilterBench(database, workspaceId, {
    samples: opts.samples,
    log: (line) => console.log(line),
  });
  const out = {
    kind,
    customers: opts.customers,
    machine: opts.machine,
    at: new Date().toISOString(),
    result,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/web-filter-${kind}-${opts.customers}.json`, JSON.stringify(out, null, 2));
  console.log(renderWebFilter(out));
}
