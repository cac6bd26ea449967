import { OpenInferenceSpanKind } from '@arizeai/openinference-semantic-conventions';
import type { CachedAnswer } from '../cache/response-cache.js';
import type { PromptVerdict } from '../firewall/gate.js';
import { spanKind } from './openinference.js';
import { startSpan } from './spans.js';

/** Steps of the LLM pipeline as child spans of the request span, with the outcome as attributes. */

const GUARDRAIL = spanKind(OpenInferenceSpanKind.GUARDRAIL);
const CHAIN = spanKind(OpenInferenceSpanKind.CHAIN);

export function tracedFirewallScan(scan: () => PromptVerdict | Promise<PromptVerdict>): Promise<PromptVerdict> {
  return startSpan('firewall.scan', GUARDRAIL, async (span) => {
    const verdict = await scan();
    span.setAttributes({ 'firewall.decision': verdict.decision, 'firewall.allowed': verdict.allowed });
    // Reasons name finding types and rule ids, never the matched text.
    if (!verdict.allowed) span.setAttribute('firewall.reasons', verdict.reasons);
    return verdict;
  });
}

export function tracedCacheGet(get: () => Promise<CachedAnswer | null>): Promise<CachedAnswer | null> {
  return startSpan('cache.get', CHAIN, async (span) => {
    const hit = await get();
    span.setAttributes({ 'cache.hit': hit !== null, 'cache.status': hit ? 'HIT' : 'MISS' });
    return hit;
  });
}
