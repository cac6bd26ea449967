import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createMemorySlotStore, type SlotStore } from '../../src/limits/slot-store.js';
import { createStreamSlots } from '../../src/limits/stream-slots.js';

const LEASE = 30_000;
const KEY = 'rl:slots:org:u';

/** How many more slots `store` would give under `limit` right now (claims probe members, then gives them back). */
async function free(store: SlotStore, limit: number): Promise<number> {
  let n = 0;
  while (n < limit && (await store.claim(KEY, `probe-${n}`, LEASE, limit))) n++;
  for (let i = 0; i < n; i++) await store.release(KEY, `probe-${i}`);
  return n;
}

describe('memory slot store', () => {
  it('holds at most `limit` members; one that is not renewed frees its slot when its lease ends', async () => {
    let now = 0;
    const store = createMemorySlotStore(() => now);
    expect(await store.claim(KEY, 'a', 1_000, 2)).toBe(true);
    expect(await store.claim(KEY, 'b', 1_000, 2)).toBe(true);
    expect(await store.claim(KEY, 'c', 1_000, 2)).toBe(false);
    now = 900;
    expect(await store.claim(KEY, 'a', 1_000, 2)).toBe(true); // a holder renews even when the slots are full
    now = 1_000;
    expect(await store.claim(KEY, 'c', 1_000, 2)).toBe(true); // b's lease ran out
    expect(await store.claim(KEY, 'd', 1_000, 2)).toBe(false);
    await store.release(KEY, 'a');
    expect(await store.claim(KEY, 'd', 1_000, 2)).toBe(true);
  });
});

describe('stream slots', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const slotsOn = (store: SlotStore, errors: unknown[] = []) =>
    createStreamSlots({ store, orgId: 'org', limit: 2, leaseMs: LEASE, onError: (err) => errors.push(err) });

  it('refuses the stream past the limit with RATE_LIMITED and Retry-After 1', async () => {
    const slots = slotsOn(createMemorySlotStore());
    await slots.acquire('u');
    await slots.acquire('u');
    const err = await slots.acquire('u').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', message: 'at most 2 streams may be open at once', options: { retryAfterS: 1 } });
    expect(await slots.acquire('someone-else')).toBeTypeOf('function');
  });

  it('a running stream keeps its slot past many leases, and frees it when released', async () => {
    const store = createMemorySlotStore();
    const slots = slotsOn(store);
    const release = await slots.acquire('u');
    await vi.advanceTimersByTimeAsync(5 * LEASE);
    expect(await free(store, 2)).toBe(1);
    release();
    release(); // a second call is harmless
    await vi.advanceTimersByTimeAsync(0);
    expect(await free(store, 2)).toBe(2);
  });

  it('acquires that time out after their write landed run fail-open, and leave nothing behind once released', async () => {
    const inner = createMemorySlotStore();
    // Each claim lands in the store, then the caller sees a timeout: the late write of a stalled Redis.
    const late: SlotStore = {
      claim: async (...args) => {
        await inner.claim(...args);
        throw new Error('Command timed out');
      },
      release: (key, member) => inner.release(key, member),
    };
    const errors: unknown[] = [];
    const slots = slotsOn(late, errors);
    const releases = await Promise.all([1, 2, 3].map(() => slots.acquire('u')));
    expect(errors).toHaveLength(3);
    expect(await free(inner, 3)).toBe(1); // the late writes never lift the count past the limit (2)
    await vi.advanceTimersByTimeAsync(2 * LEASE); // renewals time out too, and still count no further
    expect(await free(inner, 3)).toBe(1);
    releases.forEach((release) => release());
    await vi.advanceTimersByTimeAsync(0);
    expect(await free(inner, 2)).toBe(2);
  });

  it('an instance that dies: its slots free themselves within a lease, for the others', async () => {
    const shared = createMemorySlotStore();
    let dead = false;
    // What a killed process does to the backend: nothing at all, from now on.
    const reach: SlotStore = {
      claim: (...args) => (dead ? Promise.reject(new Error('gone')) : shared.claim(...args)),
      release: (...args) => (dead ? Promise.reject(new Error('gone')) : shared.release(...args)),
    };
    const dying = slotsOn(reach);
    const survivor = slotsOn(shared);
    await dying.acquire('u');
    await dying.acquire('u');
    await expect(survivor.acquire('u')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    dead = true;
    await vi.advanceTimersByTimeAsync(LEASE / 2);
    await expect(survivor.acquire('u')).rejects.toMatchObject({ code: 'RATE_LIMITED' }); // still within the lease
    await vi.advanceTimersByTimeAsync(LEASE);
    await survivor.acquire('u');
    await survivor.acquire('u');
    await expect(survivor.acquire('u')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('close() stops the renewals and gives the slots back', async () => {
    const store = createMemorySlotStore();
    const slots = slotsOn(store);
    await slots.acquire('u');
    await slots.acquire('u');
    slots.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(await free(store, 2)).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a limit of 0 takes no slot and starts no timer', async () => {
    const slots = createStreamSlots({ store: createMemorySlotStore(), orgId: 'org', limit: 0, leaseMs: LEASE, onError: () => undefined });
    (await slots.acquire('u'))();
    expect(vi.getTimerCount()).toBe(0);
  });
});
