/**
 * The firewall policy editor (part of Firewall Configuration): for every PII entity, secret kind and toxicity
 * category, an action (block, redact, log, off) and a score threshold. Changes are saved together and reach every
 * instance within a second; "Default" returns a type to the starting configuration (FIREWALL_* settings).
 */
import { del, get, patch } from '../api.js';
import { clearFieldError, showApiFieldErrors } from '../field-errors.js';
import { field, h, newId, notice, replace, select, table } from '../dom.js';
import { when } from '../format.js';
import { problem } from '../ui.js';

const ACTION_TEXT = { block: 'Block', redact: 'Redact', log: 'Log only', off: 'Off' };
const SCANNER_TEXT = { pii: 'Personal data (PII)', secrets: 'Secrets', toxicity: 'Toxicity' };
const HELP = {
  pii: 'Presidio entity types. Thresholds compare with each finding’s confidence score.',
  secrets: 'Every secret kind follows “*” unless it has its own row. Add a row to treat one kind differently.',
  toxicity: 'Categories of the rule-based scanner and, when configured, the moderation classifier.',
};

export function policyEditor() {
  const box = h('div', { class: 'policy-editor', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const status = h('div', {});
  let stopped = false;
  /** type key "scanner.type" → { action?, threshold?, reset? } */
  let pending = new Map();
  /** 'body.<scanner>.<type>.<action|threshold>' → its control, so a refused value is marked where it was typed. */
  let controls = {};

  const key = (scanner, type) => `${scanner}.${type}`;
  const change = (scanner, type, what) => pending.set(key(scanner, type), { ...pending.get(key(scanner, type)), ...what });

  function row(scanner, r) {
    const action = select({ id: newId('pa'), 'aria-label': `Action for ${r.type}`, dataset: { type: r.type, scanner } }, Object.entries(ACTION_TEXT).map(([value, label]) => ({ value, label })), r.action);
    action.addEventListener('change', () => change(scanner, r.type, { action: action.value }));
    const threshold = h('input', { id: newId('pt'), type: 'number', min: scanner === 'secrets' ? '0' : '0.3', max: '1', step: '0.05', value: String(r.threshold), 'aria-label': `Threshold for ${r.type}`, class: 'threshold' });
    threshold.addEventListener('change', () => {
      clearFieldError(threshold);
      change(scanner, r.type, { threshold: Number(threshold.value) });
    });
    controls[`body.${scanner}.${r.type}.action`] = action;
    controls[`body.${scanner}.${r.type}.threshold`] = threshold;
    const reset = r.overridden
      ? h('button', { type: 'button', class: 'small', 'aria-label': `Return ${r.type} to its default`, onclick: () => save({ [scanner]: { [r.type]: null } }) }, 'Default')
      : null;
    return { r, action, threshold, reset };
  }

  function scannerTable(scanner, rows) {
    const built = rows.map((r) => row(scanner, r));
    return h(
      'div',
      { class: 'policy-scanner', dataset: { scanner } },
      h('h3', {}, SCANNER_TEXT[scanner]),
      h('p', { class: 'hint' }, HELP[scanner]),
      table(
        `${SCANNER_TEXT[scanner]} policy`,
        [
          { label: 'Type', render: (b) => h('code', {}, b.r.type) },
          { label: 'Action', render: (b) => b.action },
          { label: 'Threshold', render: (b) => b.threshold },
          { label: 'Default', render: (b) => `${ACTION_TEXT[b.r.default_action]} @ ${b.r.default_threshold}` },
          { label: '', render: (b) => b.reset ?? (b.r.overridden ? '' : '—') },
        ],
        built,
        { class: 'policy-table' },
      ),
    );
  }

  function secretAdder(kinds) {
    const kind = select({ 'aria-label': 'Secret kind' }, kinds, kinds[0]);
    const action = select({ 'aria-label': 'Action for the secret kind' }, Object.entries(ACTION_TEXT).map(([value, label]) => ({ value, label })), 'log');
    return h(
      'div',
      { class: 'inline-form' },
      kind,
      action,
      h('button', { type: 'button', class: 'small', onclick: () => save({ secrets: { [kind.value]: { action: action.value } } }) }, 'Add secret kind'),
    );
  }

  async function save(body) {
    replace(status);
    try {
      const p = await patch('/api/v1/firewall/policy', body);
      pending = new Map();
      replace(status, notice('success', `Policy saved (version ${p.version}). Every instance applies it within a second.`));
      show(p);
    } catch (err) {
      // A refused value is marked next to its control; the notice says which row, in case it is off screen.
      const first = err.status === 400 ? showApiFieldErrors(err, controls) : null;
      replace(status, notice('error', first ? `Could not save the policy: ${first.getAttribute('aria-label')} is not accepted (marked below).` : `Could not save the policy: ${err.message}`));
      first?.focus();
    }
  }

  function saveAll() {
    if (!pending.size) return replace(status, notice('info', 'Nothing changed.'));
    const body = {};
    for (const [k, v] of pending) {
      const [scanner, ...rest] = k.split('.');
      (body[scanner] ??= {})[rest.join('.')] = v;
    }
    return save(body);
  }

  async function resetAll() {
    if (!window.confirm('Drop every change and return to the starting configuration?')) return;
    try {
      show(await del('/api/v1/firewall/policy'));
      pending = new Map();
      replace(status, notice('success', 'Policy reset to the starting configuration.'));
    } catch (err) {
      replace(status, notice('error', `Could not reset the policy: ${err.message}`));
    }
  }

  function show(p) {
    controls = {};
    const figures = select({ name: 'public_figures' }, [{ value: 'allow', label: 'Allow (log only)' }, { value: 'flag', label: 'Treat as any name' }], p.public_figures);
    figures.addEventListener('change', () => save({ public_figures: figures.value }));
    replace(
      box,
      h('p', { class: 'hint' }, p.version ? `Version ${p.version}, changed ${when(p.updated_at)}${p.updated_by ? ` by ${p.updated_by}` : ''}.` : 'The starting configuration (no changes yet).'),
      field('Well-known people named in a prompt', figures, 'Allow: a public figure (Lincoln, Marie Curie) is only logged, not treated as personal data. Saved at once.'),
      scannerTable('pii', p.pii),
      scannerTable('secrets', p.secrets),
      secretAdder(p.secret_kinds),
      scannerTable('toxicity', p.toxicity),
      h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'primary', onclick: saveAll }, 'Save policy'), h('button', { type: 'button', class: 'danger', onclick: resetAll }, 'Reset all')),
    );
  }

  (async () => {
    try {
      const p = await get('/api/v1/firewall/policy');
      if (!stopped) show(p);
    } catch (err) {
      if (!stopped) replace(box, problem(err, 'Firewall policy'));
    }
  })();

  return { node: h('div', {}, status, box), stop: () => (stopped = true) };
}
