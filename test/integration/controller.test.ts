import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/config.js';
import { startFakeController } from '../helpers/fake-controller.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { waitFor } from '../helpers/wait.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startWithController(controllerUrl: string, db: TestDatabase) {
  const app = await buildApp(
    testConfig({
      CONTROLLER_URL: controllerUrl,
      CONTROLLER_HEARTBEAT_INTERVAL_S: '1',
      ORCHESTRATOR_DATABASE_URL: db.url,
      MONITORING_DATABASE_URL: db.url,
      ORCHESTRATOR_DB_PASSWORD: 'do-not-send-me',
      ORCHESTRATOR_PUBLIC_URL: 'http://10.0.0.5:8000',
    }),
    { logger: false },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

describe('Controller registration', () => {
  it('serves while the Controller refuses, registers on the 4th try, heartbeats, and deregisters on close', async () => {
    const controller = await startFakeController({ refuseRegistrations: 3 });
    const db = await createTestDatabase('ctl');
    cleanups.push(() => db.drop(), () => controller.close());
    const app = await startWithController(controller.url, db);
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await app.close();
    });

    // Serving from the start, with the Controller state visible.
    const early = (await app.inject({ url: '/health' })).json();
    expect(early.components.controller.state).toBe('registering');
    expect(early.status).toBe('degraded');

    await waitFor(() => app.controller.getStatus().state === 'registered', 'registration');
    const registrations = controller.callsTo('/register');
    expect(registrations).toHaveLength(4);
    expect(registrations[3]!.body).toEqual({
      orchestrator_id: 'orchestrator_001',
      organization_id: 'org_001',
      name: 'Orchestrator org_001',
      url: 'http://10.0.0.5:8000',
    });
    // Retries back off: the nth waits at least half its step (base 50 ms, doubling; full jitter keeps the upper half).
    // Lower bounds only: a busy machine makes every gap longer, never shorter.
    const gaps = registrations.slice(1).map((c, i) => c.at - registrations[i]!.at);
    expect(gaps.map((g, i) => g >= 25 * 2 ** i - 2)).toEqual([true, true, true]);

    const health = (await app.inject({ url: '/health' })).json();
    expect(health.components.controller).toMatchObject({ status: 'up', state: 'registered', attempts: 4 });
    expect(health.status).toBe('healthy');

    const hb = await waitFor(() => controller.callsTo('/heartbeat')[0], 'a heartbeat', 4_000);
    expect(hb.body).toMatchObject({ orchestrator_id: 'orchestrator_001', organization_id: 'org_001', status: 'active' });
    expect(['healthy', 'degraded']).toContain((hb.body as { health_status: string }).health_status);

    // Nothing secret ever leaves in these payloads.
    for (const call of controller.calls) expect(JSON.stringify(call.body ?? {})).not.toMatch(/do-not-send-me|postgres:\/\/|secret/i);

    await app.close();
    closed = true;
    expect(controller.callsTo('/orchestrator_001/deregister')).toHaveLength(1);
  });

  it('registers again when a heartbeat finds the Controller has forgotten it', async () => {
    const controller = await startFakeController();
    const db = await createTestDatabase('ctl');
    cleanups.push(() => db.drop(), () => controller.close());
    const app = await startWithController(controller.url, db);
    cleanups.push(() => app.close());

    await waitFor(() => app.controller.getStatus().state === 'registered', 'registration');
    controller.forget();
    await waitFor(() => controller.callsTo('/register').length === 2, 're-registration', 5_000);
    await waitFor(() => app.controller.getStatus().state === 'registered', 'registered again');
  });

  it('keeps serving with the Controller down, showing why in /health', async () => {
    const db = await createTestDatabase('ctl');
    cleanups.push(() => db.drop());
    const app = await startWithController('http://127.0.0.1:1', db);
    cleanups.push(() => app.close());
    await waitFor(() => app.controller.getStatus().attempts >= 2, 'two attempts');
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().components.controller).toMatchObject({ status: 'down', state: 'registering' });
    expect(res.json().components.controller.last_error).toBeTruthy();
  });
});
