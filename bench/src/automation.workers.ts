import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { AutomationDeps } from '../../packages/server/src/modules/automations/run-context';
import { AutomationWorker } from '../../packages/server/src/modules/automations/automation-worker';
import type { BenchWorkspace } from './automation.workspace';

/** Workers: one in this process (SQLite), or `tideline worker` child processes (PostgreSQL). */
export interface Workers {
  count: number;
  /** CPU seconds the worker(s) used so far. */
  cpuSeconds(): number;
  /** CPU seconds of the database server's processes (PostgreSQL), when they can be read. */
  serverCpuSeconds?(): number;
  stop(): Promise<void>;
}

/** Total CPU of the processes named `postgres` (the server and its backends) on this machine. */
function postgresCpuSeconds(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        sum += processCpuSeconds(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  return sum;
}

/** utime + stime of a process, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export function inProcessWorker(auto: AutomationDeps): Workers {
  // The options `serve` uses: batch 50, concurrency 4, poll 250 ms, sweeps every minute.
  const worker = new AutomationWorker(auto, { log: (msg, err) => console.error(msg, err) });
  worker.start();
  // The bench's own polling shares the process; it is a few cheap counts every 100 ms.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  return { count: 1, cpuSeconds: cpu, stop: () => worker.stop() };
}

export async function workerProcesses(ws: BenchWorkspace, count: number): Promise<Workers> {
  // Migrations other work landed since this process started would stop the workers at startup.
  const migrated = execFileSync(process.execPath, [
    '--import',
    'tsx',
    'bench/src/automation.migrate.ts',
    ws.location,
  ])
    .toString()
    .trim();
  if (migrated) console.log(`  ${migrated}`);
  const children: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'worker'],
        {
          env: { ...process.env, DATABASE_URL: ws.location, TIDELINE_WORKER: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d.toString()}`));
      return new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('is running')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
    }),
  );
  return {
    count,
    cpuSeconds: () => children.reduce((sum, c) => sum + processCpuSeconds(c.pid!), 0),
    serverCpuSeconds: postgresCpuSeconds,
    stop: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              c.removeAllListeners('exit');
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
