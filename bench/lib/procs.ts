import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** The last ~200 lines of stdout+stderr, for error reports. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const children = new Set<Child>();

/** Starts `node <args>` in cwd with exactly the given environment (plus PATH/HOME). */
export function startNode(name: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): Child {
  const proc = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (d: Buffer) => {
    lines.push(...d.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const child: Child = {
    name,
    proc,
    pid: proc.pid ?? -1,
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 10_000) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
      return exited;
    },
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Stops every child still running (cleanup path: errors, SIGINT). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop(5_000)));
}

/** Polls url until it answers 2xx; fails early if the child exits. */
export async function waitReady(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      throw new Error(`${child.name} exited during start-up:\n${child.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${child.name} not ready at ${url} within ${timeoutMs} ms (${last}):\n${child.output()}`);
}

/** Resident and peak resident memory of a process in MB, from /proc (Linux only). */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Runs a command to completion (the build); resolves with its exit code and output. */
export function runCommand(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('error', (err) => resolve({ code: -1, output: err.message }));
    proc.on('close', (code) => resolve({ code, output }));
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (clock ticks, 100 Hz). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time a process has used so far, in ms with ns resolution: the sum of `/proc/<pid>/task/<tid>/schedstat` (time on
 * a CPU, in ns, of each thread: the main one, libuv's pool, V8's GC and compiler threads). `cpuMsOf` counts 10 ms
 * ticks, too coarse to tell a few µs per request apart over a few thousand requests. Threads that have exited are
 * no longer counted, which is fine for a running Node process (its threads live as long as it does). NaN when the
 * kernel does not provide schedstat.
 */
export function cpuExactMsOf(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended while we looked
      }
    }
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU time of the whole machine so far (all cores), in ms, from /proc/stat. */
export function systemBusyMs(): number {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * The shared infrastructure's processes that work for this bench: redis-server, Postgres' background processes,
 * and the Postgres backends connected to our databases (not other people's, who may share the server).
 */
export function infraPids(...dbNames: string[]): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'redis-server') out.push(Number(entry));
      else if (comm === 'postgres') {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const backend = /^postgres: [^:]+: \S+ (\S+) \S+\(\d+\)/.exec(title);
        if (!backend || dbNames.includes(backend[1]!)) out.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Waits (bounded) until the given processes use under `maxCoreShare` of one core, e.g. after a burst of record writes. */
export async function settle(pids: () => number[], maxWaitMs = 3_000, maxCoreShare = 0.1): Promise<number> {
  const started = Date.now();
  const total = () => pids().reduce((s, p) => s + (cpuMsOf(p) || 0), 0);
  while (Date.now() - started < maxWaitMs) {
    const a = total();
    await sleep(200);
    if ((total() - a) / 200 < maxCoreShare) break;
  }
  return Date.now() - started;
}
