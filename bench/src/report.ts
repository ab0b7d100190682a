import type { FoundationResult } from './foundation.bench';

interface Run {
  kind: string;
  customers: number;
  machine: string;
  seeding: Seeding | null;
  result: FoundationResult;
}

/** What seeding reports: row counts per table, totals, and seconds per finishing step. */
export interface Seeding {
  counts: Record<string, number>;
  businessRows: number;
  seconds: number;
  rowsPerSecond: number;
  writeSeconds: number;
  steps: Record<string, number>;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

/** The foundation figures as the Markdown rows docs/benchmarks.md keeps. */
export function renderFoundation(run: Run): string {
  const r = run.result;
  const lines = [
    `### Foundation — ${run.kind}, ${run.customers.toLocaleString()} customers`,
    `Machine: ${run.machine}`,
    '',
    '| measure | target | measured | |',
    '|---|---|---|---|',
  ];
  if (run.seeding) {
    lines.push(
      `| seeding (business rows/s) | ≥ 50,000 | ${run.seeding.rowsPerSecond.toLocaleString()} (${run.seeding.businessRows.toLocaleString()} rows in ${run.seeding.seconds} s) | ${mark(run.seeding.rowsPerSecond >= 50_000)} |`,
      `| (writing rows ${run.seeding.writeSeconds} s; ${Object.entries(run.seeding.steps)
        .map(([step, s]) => `${step} ${s} s`)
        .join(', ')}) | | | |`,
    );
  }
  lines.push(
    `| my customers by last contact, 50/page: p99 | ≤ 50 ms | ${r.listP99.p99} ms (p50 ${r.listP99.p50}) | ${mark(r.listP99.p99 <= 50)} |`,
    `| same, 32 concurrent clients | ≥ 1,500 req/s | ${r.listThroughput.requestsPerSecond.toLocaleString()} req/s (p99 ${r.listThroughput.p99} ms, ${r.listThroughput.non2xx} non-2xx) | ${mark(r.listThroughput.requestsPerSecond >= 1500)} |`,
    `| bare Fastify route, same SQL | — | ${r.bareThroughput.requestsPerSecond.toLocaleString()} req/s | |`,
    `| endpoint / bare ratio | ≥ 0.6 | ${r.ratioToBare} | ${mark(r.ratioToBare >= 0.6)} |`,
    `| search, 2-character Chinese, rep: p99 | ≤ 100 ms | ${r.searchRep.p99} ms (p50 ${r.searchRep.p50}) | ${mark(r.searchRep.p99 <= 100)} |`,
    `| search, 2-character Chinese, admin: p99 | ≤ 100 ms | ${r.searchAdmin.p99} ms (p50 ${r.searchAdmin.p50}) | ${mark(r.searchAdmin.p99 <= 100)} |`,
    `| customer 360: p99 | ≤ 50 ms | ${r.customer360.p99} ms (p50 ${r.customer360.p50}) | ${mark(r.customer360.p99 <= 50)} |`,
    `| (the rep owns ${r.repCustomers.toLocaleString()} customers) | | | |`,
  );
  return lines.join('\n');
}
