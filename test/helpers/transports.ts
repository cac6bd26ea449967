import { afterAll } from 'vitest';
import { createUpstreamFetch } from '../../src/llm/providers/upstream-fetch.js';

/**
 * The provider SDKs' two transports: the built-in fetch (what a provider gets without one) and the undici
 * adapter the registry gives them in production. Provider tests run against both, so the adapter is held to the
 * SDK's own behaviour.
 */
export function sdkTransports(): { name: string; fetch: typeof fetch | undefined }[] {
  const upstream = createUpstreamFetch();
  afterAll(() => upstream.close());
  return [
    { name: 'built-in fetch', fetch: undefined },
    { name: 'undici transport', fetch: upstream.fetch },
  ];
}
