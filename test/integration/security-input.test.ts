import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggerOptions } from '../../src/logger.js';
import { messages } from '../../src/storage/orchestrator/schema.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat } from '../helpers/ws-client.js';

/**
 * Issue #13 item 10: NUL characters and year-0 dates reached Postgres and came back as 500s, and the error log then
 * carried the query's parameters (prompt text, a scrypt hash).
 */

const N = '\u0000';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
});
afterAll(() => gw.close());

/** A second instance on the same databases with the production logger options, writing to memory. */
async function loggedApp(): Promise<{ app: FastifyInstance; url: string; log: () => string }> {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const app = await buildApp(gw.config, { logger: { ...(loggerOptions('info') as object), stream: sink } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, log: () => lines.join('') };
}

describe('input Postgres cannot hold is a 400 naming the field', () => {
  const cases: [method: 'GET' | 'POST' | 'DELETE', url: string, payload: object | undefined, field: string][] = [
    ['POST', '/api/v1/auth/login', { username: `a${N}b`, password: 'x' }, 'body.username'],
    ['POST', '/api/v1/auth/users', { username: 'abcdef', password: 'long enough password', role: 'developer', full_name: `x${N}` }, 'body.full_name'],
    ['POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: `x${N}y` }, 'body.pattern'],
    ['POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'xy', description: `x${N}y` }, 'body.description'],
    ['GET', '/api/v1/conversations/a%00b/messages', undefined, 'params.id'],
    ['DELETE', '/api/v1/conversations/a%00b', undefined, 'params.id'],
    ['DELETE', '/api/v1/firewall/rules/a%00b', undefined, 'params.id'],
    ['GET', '/api/v1/firewall/events?user_id=a%00b', undefined, 'querystring.user_id'],
    ['GET', '/api/v1/firewall/events?source=a%00b', undefined, 'querystring.source'],
    ['GET', '/api/v1/analytics/prompts?user_id=a%00b', undefined, 'querystring.user_id'],
    ['GET', '/api/v1/analytics/prompts?from=0000-01-01', undefined, 'querystring.from'],
    ['GET', '/api/v1/analytics/prompts?to=0000-01-01', undefined, 'querystring.to'],
    ['GET', '/api/v1/analytics/prompts?from=0000-01-01&to=0000-02-01', undefined, 'querystring.from'],
    ['GET', '/api/v1/analytics/overview?from=0000-01-01&to=0000-01-02', undefined, 'querystring.from'],
  ];

  it.each(cases)('%s %s', async (method, url, payload, field) => {
    const res = await gw.app.inject({ method, url, payload });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(res.json().error.message.startsWith(`${field}: `)).toBe(true);
    expect(res.json().error.details.fields[0].path).toBe(field);
  });

  it('object keys are checked too', async () => {
    const res = await gw.app.inject({ method: 'PUT', url: '/api/v1/firewall/policy', payload: { pii: { [`URL${N}`]: { action: 'block' } } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^body\.pii\.URL\\u0000: must not contain NUL/);
  });

  it('dates within 1970..9999 pass', async () => {
    expect((await gw.app.inject({ url: '/api/v1/analytics/prompts?from=2026-01-01&to=2026-02-01' })).statusCode).toBe(200);
  });

  it('a prompt sent only upstream may carry NUL (documented): the LLM routes answer it', async () => {
    const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `bytes a${N}b` } });
    expect(res.statusCode).toBe(200);
    const oa = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `x${N}y` }] } });
    expect(oa.statusCode).toBe(200);
  });
});

describe('error logs never carry SQL parameters', () => {
  it('a failed insert is logged without its parameters: no password hash, no stored text', async () => {
    const marker = 'Zebulon Quixote-Marker';
    await gw.app.dbs.orchestrator.db.execute(sql.raw(`alter table users add constraint test_no_marker check (full_name <> '${marker}')`));
    const { app, log } = await loggedApp();
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/users', payload: { username: 'marker_user', password: 'a long enough password', role: 'developer', full_name: marker } });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toMatchObject({ code: 'INTERNAL_ERROR', message: 'internal error' });
      const text = log();
      expect(text).toContain('request failed');
      expect(text).toContain('test_no_marker'); // the constraint that failed is still named
      expect(text).not.toContain('scrypt$');
      expect(text).not.toContain(marker);
      expect(text).not.toContain('a long enough password');
      expect(text).not.toMatch(/params|insert into/i);
    } finally {
      await app.close();
      await gw.app.dbs.orchestrator.db.execute(sql.raw('alter table users drop constraint test_no_marker'));
    }
  });
});

describe('WebSocket turns', () => {
  it('a message with NUL is refused before anything streams, naming the field', async () => {
    const c = await connectChat(gw.url);
    c.send({ type: 'message', id: 'nul1', content: `hello${N}world` });
    expect(await c.end('nul1')).toMatchObject({ type: 'error', code: 'VALIDATION_ERROR', message: expect.stringMatching(/^content: must not contain NUL/) });
    expect(c.tokensOf('nul1')).toEqual([]);
    await c.close();
  });

  it('an answer with NUL is delivered and stored (as U+FFFD)', async () => {
    gw.openai.script({ kind: 'answer', text: `left${N}right`, chunks: 2 });
    const c = await connectChat(gw.url);
    const r = await c.ask('give me a NUL');
    expect(r.end).toMatchObject({ type: 'done', message_id: expect.any(String) });
    expect(r.text).toBe(`left${N}right`);
    const [stored] = await gw.app.dbs.orchestrator.db.select().from(messages).where(eq(messages.id, r.end.message_id as string));
    expect(stored?.content).toBe('left\uFFFDright');
    await c.close();
  });

  it('when storing fails after the answer streamed, the client still gets done (with a warning), and the log has no prompt', async () => {
    const prompt = 'poison pill question about tidal pools on Europa';
    await gw.app.dbs.orchestrator.db.execute(sql.raw(`alter table messages add constraint test_no_poison check (position('poison' in content) = 0)`));
    const { app, url, log } = await loggedApp();
    try {
      gw.openai.script({ kind: 'answer', text: 'an answer in four pieces', chunks: 4 });
      const c = await connectChat(url);
      const r = await c.ask(prompt);
      expect(r.tokens).toBeGreaterThan(0);
      expect(r.end).toMatchObject({ type: 'done', message_id: null, warning: { code: 'NOT_STORED' } });
      await c.close();
      const text = log();
      expect(text).toContain('could not store a chat turn');
      expect(text).not.toContain('tidal pools');
      expect(text).not.toContain('an answer in four pieces');
      expect(text).not.toMatch(/params/);
    } finally {
      await app.close();
      await gw.app.dbs.orchestrator.db.execute(sql.raw('alter table messages drop constraint test_no_poison'));
    }
  });
});
