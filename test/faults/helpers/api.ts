import { ADMIN, mintToken } from './instance.js';
import { chatOnce, type Outcome } from './load.js';
import type { PgCluster } from './pg-cluster.js';

export interface Health {
  status: 'healthy' | 'degraded' | 'unhealthy';
  components: Record<string, { status: string; error?: string }>;
}

export async function health(base: string): Promise<Health | null> {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) });
    return (await res.json()) as Health;
  } catch {
    return null;
  }
}

export async function api<T = unknown>(base: string, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json: json as T };
}

/** The production bootstrap admin (ADMIN_USERNAME/ADMIN_PASSWORD), logged in once. */
export async function adminToken(base: string): Promise<string> {
  const r = await api<{ token: string }>(base, undefined, 'POST', '/api/v1/auth/login', ADMIN);
  if (r.status !== 200) throw new Error(`admin login: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.token;
}

export interface User {
  user_id: string;
  username: string;
  token: string;
}

/** Creates `n` developers through the admin API and mints each a token. */
export async function createUsers(base: string, admin: string, prefix: string, n: number): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < n; i++) {
    const username = `${prefix}-${i}`;
    const r = await api<{ user_id: string; username: string }>(base, admin, 'POST', '/api/v1/auth/users', { username, password: `${username}-password-123`, role: 'developer' });
    if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    users.push({ ...r.json, token: mintToken({ user_id: r.json.user_id, username }) });
  }
  return users;
}

/**
 * Whether `user` can have `n` streams open at once: n streams started together (each answer is slowed by the
 * scripted steps the caller queued, so they overlap) must all be answered 200 and complete. A stream slot leaked
 * by a fault shows as a 429 here.
 */
export async function canOpenStreams(base: string, token: string, n: number, label: string): Promise<{ ok: boolean; outcomes: Outcome[] }> {
  const outcomes = await Promise.all(
    Array.from({ length: n }, (_, i) => chatOnce(base, token, { id: `${label}-${i}-${Date.now()}`, content: `Slot check ${label} number ${i}.`, stream: true, timeoutMs: 30_000 })),
  );
  const bare = outcomes.map(({ body: _b, ...o }) => o as Outcome);
  return { ok: bare.every((o) => o.kind === 'answered' && o.status === 200 && o.complete), outcomes: bare };
}

/** The llm_requests rows among `ids`, by id. */
export async function recordsOf(monitoringPg: PgCluster, db: string, ids: string[]): Promise<Map<string, { status: string; error_code: string | null; attempts: number }>> {
  if (!ids.length) return new Map();
  const rows = await monitoringPg.query<{ id: string; status: string; error_code: string | null; attempts: number }>(
    'select id, status, error_code, attempts from llm_requests where id = any($1)',
    [ids],
    db,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
