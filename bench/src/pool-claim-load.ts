import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * The claim load generator, run as its own process so that it does not share the server's event loop.
 * Input (a JSON file named by argv[2]): the base URL, the pool, and per claimer a token and the ids it
 * claims one request at a time. Every `hotEvery`-th request of every claimer goes for the same
 * customer instead (a real race). With `thinkMs`, claimers pause between claims as people do. Prints
 * {latencies, statuses, codes, seconds} as JSON.
 */
interface Input {
  base: string;
  poolId: string;
  claimers: { token: string; ids: string[] }[];
  hot: string[];
  hotEvery: number;
  /** 0: each claimer sends its next claim as soon as the answer arrives (closed loop); else a random pause of 0…2×thinkMs between claims. */
  thinkMs: number;
}

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Input;
const latencies: number[] = [];
/** The races for the shared customers, apart: they queue on one row. */
const hotLatencies: number[] = [];
const statuses: Record<string, number> = {};
const codes: Record<string, number> = {};

async function claim(token: string, id: string, hot = false) {
  const t0 = performance.now();
  const res = await fetch(`${input.base}/api/v1/pools/${input.poolId}/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ids: [id] }),
  });
  const body = (await res.json()) as { code?: string };
  (hot ? hotLatencies : latencies).push(performance.now() - t0);
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  if (body.code) codes[body.code] = (codes[body.code] ?? 0) + 1;
}

const started = performance.now();
await Promise.all(
  input.claimers.map(async (c) => {
    // Paced claimers start at random moments too: people do not all click at the same millisecond (a
    // synchronised first burst of 32 made the slowest 2 % of a paced run).
    const pause = () => new Promise((r) => setTimeout(r, Math.random() * 2 * input.thinkMs));
    if (input.thinkMs > 0) await pause();
    let hot = 0;
    for (const [i, id] of c.ids.entries()) {
      if (i > 0 && i % input.hotEvery === 0 && hot < input.hot.length)
        await claim(c.token, input.hot[hot++]!, true);
      await claim(c.token, id);
      if (input.thinkMs > 0) await pause();
    }
  }),
);
process.stdout.write(
  JSON.stringify({ latencies, hotLatencies, statuses, codes, seconds: (performance.now() - started) / 1000 }),
);
