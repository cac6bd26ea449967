import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChat } from '../helpers/ws-client.js';
import { adminToken, api, recordsOf, type User } from './helpers/api.js';
import { figures, secondsSince, secondsUntil } from './helpers/figures.js';
import { ROOT, startInstance, type Instance } from './helpers/instance.js';
import { chatOnce } from './helpers/load.js';
import { pgBin } from './helpers/pg-cluster.js';
import { cleanupAll, tempDir } from './helpers/procs.js';
import { startStack, type Stack } from './helpers/stack.js';

const run = promisify(execFile);
let stack: Stack;
let svc: Instance;
let admin: string;
let user: User;
const password = 'backup-user-password-123';

beforeAll(async () => {
  stack = await startStack();
  svc = await startInstance('faults-backup', stack.env());
  admin = await adminToken(svc.url);
  const created = await api<{ user_id: string; username: string }>(svc.url, admin, 'POST', '/api/v1/auth/users', { username: 'backup-user', password, role: 'developer', full_name: 'Backup User' });
  expect(created.status).toBe(201);
  const login = await api<{ token: string }>(svc.url, undefined, 'POST', '/api/v1/auth/login', { username: 'backup-user', password });
  user = { ...created.json, token: login.json.token };
});
afterAll(cleanupAll);

/** scripts/backup/*.sh with only the variables an operator would set. */
const script = (name: string, args: string[], env: Record<string, string>) =>
  run('bash', [join(ROOT, 'scripts/backup', name), ...args], { cwd: ROOT, env: { PATH: `${pgBin()}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '/tmp', ...env } });

describe('backup and restore', () => {
  it('a restored backup, served by a fresh instance, has the users, rules, conversations and request history', async () => {
    // What an organisation accumulates, made through the API.
    const rule = await api<{ id: string }>(svc.url, admin, 'POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'obsidian-walrus', match_type: 'literal', description: 'kept across a restore' });
    expect(rule.status).toBe(201);
    const chat = await connectChat(svc.url, { token: user.token });
    const asked = await chat.ask('Remember the word marmalade for me.');
    await chat.close();
    expect(asked.end.type).toBe('done');
    const conversationId = asked.end.conversation_id as string;
    const recordIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const o = await chatOnce(svc.url, user.token, { id: `backup-${i}`, content: `History item ${i} to keep.` });
      expect(o.kind === 'answered' && o.status).toBe(200);
      if (o.kind === 'answered' && o.recordId) recordIds.push(o.recordId);
    }
    await secondsUntil(async () => (await recordsOf(stack.monitoringPg, 'monitoring_faults', recordIds)).size === recordIds.length, 15_000, 200);

    // Backup while the instance runs, as an operator would.
    const root = tempDir('backups');
    const backupStarted = Date.now();
    const backup = await script('backup.sh', [root], { ORCHESTRATOR_DATABASE_URL: stack.orchestratorDb, MONITORING_DATABASE_URL: stack.monitoringDb });
    const backupS = secondsSince(backupStarted);
    const [folder] = readdirSync(root).filter((d) => !d.startsWith('.'));
    expect(folder, backup.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}Z$/);
    const files = readdirSync(join(root, folder!)).sort();
    expect(files).toEqual(['MANIFEST', 'monitoring.dump', 'orchestrator.dump']);
    expect(readFileSync(join(root, folder!, 'MANIFEST'), 'utf8')).not.toContain('password');

    // Restore into fresh, empty databases, and serve them from a fresh instance with an empty cache namespace.
    await svc.stop();
    const orchestratorDb = await stack.orchestratorPg.createDatabase('orchestrator_restored');
    const monitoringDb = await stack.monitoringPg.createDatabase('monitoring_restored');
    const restoreStarted = Date.now();
    await script('restore.sh', [join(root, folder!)], { ORCHESTRATOR_DATABASE_URL: orchestratorDb, MONITORING_DATABASE_URL: monitoringDb });
    const restoreS = secondsSince(restoreStarted);
    // A second restore into the now non-empty databases is refused without --force.
    const again = await script('restore.sh', [join(root, folder!)], { ORCHESTRATOR_DATABASE_URL: orchestratorDb, MONITORING_DATABASE_URL: monitoringDb }).then(
      () => 'restored',
      (err: { stderr?: string }) => err.stderr ?? 'failed',
    );
    expect(again).toMatch(/already holds \d+ tables/);

    const fresh = await startInstance('faults-restored', stack.env({ ORCHESTRATOR_DATABASE_URL: orchestratorDb, MONITORING_DATABASE_URL: monitoringDb, REDIS_KEY_PREFIX: 'restored:' }));
    const login = await api<{ token: string; user: { user_id: string } }>(fresh.url, undefined, 'POST', '/api/v1/auth/login', { username: 'backup-user', password });
    const admin2 = await adminToken(fresh.url);
    const users = await api<{ users: { username: string }[] }>(fresh.url, admin2, 'GET', '/api/v1/auth/users');
    const rules = await api<{ rules: { id: string; pattern: string }[] }>(fresh.url, admin2, 'GET', '/api/v1/firewall/rules');
    const blocked = await chatOnce(fresh.url, login.json.token, { id: 'backup-blocked', content: 'Tell me about the obsidian-walrus.' });
    const conversations = await api<{ conversations: { id: string }[] }>(fresh.url, login.json.token, 'GET', '/api/v1/conversations');
    const messages = await api<{ messages: { role: string; content: string }[] }>(fresh.url, login.json.token, 'GET', `/api/v1/conversations/${conversationId}/messages`);
    const history = await api<{ items: { request_id: string }[] }>(fresh.url, admin2, 'GET', `/api/v1/analytics/prompts?user_id=${encodeURIComponent(user.user_id)}&limit=100`);
    const historyIds = new Set((history.json.items ?? []).map((i) => i.request_id));
    const found = recordIds.filter((id) => historyIds.has(id)).length;

    figures('backup and restore', {
      backup_s: backupS,
      restore_s: restoreS,
      dump_bytes: files.filter((f) => f.endsWith('.dump')).map((f) => readFileSync(join(root, folder!, f)).length).join('+'),
      user_login: login.status,
      rule_back: rules.json.rules?.some((r) => r.id === rule.json.id) ?? false,
      rule_blocks: blocked.kind === 'answered' ? blocked.status : blocked.kind,
      conversation_back: conversations.json.conversations?.some((c) => c.id === conversationId) ?? false,
      records_back: `${found}/${recordIds.length}`,
      fresh_ready_s: fresh.readySeconds,
    });

    expect(login.status).toBe(200);
    expect(login.json.user.user_id).toBe(user.user_id);
    expect(users.json.users.map((u) => u.username)).toContain('backup-user');
    expect(rules.json.rules.map((r) => r.id)).toContain(rule.json.id);
    expect(blocked.kind === 'answered' && blocked.status).toBe(403);
    expect(conversations.json.conversations.map((c) => c.id)).toContain(conversationId);
    expect(messages.json.messages.map((m) => m.content)).toContain('Remember the word marmalade for me.');
    expect(found).toBe(recordIds.length);
    expect(recordIds.length).toBe(5);
  });
});
