import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis.js';
import { waitFor } from './wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  url: string;
  port: number;
  proc: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the service as an operator does (`tsx src/main.ts` is what `npm start` runs), with only the given
 * environment (plus PATH/HOME), and waits until it is ready.
 */
export async function startService(env: Record<string, string>, opts: { waitReady?: boolean } = {}): Promise<ServiceProcess> {
  const port = Number(env.ORCHESTRATOR_PORT ?? (await freePort()));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ORCHESTRATOR_HOST: '127.0.0.1', ORCHESTRATOR_PORT: String(port), ...env },
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const svc: ServiceProcess = {
    url,
    port,
    proc,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
  if (opts.waitReady !== false) {
    await waitFor(async () => proc.exitCode === null ? (await fetch(`${url}/health/ready`)).ok : Promise.reject(new Error(`exited: ${out}`)), 'service ready', 30_000, 100);
  }
  return svc;
}
