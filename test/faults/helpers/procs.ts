import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a fault scenario started, so that a scenario that fails half-way still leaves nothing behind: every child runs
 * in its own process group (killed whole), every temp dir is removed, every extra cleanup runs, in reverse order.
 * `cleanupAll()` runs in afterAll and, as a last resort, when the test process exits.
 */
const cleanups: { label: string; run: () => void | Promise<void> }[] = [];

export function onCleanup(label: string, run: () => void | Promise<void>): void {
  cleanups.push({ label, run });
}

export async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await c.run();
    } catch (err) {
      console.warn(`cleanup ${c.label} failed: ${(err as Error).message}`);
    }
  }
}

/** Synchronous last resort (process exit): only signals and rm, nothing that awaits. */
const lastResort = new Set<() => void>();
process.once('exit', () => {
  // Newest first: a cluster is stopped (through the pid file in its temp dir) before its temp dir is removed.
  for (const f of [...lastResort].reverse()) {
    try {
      f();
    } catch {
      // best effort
    }
  }
});

/** Registers a synchronous last resort for when the test process exits without its afterAll (e.g. killed on a timeout). */
export function onProcessExit(f: () => void): () => void {
  lastResort.add(f);
  return () => lastResort.delete(f);
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `moolai-faults-${label}-`));
  const rm = () => rmSync(dir, { recursive: true, force: true });
  lastResort.add(rm);
  onCleanup(`rm ${dir}`, () => {
    rm();
    lastResort.delete(rm);
  });
  return dir;
}

/** Signals a child's whole process group (it was spawned detached, so it leads one). */
export function killGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

export interface Child {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL to the group and wait (no-op when already gone). */
  kill(): Promise<void>;
}

/** Spawns a child in its own process group, collects its output, and registers its kill as a cleanup. */
export function spawnChild(label: string, cmd: string, args: string[], opts: SpawnOptions = {}): Child {
  const proc = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const hard = () => killGroup(proc, 'SIGKILL');
  lastResort.add(hard);
  const child: Child = {
    proc,
    output: () => out,
    exited,
    async kill() {
      killGroup(proc, 'SIGCONT');
      killGroup(proc, 'SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      lastResort.delete(hard);
    },
  };
  onCleanup(`kill ${label}`, () => child.kill());
  return child;
}

/** The uid/gid to run Postgres as: it refuses to run as root. */
export function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
