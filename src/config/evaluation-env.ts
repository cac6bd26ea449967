import { z } from 'zod';

/** Answer quality (src/evaluation): the judge, sampling, the queue and its daily cost cap, and Phoenix annotations. */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const rate = (def: number) => z.preprocess(emptyToUndefined, z.coerce.number({ message: 'must be a number 0–1' }).min(0).max(1).default(def));
const int = (def: number, min: number, max: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
/** `key=rate` pairs, comma-separated (rates 0–1). */
const rates = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[^=,\s]+=(0|1|0?\.\d+|1\.0+)(\s*,\s*[^=,\s]+=(0|1|0?\.\d+|1\.0+))*\s*$/, `must be ${what}=rate[,${what}=rate…] with rates 0–1`)
      .optional()
      .transform((v) => Object.fromEntries((v ?? '').split(',').filter((p) => p.trim()).map((p) => p.trim().split('=', 2)).map(([k, r]) => [k!, Number(r)]))),
  );

export const BUILT_IN_EVALUATORS = ['relevance', 'hallucination', 'toxicity', 'refusal'] as const;

export const evaluationEnv = {
  /** Share of answers judged, 0–1 (0.01 = 1 %). 0 (the default): nothing is judged unless a per-evaluator, model or user rate says so. */
  EVAL_SAMPLE_RATE: rate(0),
  /** Per-evaluator rates, `name=rate` comma-separated (built-in or custom names); they replace EVAL_SAMPLE_RATE for that evaluator. */
  EVAL_SAMPLE_RATES: rates('evaluator'),
  /** Per-model rates, `model=rate` (`gpt-4o=1`: judge everything gpt-4o answers); they win over the evaluator rates. */
  EVAL_MODEL_SAMPLE_RATES: rates('model'),
  /** Per-user rates, `user_id=rate`; they win over every other rate. */
  EVAL_USER_SAMPLE_RATES: rates('user'),
  /** Built-in evaluators that run, comma-separated: relevance, hallucination, toxicity, refusal (default all four). */
  EVAL_EVALUATORS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v === undefined ? [...BUILT_IN_EVALUATORS] : v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)))
      .pipe(z.array(z.enum(BUILT_IN_EVALUATORS))),
  ),
  /** The judge model, any model the gateway routes (`endpoint/model` for a local server); default DEFAULT_MODEL. */
  EVAL_JUDGE_MODEL: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
  /** Answers waiting for the judge; past this new ones are dropped and counted (judging never slows the request path). */
  EVAL_QUEUE_MAX: int(1_000, 1, 1_000_000),
  /** Judge calls at once (per instance). */
  EVAL_CONCURRENCY: int(2, 1, 64),
  /** What the judge may spend per UTC day per instance, USD; once reached, answers are not judged until midnight UTC. */
  EVAL_DAILY_COST_CAP_USD: z.preprocess(emptyToUndefined, z.coerce.number({ message: 'must be a number of US dollars' }).min(0).default(5)),
  /** Phoenix's HTTP address (http://phoenix:6006 in compose): feedback and evaluations go to it as span annotations. Unset: not sent. */
  PHOENIX_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
  /** Phoenix's API key, when Phoenix has authentication on (sent as a bearer token). */
  PHOENIX_API_KEY: z.preprocess(emptyToUndefined, z.string().trim().optional()),
};

export interface EvaluationConfig {
  sampleRate: number;
  evaluatorRates: Record<string, number>;
  modelRates: Record<string, number>;
  userRates: Record<string, number>;
  evaluators: (typeof BUILT_IN_EVALUATORS)[number][];
  judgeModel: string;
  queueMax: number;
  concurrency: number;
  dailyCostCapUsd: number;
  phoenix: { url: string; apiKey: string | undefined } | null;
}

type EvalEnv = z.output<z.ZodObject<typeof evaluationEnv>>;

export function evaluationConfig(env: EvalEnv & { DEFAULT_MODEL: string }): EvaluationConfig {
  return {
    sampleRate: env.EVAL_SAMPLE_RATE,
    evaluatorRates: env.EVAL_SAMPLE_RATES,
    modelRates: env.EVAL_MODEL_SAMPLE_RATES,
    userRates: env.EVAL_USER_SAMPLE_RATES,
    evaluators: env.EVAL_EVALUATORS,
    judgeModel: env.EVAL_JUDGE_MODEL ?? env.DEFAULT_MODEL,
    queueMax: env.EVAL_QUEUE_MAX,
    concurrency: env.EVAL_CONCURRENCY,
    dailyCostCapUsd: env.EVAL_DAILY_COST_CAP_USD,
    phoenix: env.PHOENIX_URL ? { url: env.PHOENIX_URL.replace(/\/+$/, ''), apiKey: env.PHOENIX_API_KEY } : null,
  };
}
