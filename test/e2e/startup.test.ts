import { describe, expect, it } from 'vitest';
import { startService } from '../helpers/service-process.js';

describe('start-up', () => {
  it('ENVIRONMENT=production with nothing set exits 1 with one message naming every missing variable', async () => {
    const svc = await startService({ ENVIRONMENT: 'production' }, { waitReady: false });
    const code = await svc.exited;
    expect(code).toBe(1);
    const out = svc.output();
    for (const name of ['CONTROLLER_URL', 'ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'JWT_SECRET', 'OPENAI_API_KEY']) {
      expect(out).toContain(name);
    }
    expect(out.match(/cannot start/g)).toHaveLength(1);
  });
});
