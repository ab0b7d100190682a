import { readFileSync } from 'node:fs';

/**
 * Summarise a V8 .cpuprofile (from TIDELINE_BENCH_PROFILE or `node --cpu-prof`): self time by
 * function, by package or source file, and total (inclusive) time of chosen functions of ours.
 * `npx tsx bench/src/automation-profile.ts <file> [top]`
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Functions whose inclusive time tells where an event's cost goes. */
const WATCHED = [
  'tick',
  'dispatchEvents',
  'advanceRun',
  'runStep',
  'finish',
  'claim',
  'complete',
  'candidatesFor',
  'loadRecordRow',
  'loadConditionValues',
  'buildStepContext',
  'templateScope',
  'render',
  'changeRecordTags',
  'updateCustomer',
  'notifyUsers',
  'logChanges',
  'insertRuns',
  'enqueue',
  'compileQuery',
  'executeQuery',
  'parse',
  'stringify',
];

function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  const src = url.match(/packages\/([^/]+)\/src\/(.*)$/);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.split('/').slice(-2).join('/');
}

export function summarise(profile: Profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // For each self-time function, the chains of up to four callers it was reached through.
  const callers = new Map<string, Map<string, number>>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${area(f.url, f.functionName)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + dt);
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur)) {
      const c = byId.get(cur)!.callFrame;
      if (c.url.includes('node_modules') && chain.length === 0 && !f.url.includes('node_modules')) continue;
      chain.push(`${c.functionName || '(anonymous)'}@${area(c.url, c.functionName)}:${c.lineNumber + 1}`);
    }
    const byChain = callers.get(key) ?? new Map<string, number>();
    byChain.set(chain.join(' < '), (byChain.get(chain.join(' < ')) ?? 0) + dt);
    callers.set(key, byChain);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (WATCHED.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
      }
    }
  });
  const sorted = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => ({ name: k, ms: Math.round(ms), share: `${((100 * ms) / total).toFixed(1)} %` }));
  const selfByFunction = sorted(self, top);
  return {
    totalMs: Math.round(total),
    selfByFunction,
    callers: selfByFunction.slice(0, 12).map((f) => ({ name: f.name, via: sorted(callers.get(f.name)!, 3) })),
    selfByArea: sorted(areas, top),
    inclusive: sorted(inclusive, WATCHED.length),
  };
}

if (process.argv[1]?.endsWith('automation-profile.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: automation-profile.ts <file.cpuprofile> [top]');
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 30));
  console.log(`total sampled: ${s.totalMs} ms`);
  for (const [title, rows] of [
    ['self time by function', s.selfByFunction],
    ['self time by package / file', s.selfByArea],
    ['total time of our functions (inclusive)', s.inclusive],
  ] as const) {
    console.log(`\n${title}`);
    for (const r of rows) console.log(`${r.share.padStart(8)} ${String(r.ms).padStart(7)} ms  ${r.name}`);
  }
  console.log('\nwhere the top functions were called from (share of all samples)');
  for (const c of s.callers) {
    console.log(c.name);
    for (const v of c.via) console.log(`  ${v.share.padStart(7)}  ${v.name}`);
  }
}
