import { z } from 'zod';
import type { QualityFigures } from '../storage/monitoring/quality-repo.js';

/** The overview's quality figures (GET /api/v1/analytics/overview `quality`): per model and UTC day, and per model over the range. */
export const qualityFigures = z.object({
  by_model: z.array(
    z.object({
      model: z.string(),
      thumbs_up: z.number(),
      thumbs_down: z.number(),
      thumbs_up_rate: z.number().nullable().describe('up / (up + down); null without feedback'),
      evaluators: z.record(z.string(), z.object({ n: z.number(), mean_score: z.number(), labels: z.record(z.string(), z.number()) })),
    }),
  ),
  by_day: z.array(
    z.object({
      day: z.string().describe('YYYY-MM-DD, UTC'),
      model: z.string(),
      thumbs_up: z.number(),
      thumbs_down: z.number(),
      thumbs_up_rate: z.number().nullable(),
      evaluators: z.record(z.string(), z.object({ n: z.number(), mean_score: z.number(), labels: z.record(z.string(), z.number()) })),
    }),
  ),
});

type Ev = { n: number; mean_score: number; labels: Record<string, number> };
interface Acc {
  up: number;
  down: number;
  ev: Map<string, { n: number; sum: number; labels: Record<string, number> }>;
}

const rate = (up: number, down: number) => (up + down ? Math.round((up / (up + down)) * 1000) / 1000 : null);

function finish(a: Acc) {
  const evaluators: Record<string, Ev> = {};
  for (const [name, e] of a.ev) evaluators[name] = { n: e.n, mean_score: e.n ? Math.round((e.sum / e.n) * 1000) / 1000 : 0, labels: e.labels };
  return { thumbs_up: a.up, thumbs_down: a.down, thumbs_up_rate: rate(a.up, a.down), evaluators };
}

/** Folds the repository's rows into per-model (whole range) and per-day-and-model figures. */
export function wireQuality(q: QualityFigures): z.infer<typeof qualityFigures> {
  const byModel = new Map<string, Acc>();
  const byDay = new Map<string, Acc & { day: string; model: string }>();
  const acc = (model: string, day: string) => {
    let m = byModel.get(model);
    if (!m) byModel.set(model, (m = { up: 0, down: 0, ev: new Map() }));
    const k = `${day}\u0000${model}`;
    let d = byDay.get(k);
    if (!d) byDay.set(k, (d = { day, model, up: 0, down: 0, ev: new Map() }));
    return [m, d] as const;
  };
  for (const f of q.feedback) {
    for (const a of acc(f.model, f.day)) {
      a.up += f.up;
      a.down += f.down;
    }
  }
  for (const e of q.evaluations) {
    for (const a of acc(e.model, e.day)) {
      let x = a.ev.get(e.evaluator);
      if (!x) a.ev.set(e.evaluator, (x = { n: 0, sum: 0, labels: {} }));
      x.n += e.n;
      x.sum += e.meanScore * e.n;
      for (const [l, n] of Object.entries(e.labels)) x.labels[l] = (x.labels[l] ?? 0) + n;
    }
  }
  return {
    by_model: [...byModel.entries()].map(([model, a]) => ({ model, ...finish(a) })),
    by_day: [...byDay.values()].sort((x, y) => x.day.localeCompare(y.day) || x.model.localeCompare(y.model)).map((d) => ({ day: d.day, model: d.model, ...finish(d) })),
  };
}
