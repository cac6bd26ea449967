import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { projectRoot } from '../paths.js';

/** Static pages live beside package.json (the Docker image copies src/gui next to dist/), never next to this file. */
export const guiRoot = join(projectRoot, 'src', 'gui');

/** The chart library is served from node_modules at a fixed path: the machine is offline and the pages use no CDN. */
const uplotDir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('uplot/dist/uPlot.esm.js'));

/**
 * Only this origin may supply scripts, styles and connections ('self' covers ws:/wss: of the same host in CSP 3).
 * No inline script or style: the pages are ES modules and a stylesheet, and set styles through the CSSOM only.
 */
export const GUI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': GUI_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * The dashboard at `/`: plain static files (no bundler) that call only the public REST and WebSocket API with the
 * user's JWT. Every route here is public (the files hold no data) and carries the CSP and other security headers.
 * Files are listed once at start-up (wildcard: false), so anything else stays the app's ordinary JSON 404.
 */
export const guiRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), auth: { public: true } };
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  await app.register(fastifyStatic, {
    root: guiRoot,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    globIgnore: ['**/*.ts', '**/*.map', '**/.*'],
    // Revalidate on every load (ETag/Last-Modified make that cheap), so an upgrade never mixes old and new modules.
    cacheControl: false,
    setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
  });
  await app.register(fastifyStatic, {
    root: uplotDir,
    prefix: '/vendor/uplot/',
    wildcard: false,
    decorateReply: false,
    globIgnore: ['**/*.cjs.js', '**/*.iife*', '**/*.d.ts'],
    maxAge: '1d',
  });
};
