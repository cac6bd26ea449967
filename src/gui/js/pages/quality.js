/**
 * Answer quality in the dashboard: a request's feedback and evaluations (User Prompts, a request's details), eval
 * runs with their progress and per-model scores (User Prompts, "Eval runs" tab), and quality by model (Overview).
 */
import { get, post, qs } from '../api.js';
import { h, notice, replace, table } from '../dom.js';
import { dec, int, percent, usd, when } from '../format.js';
import { problem } from '../ui.js';

/** Feedback and evaluator verdicts of one request, read when its details open. */
export function qualityOf(requestId) {
  const box = h('div', { class: 'quality', 'aria-label': 'Answer quality' }, h('p', { class: 'loading', role: 'status' }, 'Loading feedback and evaluations…'));
  get(`/api/v1/analytics/quality${qs({ request_ids: requestId })}`)
    .then((res) => {
      const item = res.items[0] ?? { feedback: [], evaluations: [] };
      replace(
        box,
        h('h4', {}, 'Feedback'),
        item.feedback.length
          ? h('ul', { class: 'feedback-list' }, item.feedback.map((f) => h('li', { dataset: { score: String(f.score) } }, `${f.score > 0 ? '👍 thumbs up' : '👎 thumbs down'} from ${f.user_id}`, f.comment ? ` — “${f.comment}”` : '', ` (${when(f.updated_at)})`)))
          : h('p', { class: 'muted' }, 'No feedback on this answer.'),
        h('h4', {}, 'Evaluations'),
        item.evaluations.length
          ? table(
              'Evaluations of this answer',
              [
                { label: 'Evaluator', render: (e) => e.evaluator },
                { label: 'Label', render: (e) => h('span', { class: `badge eval-${e.score >= 0.5 ? 'good' : 'bad'}` }, e.label) },
                { label: 'Score', class: 'num', render: (e) => dec(e.score) },
                { label: 'Why', render: (e) => e.explanation },
                { label: 'Judge', render: (e) => e.judge_model },
                { label: 'Cost', class: 'num', render: (e) => usd(e.cost_usd) },
              ],
              item.evaluations,
            )
          : h('p', { class: 'muted' }, 'Not evaluated (answers are judged when sampled, see EVAL_SAMPLE_RATE).'),
      );
    })
    .catch((err) => replace(box, err.status === 403 ? h('p', { class: 'muted' }, 'Feedback and evaluations are shown to analysts and admins.') : problem(err, 'Answer quality')));
  return box;
}

/** Quality by model for the Overview: thumbs-up rate and each evaluator's mean score beside the model's cost. */
export function qualityCard(quality, byModel) {
  const rows = quality?.by_model ?? [];
  const cost = new Map((byModel ?? []).map((m) => [m.model, m.cost_usd]));
  const evaluators = [...new Set(rows.flatMap((r) => Object.keys(r.evaluators)))].sort();
  return h(
    'section',
    { class: 'card', 'aria-label': 'Quality by model' },
    h('h2', {}, 'Quality by model'),
    table(
      'Answer quality by model',
      [
        { label: 'Model', render: (r) => r.model || '—' },
        { label: 'Cost', class: 'num', render: (r) => usd(cost.get(r.model) ?? 0) },
        { label: 'Thumbs up', class: 'num', render: (r) => (r.thumbs_up_rate === null ? '—' : `${percent(r.thumbs_up_rate)} of ${int(r.thumbs_up + r.thumbs_down)}`) },
        ...evaluators.map((name) => ({ label: name, class: 'num', render: (r) => (r.evaluators[name] ? `${dec(r.evaluators[name].mean_score)} (n=${int(r.evaluators[name].n)})` : '—') })),
      ],
      rows,
      { empty: 'No feedback or evaluations in this range.' },
    ),
  );
}

/** Eval runs: start one over prompts from the log, follow its progress, compare the models' scores. */
export function evalRunsView() {
  let timer;
  let stopped = false;
  const ids = h('textarea', { name: 'request_ids', rows: '3', placeholder: 'Request ids from the prompt log (stored text needed), one per line or comma-separated' });
  const models = h('input', { name: 'models', placeholder: 'gpt-4o-mini, claude-sonnet-4-5', autocomplete: 'off' });
  const evaluatorsBox = h('fieldset', { class: 'evaluators' }, h('legend', {}, 'Evaluators'));
  const formStatus = h('p', { role: 'status', class: 'muted' });
  const list = h('div', { class: 'eval-runs' });
  const form = h(
    'form',
    { class: 'eval-run-form', 'aria-label': 'New eval run', onsubmit: start },
    h('label', {}, 'Prompts', ids),
    h('label', {}, 'Models to compare', models),
    evaluatorsBox,
    h('button', { type: 'submit', class: 'primary' }, 'Start eval run'),
    formStatus,
  );

  async function start(e) {
    e.preventDefault();
    const body = {
      request_ids: ids.value.split(/[\s,]+/).filter(Boolean),
      models: models.value.split(',').map((s) => s.trim()).filter(Boolean),
      evaluators: [...evaluatorsBox.querySelectorAll('input:checked')].map((i) => i.value),
    };
    formStatus.textContent = 'Starting…';
    try {
      const r = await post('/api/v1/eval/runs', body);
      formStatus.textContent = `Started: ${int(r.total)} answers to score${r.skipped ? `, ${int(r.skipped)} prompts without stored text skipped` : ''}.`;
      refresh();
    } catch (err) {
      formStatus.textContent = `Not started: ${err.message}`;
    }
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await get('/api/v1/eval/runs?limit=10');
      const details = await Promise.all(res.items.map((r) => get(`/api/v1/eval/runs/${encodeURIComponent(r.id)}`)));
      if (stopped) return;
      replace(list, details.length ? details.map(runCard) : h('p', { class: 'muted' }, 'No eval runs yet.'));
      if (details.some((r) => r.status === 'running')) timer = setTimeout(refresh, 2_000);
    } catch (err) {
      if (!stopped) replace(list, problem(err, 'Eval runs'));
    }
  }

  function runCard(r) {
    const evaluators = [...new Set(r.scores.map((s) => s.evaluator))].sort();
    const byModel = r.models.map((m) => ({ model: m, scores: Object.fromEntries(r.scores.filter((s) => s.model === m || s.model.startsWith(`${m}-`)).map((s) => [s.evaluator, s])) }));
    const done = r.completed + r.failed;
    return h(
      'article',
      { class: 'card eval-run', dataset: { runId: r.id, status: r.status } },
      h('h3', {}, `Run of ${when(r.created_at)} — ${r.status}`),
      h('p', {}, h('progress', { max: String(r.total), value: String(done), 'aria-label': 'Progress' }), ` ${int(done)} / ${int(r.total)} answers`, r.failed ? ` (${int(r.failed)} failed)` : '', ` · ${usd(r.cost_usd)}`),
      table(
        'Scores per model',
        [{ label: 'Model', render: (x) => x.model }, ...evaluators.map((name) => ({ label: name, class: 'num', render: (x) => (x.scores[name] ? `${dec(x.scores[name].mean_score)} (n=${int(x.scores[name].n)})` : '—') }))],
        byModel,
      ),
    );
  }

  return {
    async load(panel) {
      stopped = false;
      replace(panel, form, list);
      try {
        const ev = await get('/api/v1/eval/evaluators');
        replace(evaluatorsBox, h('legend', {}, `Evaluators (judge: ${ev.judge_model})`), ev.items.map((e) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: e.name, checked: e.name === 'relevance' }), ` ${e.name}`)));
      } catch (err) {
        replace(evaluatorsBox, notice('error', `Evaluators not loaded: ${err.message}`));
      }
      await refresh();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
