import { Redis } from 'ioredis';
import { freePort } from '../../helpers/redis.js';
import { killGroup, spawnChild, type Child } from './procs.js';

/** A redis-server of its own on a free port, which a scenario may freeze (SIGSTOP), kill and start again. */
export class RedisServer {
  private child: Child | undefined;
  private constructor(readonly port: number) {}

  static async create(): Promise<RedisServer> {
    const r = new RedisServer(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    this.child = spawnChild(`redis:${this.port}`, 'redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (await this.ping()) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start: ${this.child.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async ping(): Promise<boolean> {
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000, commandTimeout: 1_000 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }

  /** Freezes the server: connections stay open, nothing answers (a hung or swapping Redis). */
  freeze(): void {
    if (this.child) killGroup(this.child.proc, 'SIGSTOP');
  }

  thaw(): void {
    if (this.child) killGroup(this.child.proc, 'SIGCONT');
  }

  /** SIGKILL (after SIGCONT, so a frozen server dies too); everything it held is gone (no persistence). */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  /** A client for the test's own reads (keys, counters). */
  client(): Redis {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    c.on('error', () => undefined);
    return c;
  }
}
