import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';
import { compileCondition } from '../../packages/engine/src';
import type { CompiledCondition, ConditionEnv } from '../../packages/engine/src';
import type { BenchRecord, BenchRule } from './conditions.rules';
import { benchCatalog, benchDay, benchRules, generateRecords, jreOperators } from './conditions.rules';

export interface ConditionsResult {
  records: number;
  rules: number;
  day: string;
  compileMicros: number;
  ours: { evaluationsPerSecond: number; recordsPerSecond: number; rounds: number[] };
  jre: { evaluationsPerSecond: number; recordsPerSecond: number; seconds: number };
  ratio: number;
  matchesPerRule: Record<string, number>;
  disagreements: number;
  loadAverage: number[];
}

const env: ConditionEnv = { now: new Date('2026-11-23T02:00:00Z'), timezone: 'Asia/Shanghai' };

/** Evaluate every rule on every record with our compiled closures; one bit per rule. */
function runOurs(compiled: CompiledCondition[], records: BenchRecord[]): Uint16Array {
  const out = new Uint16Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    let bits = 0;
    for (let k = 0; k < compiled.length; k++) if (compiled[k]!(r, env)) bits |= 1 << k;
    out[i] = bits;
  }
  return out;
}

function makeEngine(rules: BenchRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, fn] of Object.entries(jreOperators)) engine.addOperator(name, fn);
  rules.forEach((rule, k) =>
    engine.addRule({ name: String(k), conditions: rule.jre, event: { type: String(k) } }),
  );
  return engine;
}

async function runJre(engine: Engine, records: BenchRecord[]): Promise<Uint16Array> {
  const out = new Uint16Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const { events } = await engine.run(records[i]!);
    let bits = 0;
    for (const e of events) bits |= 1 << Number(e.type);
    out[i] = bits;
  }
  return out;
}

/** Condition evaluation throughput: our compiled evaluator against json-rules-engine on the same rules. */
export async function runConditionsBench(opts: {
  records: number;
  rounds?: number;
}): Promise<ConditionsResult> {
  const rules = benchRules(env);
  const records = generateRecords(opts.records, env.now);

  let t = performance.now();
  const compiled = rules.map((r) => compileCondition(r.condition, benchCatalog));
  const compileMicros = Math.round(((performance.now() - t) * 1000) / rules.length);

  runOurs(compiled, records.slice(0, 10_000)); // warm up
  const rounds: number[] = [];
  let ours: Uint16Array = new Uint16Array(0);
  for (let round = 0; round < (opts.rounds ?? 7); round++) {
    t = performance.now();
    ours = runOurs(compiled, records);
    rounds.push((performance.now() - t) / 1000);
  }
  const median = [...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;

  const engine = makeEngine(rules);
  await runJre(engine, records.slice(0, 2_000)); // warm up
  t = performance.now();
  const theirs = await runJre(engine, records);
  const jreSeconds = (performance.now() - t) / 1000;

  let disagreements = 0;
  const matchesPerRule: Record<string, number> = Object.fromEntries(rules.map((r) => [r.name, 0]));
  for (let i = 0; i < records.length; i++) {
    if (ours[i] !== theirs[i]) {
      if (disagreements === 0) console.error('first disagreement', records[i], ours[i], theirs[i]);
      disagreements++;
    }
    rules.forEach((r, k) => {
      if (ours[i]! & (1 << k)) matchesPerRule[r.name]!++;
    });
  }

  const evaluations = records.length * rules.length;
  const oursRate = evaluations / median;
  const jreRate = evaluations / jreSeconds;
  return {
    records: records.length,
    rules: rules.length,
    day: benchDay(env),
    compileMicros,
    ours: {
      evaluationsPerSecond: Math.round(oursRate),
      recordsPerSecond: Math.round(records.length / median),
      rounds: rounds.map((s) => Math.round(s * 1000) / 1000),
    },
    jre: {
      evaluationsPerSecond: Math.round(jreRate),
      recordsPerSecond: Math.round(records.length / jreSeconds),
      seconds: Math.round(jreSeconds * 100) / 100,
    },
    ratio: Math.round((oursRate / jreRate) * 10) / 10,
    matchesPerRule,
    disagreements,
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  };
}

/** The figures as the Markdown docs/benchmarks.md keeps. */
export function renderConditions(r: ConditionsResult, machine: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `### Automation — condition evaluation (${n(r.records)} records × ${r.rules} rules)`,
    `Machine: ${machine}; load average at the end ${r.loadAverage.join(' / ')}`,
    '',
    '| measure | target | Tideline compiled | json-rules-engine 7 |',
    '|---|---|---|---|',
    `| rule evaluations/s | — | ${n(r.ours.evaluationsPerSecond)} | ${n(r.jre.evaluationsPerSecond)} |`,
    `| records/s (all ${r.rules} rules each) | — | ${n(r.ours.recordsPerSecond)} | ${n(r.jre.recordsPerSecond)} |`,
    `| speed-up | ≥ 5× | ${r.ratio}× ${r.ratio >= 5 ? '✅' : '❌'} | |`,
    `| results that differ | 0 | ${n(r.disagreements)} ${r.disagreements === 0 ? '✅' : '❌'} | |`,
    '',
    `Compile: ${r.compileMicros} µs per rule. Our rounds (s): ${r.ours.rounds.join(', ')} (median used); ` +
      `json-rules-engine: one pass of ${r.jre.seconds} s.`,
    '',
    '| rule | matching records |',
    '|---|---|',
    ...Object.entries(r.matchesPerRule).map(([name, count]) => `| ${name} | ${n(count)} |`),
  ];
  return lines.join('\n');
}
