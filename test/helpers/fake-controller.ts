import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ControllerCall {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

/**
 * A Controller on loopback that serves the internal orchestrator endpoints. `refuseRegistrations` makes the first
 * N registrations answer 503; `forget()` makes the next heartbeat answer 404 (as after a Controller restart).
 */
export async function startFakeController(opts: { refuseRegistrations?: number } = {}) {
  const calls: ControllerCall[] = [];
  let refuse = opts.refuseRegistrations ?? 0;
  const registered = new Set<string>();

  const readBody = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? '';
    calls.push({ method: req.method ?? '', path, body, at: Date.now() });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && path === '/api/v1/internal/orchestrators/register') {
      if (refuse > 0) {
        refuse--;
        return send(503, { detail: 'not ready' });
      }
      registered.add((body as { orchestrator_id: string }).orchestrator_id);
      return send(200, { status: 'registered' });
    }
    if (req.method === 'POST' && path === '/api/v1/internal/orchestrators/heartbeat') {
      const id = (body as { orchestrator_id: string }).orchestrator_id;
      return registered.has(id) ? send(200, { status: 'ok' }) : send(404, { detail: 'unknown orchestrator' });
    }
    const m = /^\/api\/v1\/internal\/orchestrators\/([^/]+)\/deregister$/.exec(path);
    if (req.method === 'DELETE' && m) {
      registered.delete(decodeURIComponent(m[1] ?? ''));
      return send(200, { status: 'deregistered' });
    }
    send(404, { detail: 'not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (suffix: string) => calls.filter((c) => c.path.endsWith(suffix)),
    forget: () => registered.clear(),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
