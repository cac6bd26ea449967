import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors/app-error.js';

/** scrypt parameters (OWASP's recommended minimum: N=2^17, r=8, p=1); stored with the hash so they can change. */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** A stored hash asking for more than this is refused unread: its N alone would decide how much memory we spend. */
const MAX_N = 2 ** 20;

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 256 * N * R });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || Number(n) > MAX_N) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export interface PasswordHasherOptions {
  /** Hashes computed at once: each costs 128 MB (128·N·r bytes) for ~0.1-0.5 s of CPU. */
  concurrency?: number;
  /** Requests waiting for a slot; beyond this they are refused at once. */
  maxWaiting?: number;
  /** Longest wait for a slot before the request is refused. */
  maxWaitMs?: number;
}

export interface PasswordHasherStats {
  /** scrypt derivations run (hash, verify and dummy verifications alike). */
  derivations: number;
  running: number;
  /** The most that ever ran at once. */
  peak: number;
  waiting: number;
  /** Requests refused because every slot was busy for too long. */
  refused: number;
}

/**
 * Password hashing with a bound on how many scrypt derivations run at once. Unbounded, 16 parallel login attempts
 * took the process from 145 to 670 MB and starved the libuv thread pool that DNS and file I/O share; a small
 * semaphore keeps memory at concurrency × 128 MB, and a request that cannot get a slot soon is refused with 503
 * (the login throttle counts it as a failure, so a flood locks itself out).
 */
export function createPasswordHasher(opts: PasswordHasherOptions = {}) {
  const concurrency = opts.concurrency ?? 2;
  const maxWaiting = opts.maxWaiting ?? 16;
  const maxWaitMs = opts.maxWaitMs ?? 3_000;
  const stats: PasswordHasherStats = { derivations: 0, running: 0, peak: 0, waiting: 0, refused: 0 };
  const queue: (() => void)[] = [];
  /** Verified against when there is no user (or no hash): made by the first such call, so each call costs one derivation. */
  let dummy: string | undefined;

  const busy = () => {
    stats.refused++;
    return new AppError('SERVICE_UNAVAILABLE', 'too many sign-ins at once; retry in a moment', { retryAfterS: 1 });
  };

  async function slot(): Promise<void> {
    if (stats.running < concurrency) {
      stats.running++;
      stats.peak = Math.max(stats.peak, stats.running);
      return;
    }
    if (stats.waiting >= maxWaiting) throw busy();
    stats.waiting++;
    try {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          const i = queue.indexOf(grant);
          if (i >= 0) queue.splice(i, 1);
          reject(busy());
        }, maxWaitMs);
        queue.push(grant);
      });
    } finally {
      stats.waiting--;
    }
    // The releasing caller handed its slot over: `running` stays as it was.
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else stats.running--;
  }

  async function bounded<T>(derive: () => Promise<T>): Promise<T> {
    await slot();
    try {
      stats.derivations++;
      return await derive();
    } finally {
      release();
    }
  }

  return {
    stats,
    hash: (password: string) => bounded(() => hashPassword(password)),
    verify: (password: string, stored: string) => bounded(() => verifyPassword(password, stored)),
    /**
     * The work of a verification without a hash to verify against (unknown user), so a wrong username costs what a
     * wrong password costs: exactly one derivation with the same parameters. Always false.
     */
    async verifyDummy(password: string): Promise<false> {
      await bounded(async () => {
        if (dummy === undefined) dummy = await hashPassword(password);
        else await verifyPassword(password, dummy);
      });
      return false;
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

