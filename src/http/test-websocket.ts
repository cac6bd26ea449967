import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { testWebsocketPage } from './test-websocket-page.js';

/**
 * GET /test-websocket: a page to try the chat socket in a browser. Public: it holds no data, it signs in through
 * the API like any client. Its inline script and style run only with this response's nonce, and it may talk only
 * to this origin.
 */
export const testWebsocketRoutes: FastifyPluginAsync = async (app) => {
  app.get('/test-websocket', { config: { auth: { public: true } }, schema: { hide: true } }, async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      )
      .send(testWebsocketPage(nonce));
  });
};
