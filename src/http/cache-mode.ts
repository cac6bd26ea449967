import type { FastifyRequest } from 'fastify';
import type { CacheMode } from '../llm/pipeline.js';

/**
 * Per-request cache control: body `cache: false` or `Cache-Control: no-store` → bypass (no read, no write);
 * `cache: "refresh"` or `Cache-Control: no-cache` → skip the read and store the fresh answer.
 */
export function cacheModeOf(request: FastifyRequest, bodyCache: boolean | 'refresh' | undefined): CacheMode {
  if (bodyCache === false) return 'bypass';
  const cc = String(request.headers['cache-control'] ?? '').toLowerCase();
  if (cc.includes('no-store')) return 'bypass';
  if (bodyCache === 'refresh' || cc.includes('no-cache')) return 'refresh';
  return 'use';
}
