import type { EvaluationConfig } from '../config/evaluation-env.js';
import type { Evaluator } from './evaluators.js';

/**
 * Which evaluators judge an answer. The most specific rate wins: the user's (EVAL_USER_SAMPLE_RATES), then the
 * model's (EVAL_MODEL_SAMPLE_RATES), then the evaluator's (EVAL_SAMPLE_RATES, or a custom evaluator's own), then
 * EVAL_SAMPLE_RATE. One draw per answer: at 1 % the same answers get every evaluator, so their scores compare.
 */
export function createSampler(cfg: Pick<EvaluationConfig, 'sampleRate' | 'evaluatorRates' | 'modelRates' | 'userRates'>) {
  const hasUser = Object.keys(cfg.userRates).length > 0;
  const hasModel = Object.keys(cfg.modelRates).length > 0;

  function rate(ev: Evaluator, model: string | undefined, userId: string | null): number {
    if (hasUser && userId !== null) {
      const r = cfg.userRates[userId];
      if (r !== undefined) return r;
    }
    if (hasModel && model !== undefined) {
      const r = cfg.modelRates[model];
      if (r !== undefined) return r;
    }
    const own = cfg.evaluatorRates[ev.name] ?? ev.sampleRate;
    return own ?? cfg.sampleRate;
  }

  return {
    rate,
    /** Whether any answer could be sampled with these evaluators (false: the request path skips evaluation at once). */
    possible(evaluators: readonly Evaluator[]): boolean {
      if (!evaluators.length) return false;
      if (Object.values(cfg.userRates).some((r) => r > 0) || Object.values(cfg.modelRates).some((r) => r > 0)) return true;
      return evaluators.some((ev) => (cfg.evaluatorRates[ev.name] ?? ev.sampleRate ?? cfg.sampleRate) > 0);
    },
    /** The evaluators drawn for one answer (u: the answer's one draw in [0, 1)). */
    pick(evaluators: readonly Evaluator[], model: string | undefined, userId: string | null, u = Math.random()): Evaluator[] {
      const out: Evaluator[] = [];
      for (const ev of evaluators) if (u < rate(ev, model, userId)) out.push(ev);
      return out;
    },
  };
}

export type Sampler = ReturnType<typeof createSampler>;
