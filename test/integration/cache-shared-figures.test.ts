import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

/** The Cache page's figures (#19) come from the records every instance writes: two instances and the Overview agree. */
let gw: Gateway;
let other: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  gw = await startGateway();
  other = await buildApp(gw.config, { logger: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await gw?.close();
});

const ask = (app: typeof other, content: string) => app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] } });

describe('shared cache figures', () => {
  it('every instance reports the same hits and misses, and the Overview agrees', async () => {
    expect((await ask(gw.app, 'What is the capital of Peru?')).statusCode).toBe(200); // miss, on this instance
    expect((await ask(other, 'What is the capital of Peru?')).headers['x-cache']).toMatch(/HIT/); // hit, on the other
    expect((await ask(other, 'Name a prime above 100')).statusCode).toBe(200); // miss
    await Promise.all([gw.app.llm.recorder.flush(), other.llm.recorder.flush()]);

    const a = (await gw.app.inject({ url: '/api/v1/cache/stats' })).json();
    const b = (await other.inject({ url: '/api/v1/cache/stats' })).json();
    expect(a.shared).toMatchObject({ hits: 1, misses: 2, hit_rate: 0.3333 });
    expect(b.shared).toMatchObject({ hits: a.shared.hits, misses: a.shared.misses, hit_rate: a.shared.hit_rate });
    expect(a.shared_error).toBeNull();
    // The per-instance counters differ: that is why the page leads with the shared ones.
    expect(a.hits).toBe(0);
    expect(b.hits).toBe(1);
    expect(a.shared.hourly.reduce((n: number, h: { hits: number }) => n + h.hits, 0)).toBe(1);
    expect(a.shared.hourly.reduce((n: number, h: { misses: number }) => n + h.misses, 0)).toBe(2);

    const overview = (await gw.app.inject({ url: `/api/v1/analytics/overview?from=${encodeURIComponent(a.shared.from)}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}` })).json();
    expect(overview.totals).toMatchObject({ cache_hits: 1, cache_misses: 2, cache_hit_rate: a.shared.hit_rate });
  });
});
