import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ConfigError } from '../../src/config/index.js';
import { jsonRow } from '../../src/storage/recordset-insert.js';
import { testConfig } from '../helpers/config.js';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Stored prompt text (issue 18): what each mode stores for allowed, redacted and blocked prompts and for answers
 * (streams included), who may read it, the audit of reads and changes, retention, deleting one entry and a user.
 */

const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AWS = 'AKIA1234567890ABCDEF';
const EMAIL = 'maria.garcia@acme-corp.com';

interface Item {
  request_id: string;
  user_id: string | null;
  status: string;
  firewall_decision: string | null;
  prompt: string | null;
  response: string | null;
  text: null | {
    mode: 'masked' | 'full';
    visible: boolean;
    prompt_length: number | null;
    response_length: number | null;
    findings: { field: 'prompt' | 'response'; scanner: string; type: string; action: string; start: number; end: number }[];
  };
}

type Who = 'admin' | 'analyst' | 'developer' | string;

/** The environment a gateway was started with, for a second instance on the same databases and Redis prefix. */
const envOf = (gw: Gateway): Record<string, string> => ({
  ORCHESTRATOR_DATABASE_URL: gw.db.url,
  MONITORING_DATABASE_URL: gw.db.url,
  REDIS_URL: gw.config.redis.url!,
  REDIS_KEY_PREFIX: gw.config.redis.keyPrefix,
  OPENAI_BASE_URL: gw.openai.baseURL,
  DEFAULT_MODEL: 'gpt-4o-mini',
  FIREWALL_PII_ACTION: 'redact',
});

function harness(gw: () => Gateway) {
  const tokens = new Map<string, string>();
  const token = async (who: Who) => {
    const username = who === 'admin' ? 'gabriella_admin' : who === 'analyst' ? 'amogh_analyst' : who === 'developer' ? 'dinakar_developer' : who;
    if (!tokens.has(username)) tokens.set(username, await gw().login(username));
    return tokens.get(username)!;
  };
  const call = async (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    gw().app.inject({ method, url, headers: { authorization: `Bearer ${await token(who)}` }, ...(payload ? { payload } : {}) });
  /** Writes the records and the text captured so far now: the setImmediate preparation, then the batched writers. */
  const settle = async () => {
    const pt = gw().app.services.promptText;
    pt.log.drain();
    await Promise.all([pt.writer.flush(), gw().app.llm.recorder.flush()]);
  };
  const item = async (who: Who, requestId: string): Promise<Item | undefined> => {
    await settle();
    const res = await call(who, 'GET', `/api/v1/analytics/prompts?request_id=${requestId}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Item[])[0];
  };
  const ask = async (who: Who, prompt: string, extra: object = {}) => {
    const res = await call(who, 'POST', '/api/v1/llm/prompt', { prompt, cache: false, ...extra });
    return { res, id: res.headers['x-moolai-record-id'] as string };
  };
  const slice = (i: Item, field: 'prompt' | 'response', type: string) => {
    const f = i.text!.findings.find((x) => x.field === field && x.type === type);
    if (!f) throw new Error(`no ${type} finding in the ${field}: ${JSON.stringify(i.text!.findings)}`);
    return (field === 'prompt' ? i.prompt! : i.response!).slice(f.start, f.end);
  };
  return { token, call, settle, item, ask, slice };
}

describe('PROMPT_LOGGING=masked', () => {
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    gw = await startGateway({ PROMPT_LOGGING: 'masked', FIREWALL_PII_ACTION: 'redact' });
  });
  afterAll(() => gw.close());

  it('an allowed prompt: stored as sent with its answer, mode masked, lengths kept', async () => {
    const { res, id } = await h.ask('developer', 'Summarise the Magna Carta in two sentences.');
    expect(res.statusCode).toBe(200);
    const i = (await h.item('admin', id))!;
    expect(i.prompt).toBe('Summarise the Magna Carta in two sentences.');
    expect(i.response).toBe('Echo: Summarise the Magna Carta in two sentences.');
    expect(i.text).toMatchObject({ mode: 'masked', visible: true, prompt_length: 43, response_length: 49, findings: [] });
  });

  it('a redacted prompt: stored as the provider saw it, the value masked in place and highlighted; the answer keeps the placeholder', async () => {
    const { res, id } = await h.ask('developer', `Write to ${EMAIL} about the launch`);
    expect(res.statusCode).toBe(200);
    // The client got its value back; the provider saw a placeholder.
    expect(res.json().response).toContain(EMAIL);
    expect(JSON.stringify(gw.openai.calls.at(-1)!.body)).not.toContain(EMAIL);
    const i = (await h.item('admin', id))!;
    expect(i.firewall_decision).toBe('redact');
    expect(i.prompt).toMatch(/^Write to \[EMAIL_ADDRESS [^\]]+\] about the launch$/);
    expect(h.slice(i, 'prompt', 'EMAIL_ADDRESS')).toMatch(/^\[EMAIL_ADDRESS .+\]$/);
    expect(i.text!.findings.find((f) => f.type === 'EMAIL_ADDRESS')!.action).toBe('redact');
    expect(i.response).toBe('Echo: Write to <EMAIL_ADDRESS_1> about the launch');
    expect(JSON.stringify(i)).not.toContain(EMAIL);
  });

  it('a blocked prompt: stored masked, so a reviewer sees why without the secret; no answer', async () => {
    const { res, id } = await h.ask('developer', `deploy with ${SECRET} please`);
    expect(res.statusCode).toBe(403);
    const i = (await h.item('admin', id))!;
    expect(i.status).toBe('blocked');
    expect(i.prompt).toBe('deploy with [github-pat ghp_************************q7R8] please');
    expect(h.slice(i, 'prompt', 'github-pat')).toContain('[github-pat');
    expect(i.text!.findings[0]).toMatchObject({ scanner: 'secrets', action: 'block' });
    expect(i.response).toBeNull();
    expect(JSON.stringify(i)).not.toContain(SECRET);
  });

  it('a secret the policy only logs reaches the provider and comes back in the answer, yet is stored masked in both', async () => {
    const patched = await h.call('admin', 'PATCH', '/api/v1/firewall/policy', { secrets: { 'github-pat': { action: 'log' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    try {
      const { res, id } = await h.ask('developer', `what does ${SECRET} unlock? Ask Abraham Lincoln.`);
      expect(res.statusCode).toBe(200);
      expect(res.json().response).toContain(SECRET); // logged only: delivered as the provider wrote it
      const i = (await h.item('admin', id))!;
      expect(i.firewall_decision).toBe('allow');
      expect(JSON.stringify(i)).not.toContain(SECRET);
      expect(i.prompt).not.toContain('Lincoln');
      expect(h.slice(i, 'prompt', 'github-pat')).toMatch(/^\[github-pat /);
      expect(h.slice(i, 'prompt', 'PERSON')).toMatch(/^\[PERSON /);
      expect(h.slice(i, 'response', 'github-pat')).toMatch(/^\[github-pat /);
      expect(i.text!.findings.filter((f) => f.type === 'github-pat').map((f) => f.action)).toEqual(['log', 'log']);
    } finally {
      await h.call('admin', 'PATCH', '/api/v1/firewall/policy', { secrets: { 'github-pat': null } });
    }
  });

  it('a stream: the answer as assembled after the stream masker, and a finding the masker lets through masked too', async () => {
    gw.openai.script({ kind: 'answer', text: `Use ${AWS} as the key; Abraham Lincoln said so.`, chunks: 7 });
    const res = await h.call('developer', 'POST', '/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'which key do I use?' }] });
    expect(res.statusCode).toBe(200);
    const delivered = parseSse(res.body).map((e) => e.data).join('');
    expect(delivered).not.toContain(AWS);
    expect(delivered).toContain('Lincoln'); // a public figure: only logged, so delivered
    const id = res.headers['x-moolai-record-id'] as string;
    const i = (await h.item('admin', id))!;
    expect(i.prompt).toBe('which key do I use?');
    expect(i.response).toMatch(/^Use \[aws-access-key-id [^\]]+\] as the key; \[PERSON [^\]]+\] said so\.$/);
    expect(h.slice(i, 'response', 'PERSON')).toMatch(/^\[PERSON /);
    expect(JSON.stringify(i)).not.toContain(AWS);
  });

  it('Anthropic’s Messages API (native, streamed) and embeddings are stored too: the answer from its own wire format, the input without an answer', async () => {
    const res = await h.call('developer', 'POST', '/v1/messages', { model: 'claude-sonnet-4', max_tokens: 64, stream: true, system: 'Be brief.', messages: [{ role: 'user', content: 'Tell me about Abraham Lincoln.' }] });
    expect(res.statusCode, res.body).toBe(200);
    const i = (await h.item('admin', res.headers['x-moolai-record-id'] as string))!;
    expect(i.prompt).toMatch(/^Be brief\.\n\nTell me about \[PERSON [^\]]+\]\.$/);
    expect(i.response).toMatch(/^Echo: Tell me about \[PERSON [^\]]+\]\.$/);
    const emb = await h.call('developer', 'POST', '/v1/embeddings', { model: 'text-embedding-3-small', input: `vectors for ${EMAIL}` });
    expect(emb.statusCode, emb.body).toBe(200);
    const e = (await h.item('admin', emb.headers['x-moolai-record-id'] as string))!;
    expect(e.prompt).toMatch(/^vectors for \[EMAIL_ADDRESS [^\]]+\]$/);
    expect(e.response).toBeNull();
  });

  it('a cache hit stores the prompt and the cached answer', async () => {
    const first = await h.ask('analyst', 'Name three rivers in France.', { cache: true });
    const second = await h.ask('analyst', 'Name three rivers in France.', { cache: true });
    expect(second.res.headers['x-cache']).toBe('HIT');
    const [a, b] = [(await h.item('admin', first.id))!, (await h.item('admin', second.id))!];
    expect(b.response).toBe(a.response);
    expect(b.prompt).toBe('Name three rivers in France.');
  });

  it('full is refused without PROMPT_LOGGING_FULL_ALLOWED; off stores nothing; every change is recorded with who, from and to', async () => {
    const refused = await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'full' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('PROMPT_LOGGING_FULL_ALLOWED');
    expect((await h.call('admin', 'GET', '/api/v1/prompt-logging')).json()).toMatchObject({ mode: 'masked', source: 'environment', full_allowed: false });
    expect((await h.call('analyst', 'PUT', '/api/v1/prompt-logging', { mode: 'off' })).statusCode).toBe(403);

    const off = await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'off' });
    expect(off.json()).toMatchObject({ mode: 'off', source: 'admin', changed: true });
    const { id } = await h.ask('developer', 'Nothing of this is kept.');
    const none = (await h.item('admin', id))!;
    expect(none.text).toBeNull();
    expect(none.prompt).toBeNull();
    const page = (await h.call('developer', 'GET', '/api/v1/analytics/prompts')).json();
    expect(page.prompt_logging).toMatchObject({ enabled: false, mode: 'off', text_access: 'own' });

    expect((await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'off' })).json().changed).toBe(false);
    expect((await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'masked' })).json()).toMatchObject({ mode: 'masked', changed: true });
    const changes = (await h.call('admin', 'GET', '/api/v1/prompt-logging/changes')).json().changes;
    expect(changes.map((c: { from: string; to: string; changed_by_username: string }) => [c.from, c.to, c.changed_by_username])).toEqual([
      ['off', 'masked', 'gabriella_admin'],
      ['masked', 'off', 'gabriella_admin'],
    ]);
    expect(Date.now() - Date.parse(changes[0].changed_at)).toBeLessThan(60_000);
    expect((await h.call('analyst', 'GET', '/api/v1/prompt-logging/changes')).statusCode).toBe(403);
  });

  it('access: admins read everyone’s text; analysts (without the switch) and developers only their own; developers list only their own requests', async () => {
    const dev = await h.ask('developer', 'A developer question about tides.');
    const ana = await h.ask('analyst', 'An analyst question about tides.');
    await h.settle();

    const asAdmin = (await h.item('admin', dev.id))!;
    expect(asAdmin.prompt).toBe('A developer question about tides.');

    const asAnalyst = (await h.item('analyst', dev.id))!;
    expect(asAnalyst.user_id).toBe('dev_dinakar'); // the record, yes
    expect(asAnalyst.prompt).toBeNull(); // the text, no
    expect(asAnalyst.response).toBeNull();
    expect(asAnalyst.text).toEqual({ mode: 'masked', visible: false, prompt_length: null, response_length: null, findings: [] });
    expect((await h.item('analyst', ana.id))!.prompt).toBe('An analyst question about tides.');

    expect((await h.item('developer', dev.id))!.prompt).toBe('A developer question about tides.');
    expect(await h.item('developer', ana.id)).toBeUndefined();
    const devPage = (await h.call('developer', 'GET', '/api/v1/analytics/prompts?limit=200')).json();
    expect(devPage.items.length).toBeGreaterThan(0);
    expect(devPage.items.every((i: Item) => i.user_id === 'dev_dinakar')).toBe(true);
    expect((await h.call('developer', 'GET', '/api/v1/analytics/prompts?user_id=dev_amogh')).json().items).toEqual([]);
    const anaPage = (await h.call('analyst', 'GET', '/api/v1/analytics/prompts?limit=200')).json();
    expect(anaPage.prompt_logging).toMatchObject({ mode: 'masked', text_access: 'own' });
    expect(anaPage.items.filter((i: Item) => i.prompt !== null).every((i: Item) => i.user_id === 'dev_amogh')).toBe(true);
  });

  it('every read of stored text is recorded (who, when, which request) and listed for admins only; listing without text records nothing', async () => {
    const { id } = await h.ask('developer', 'Audit me, please.');
    await h.settle();
    const before = (await h.call('admin', 'GET', `/api/v1/prompt-logging/access?request_id=${id}`)).json().entries;
    expect(before).toEqual([]);

    const bare = (await h.call('admin', 'GET', `/api/v1/analytics/prompts?request_id=${id}&include_text=false`)).json();
    expect(bare.items[0].prompt).toBeNull();
    expect(bare.items[0].text).toMatchObject({ mode: 'masked', visible: false });
    expect((await h.call('admin', 'GET', `/api/v1/prompt-logging/access?request_id=${id}`)).json().entries).toEqual([]);

    await h.item('admin', id);
    await h.item('developer', id);
    await h.item('analyst', id); // not theirs: nothing read, nothing recorded
    const entries = (await h.call('admin', 'GET', `/api/v1/prompt-logging/access?request_id=${id}`)).json().entries;
    expect(entries.map((e: { action: string; actor_username: string; actor_role: string; subject_user_id: string }) => [e.action, e.actor_username, e.actor_role, e.subject_user_id])).toEqual([
      ['read', 'dinakar_developer', 'developer', 'dev_dinakar'],
      ['read', 'gabriella_admin', 'admin', 'dev_dinakar'],
    ]);
    expect(Date.now() - Date.parse(entries[0].at)).toBeLessThan(60_000);
    for (const who of ['analyst', 'developer']) expect((await h.call(who, 'GET', '/api/v1/prompt-logging/access')).statusCode).toBe(403);
  });

  it('an admin deletes one entry (the record stays, the deletion is audited); others may not', async () => {
    const { id } = await h.ask('developer', 'Delete this one.');
    await h.settle();
    expect((await h.call('analyst', 'DELETE', `/api/v1/analytics/prompts/${id}/text`)).statusCode).toBe(403);
    expect((await h.call('developer', 'DELETE', `/api/v1/analytics/prompts/${id}/text`)).statusCode).toBe(403);
    const del = await h.call('admin', 'DELETE', `/api/v1/analytics/prompts/${id}/text`);
    expect(del.json()).toEqual({ deleted: true, request_id: id });
    expect((await h.call('admin', 'DELETE', `/api/v1/analytics/prompts/${id}/text`)).statusCode).toBe(404);
    const i = (await h.item('admin', id))!;
    expect(i.status).toBe('success');
    expect(i.text).toBeNull();
    const entries = (await h.call('admin', 'GET', `/api/v1/prompt-logging/access?request_id=${id}`)).json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['delete']);
  });

  it('retention deletes text older than PROMPT_LOG_RETENTION_DAYS (7 by default) and keeps newer text and every record', async () => {
    const old = await h.ask('developer', 'An old question.');
    const fresh = await h.ask('developer', 'A fresh question.');
    await h.settle();
    expect(gw.config.promptLogging.retentionDays).toBe(7);
    const c = new pg.Client({ connectionString: gw.db.url });
    await c.connect();
    try {
      await c.query(`update prompt_texts set created_at = now() - interval '8 days' where request_id = $1`, [old.id]);
      await c.query(`update prompt_texts set created_at = now() - interval '6 days' where request_id = $1`, [fresh.id]);
      // Reads are audited as long as the records are kept (MONITORING_RETENTION_DAYS, 30): one 31 days old goes.
      await h.item('admin', fresh.id);
      await h.item('admin', old.id);
      await c.query(`update prompt_text_access set at = now() - interval '31 days' where request_id = $1`, [old.id]);
      const result = await gw.app.services.promptText.retention.runOnce();
      expect(result).toEqual({ texts: 1, accessEntries: 1 });
      const audit = await c.query<{ request_id: string }>(`select request_id from prompt_text_access where request_id = any($1)`, [[old.id, fresh.id]]);
      expect(audit.rows.map((r) => r.request_id)).toEqual([fresh.id]);
      const left = await c.query<{ request_id: string }>(`select request_id from prompt_texts where request_id = any($1)`, [[old.id, fresh.id]]);
      expect(left.rows.map((r) => r.request_id)).toEqual([fresh.id]);
      const records = await c.query(`select id from llm_requests where id = any($1)`, [[old.id, fresh.id]]);
      expect(records.rowCount).toBe(2);
    } finally {
      await c.end();
    }
  });

  it('deleting a user deletes their text, refuses their text still on its way, and ends their sessions', async () => {
    const created = await h.call('admin', 'POST', '/api/v1/auth/users', { username: 'leaving_user', password: 'a-long-password-1', role: 'developer' });
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json().user_id as string;
    const token = await gw.login('leaving_user', 'a-long-password-1');
    const ids: string[] = [];
    for (const prompt of ['First thing I asked.', 'Second thing I asked.']) {
      const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${token}` }, payload: { prompt, cache: false } });
      expect(res.statusCode).toBe(200);
      ids.push(res.headers['x-moolai-record-id'] as string);
    }
    const other = await h.ask('developer', 'Someone else keeps their text.');
    await h.settle();
    expect((await h.item('admin', ids[0]!))!.prompt).toBe('First thing I asked.');

    expect((await h.call('analyst', 'DELETE', `/api/v1/auth/users/${userId}`)).statusCode).toBe(403);
    const del = await h.call('admin', 'DELETE', `/api/v1/auth/users/${userId}`);
    expect(del.json()).toEqual({ deleted: true, user_id: userId, prompt_texts_deleted: 2 });
    for (const id of ids) expect((await h.item('admin', id))!.text).toBeNull();
    expect((await h.item('admin', other.id))!.prompt).toBe('Someone else keeps their text.');

    // A row of theirs still queued somewhere (from before the deletion) is refused at insert.
    await gw.app.repos.promptTexts.insert([
      jsonRow({ requestId: 'late-row', orgId: gw.config.orgId, userId, mode: 'masked', prompt: 'late', promptLength: 4, response: null, responseLength: null, findings: [], createdAt: new Date(Date.now() - 1_000).toISOString() }),
    ]);
    const c = new pg.Client({ connectionString: gw.db.url });
    await c.connect();
    try {
      expect((await c.query(`select 1 from prompt_texts where user_id = $1`, [userId])).rowCount).toBe(0);
    } finally {
      await c.end();
    }
    const entries = (await h.call('admin', 'GET', '/api/v1/prompt-logging/access')).json().entries as { action: string }[];
    expect(entries.filter((e) => e.action === 'erase_user')).toEqual([expect.objectContaining({ subject_user_id: userId, actor_username: 'gabriella_admin', request_id: null })]);
    await waitFor(async () => (await gw.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode === 401 || undefined, 'the deleted user is signed out');
    expect((await h.call('admin', 'DELETE', `/api/v1/auth/users/${userId}`)).statusCode).toBe(404);
    expect((await h.call('admin', 'DELETE', '/api/v1/auth/users/dev_gabriella')).statusCode).toBe(400);
  });
});

describe('PROMPT_LOGGING=full (allowed), analysts with PROMPT_LOGGING_ANALYSTS=true', () => {
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    gw = await startGateway({ PROMPT_LOGGING: 'full', PROMPT_LOGGING_FULL_ALLOWED: 'true', PROMPT_LOGGING_ANALYSTS: 'true', FIREWALL_PII_ACTION: 'redact' });
  });
  afterAll(() => gw.close());

  it('a redacted prompt is stored as sent and its answer as delivered, findings highlighted at their places', async () => {
    const { res, id } = await h.ask('developer', `Write to ${EMAIL} about the launch`);
    expect(res.json().response).toContain(EMAIL);
    const i = (await h.item('analyst', id))!;
    expect(i.text!.mode).toBe('full');
    expect(i.prompt).toBe(`Write to ${EMAIL} about the launch`);
    expect(h.slice(i, 'prompt', 'EMAIL_ADDRESS')).toBe(EMAIL);
    expect(i.response).toBe(`Echo: Write to ${EMAIL} about the launch`);
    expect(h.slice(i, 'response', 'EMAIL_ADDRESS')).toBe(EMAIL);
  });

  it('a blocked prompt is still stored masked', async () => {
    const { res, id } = await h.ask('developer', `deploy with ${SECRET} please`);
    expect(res.statusCode).toBe(403);
    const i = (await h.item('admin', id))!;
    expect(i.text!.mode).toBe('masked');
    expect(JSON.stringify(i)).not.toContain(SECRET);
  });

  it('an admin may choose full here, and the change reaches a second instance within a second', async () => {
    const second = await buildApp(gw.config, { logger: false });
    await second.ready();
    try {
      expect(second.services.promptText.store.mode).toBe('full');
      expect((await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'off' })).statusCode).toBe(200);
      await waitFor(() => second.services.promptText.store.mode === 'off' || undefined, 'the second instance sees off', 1_000);
      expect((await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'full' })).json()).toMatchObject({ mode: 'full', chosen: 'full', changed: true });
      await waitFor(() => second.services.promptText.store.mode === 'full' || undefined, 'the second instance sees full', 1_000);
    } finally {
      await second.close();
    }
  });

  it('an instance without PROMPT_LOGGING_FULL_ALLOWED runs an admin’s stored full as masked', async () => {
    expect((await h.call('admin', 'PUT', '/api/v1/prompt-logging', { mode: 'full' })).json().mode).toBe('full');
    const strict = await buildApp(testConfig({ ...envOf(gw), PROMPT_LOGGING: 'masked', PROMPT_LOGGING_FULL_ALLOWED: 'false' }), { logger: false });
    await strict.ready();
    try {
      expect(strict.services.promptText.store.snapshot).toMatchObject({ chosen: 'full', mode: 'masked', source: 'admin' });
      const res = await strict.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `Write to ${EMAIL} today`, cache: false } });
      expect(res.statusCode).toBe(200);
      strict.services.promptText.log.drain();
      await Promise.all([strict.services.promptText.writer.flush(), strict.llm.recorder.flush()]);
      const i = (await h.item('admin', res.headers['x-moolai-record-id'] as string))!;
      expect(i.text!.mode).toBe('masked');
      expect(i.prompt).not.toContain(EMAIL);
    } finally {
      await strict.close();
    }
  });
});

describe('without the firewall and the environment switch', () => {
  it('PROMPT_LOGGING=full without PROMPT_LOGGING_FULL_ALLOWED stops start-up, naming both', () => {
    expect(() => testConfig({ PROMPT_LOGGING: 'full' })).toThrow(ConfigError);
    expect(() => testConfig({ PROMPT_LOGGING: 'full' })).toThrow(/PROMPT_LOGGING_FULL_ALLOWED/);
    expect(testConfig({ PROMPT_LOGGING: 'full', PROMPT_LOGGING_FULL_ALLOWED: 'true' }).promptLogging.mode).toBe('full');
    expect(() => testConfig({ PROMPT_LOG_RETENTION_DAYS: '40' })).toThrow(/MONITORING_RETENTION_DAYS/);
    expect(testConfig({ MONITORING_RETENTION_DAYS: '3' }).promptLogging.retentionDays).toBe(3);
    expect(testConfig().promptLogging).toEqual({ mode: 'off', fullAllowed: false, analystsSeeText: false, retentionDays: 7 });
  });

  it('masked with FIREWALL_ENABLED=false still masks every finding (the text is scanned before it is stored)', async () => {
    const gw = await startGateway({ PROMPT_LOGGING: 'masked', FIREWALL_ENABLED: 'false' });
    const h = harness(() => gw);
    try {
      const { res, id } = await h.ask('developer', `deploy with ${SECRET} please`);
      expect(res.statusCode).toBe(200); // nothing blocks without the firewall
      const i = (await h.item('admin', id))!;
      expect(i.prompt).toMatch(/^deploy with \[github-pat [^\]]+\] please$/);
      expect(JSON.stringify(i)).not.toContain(SECRET);
    } finally {
      await gw.close();
    }
  });
});
