import { OpenInferenceSpanKind } from '@arizeai/openinference-semantic-conventions';
import type { Span } from '@opentelemetry/api';
import { spanKind } from '../../telemetry/openinference.js';
import { startSpan } from '../../telemetry/spans.js';

const CHAIN = spanKind(OpenInferenceSpanKind.CHAIN);

export interface LookupResult {
  result: 'hit' | 'miss' | 'near_miss' | 'error';
  /** Similarity of the closest candidate (of the hit, on a hit). */
  best?: number | undefined;
  rejected?: string | undefined;
}

/** The semantic lookup as a child span of the request (beside `cache.get`): its outcome and similarity, never the text. */
export function tracedSemanticLookup<T extends LookupResult>(lookup: (span: Span) => Promise<T>): Promise<T> {
  return startSpan('cache.semantic', CHAIN, async (span) => {
    const r = await lookup(span);
    span.setAttributes({ 'cache.hit': r.result === 'hit', 'cache.status': r.result === 'hit' ? 'SEMANTIC_HIT' : 'MISS', 'cache.semantic.result': r.result });
    if (r.best !== undefined) span.setAttribute('cache.semantic.similarity', Math.round(r.best * 10_000) / 10_000);
    if (r.rejected) span.setAttribute('cache.semantic.near_miss', r.rejected);
    return r;
  });
}
