import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { latencyStats } from './stats';
import type { LatencyStats } from './stats';

/** Time `count` requests one after another (what one user feels), cycling through `paths`. */
export async function sequentialLatency(
  baseUrl: string,
  paths: string[],
  headers: Record<string, string>,
  count: number,
): Promise<LatencyStats> {
  const samples: number[] = [];
  // Warm up caches and the JIT before measuring.
  for (let i = 0; i < Math.min(50, count); i++) await fetchOk(baseUrl + paths[i % paths.length]!, headers);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fetchOk(baseUrl + paths[i % paths.length]!, headers);
    samples.push(performance.now() - t0);
  }
  return latencyStats(samples);
}

async function fetchOk(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} from ${url}: ${body.slice(0, 300)}`);
  return body;
}

export interface Throughput {
  requestsPerSecond: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

interface AutocannonJson {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  non2xx: number;
}

/**
 * Requests per second with `connections` concurrent clients for `seconds`. The load comes from a
 * separate process so that it does not share the server's event loop.
 */
export async function throughput(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<Throughput> {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const args = [AUTOCANNON, '-j', '-c', String(connections), '-d', String(seconds), ...headerArgs, url];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as AutocannonJson;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
