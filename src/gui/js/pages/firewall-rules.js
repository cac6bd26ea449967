/**
 * Firewall rules (part of Firewall Configuration): the form that adds or edits a rule, with the draft's impact on
 * recent traffic shown before saving, and the rules table (hits, last hit, on/off, edit, delete). Saving or turning
 * on the first allow rule switches the organisation to allowlist mode: that asks first, with the impact.
 */
import { del, patch, post } from '../api.js';
import { clearFieldError, plainMessage, showApiFieldErrors, showFieldError } from '../field-errors.js';
import { field, h, notice, replace, select, table } from '../dom.js';
import { ago, int, when } from '../format.js';
import { modal } from '../ui.js';

const MATCH_HINT = {
  literal: 'Matches the text anywhere, ignoring case.',
  regex: 'A regular expression in RE2 syntax, ignoring case (no backreferences or lookaround).',
  topic: 'Comma-separated keywords; any of them matches as a whole word, plurals too.',
};
/** How many recorded decisions the impact looks back over. */
export const IMPACT_WINDOW = 500;

/** The impact in words: "would have blocked 3 of the last 120 prompts". */
export function impactText(i) {
  if (!i.considered) return 'No prompt decisions recorded yet: nothing to measure this rule against.';
  if (!i.checked) return `None of the last ${int(i.considered)} recorded decisions kept its prompt text (prompt logging is off), so the impact cannot be measured.`;
  const of = `the last ${int(i.checked)} recorded prompt${i.checked === 1 ? '' : 's'}${i.checked < i.considered ? ` with stored text (of ${int(i.considered)} decisions)` : ''}`;
  if (!i.changed) return `Would have changed none of ${of}.`;
  const parts = [];
  if (i.to_block) parts.push(`blocked ${int(i.to_block)} that passed`);
  if (i.to_pass) parts.push(`let ${int(i.to_pass)} through that were blocked`);
  return `Would have changed ${int(i.changed)} of ${of}: ${parts.join(' and ')}.`;
}

/** Asks before a change that switches to allowlist mode; resolves true to go ahead. */
function confirmAllowlist(impact) {
  return new Promise((resolve) => {
    let answer = false;
    const go = h('button', { type: 'button', class: 'danger', onclick: () => ((answer = true), dialog.close()) }, 'Switch to allowlist mode');
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel');
    const text = h(
      'div',
      { id: 'allowlist-confirm-text' },
      h('p', {}, 'This is the first allow rule, so saving it switches the organisation to allowlist mode: only prompts that match an allow rule will pass. Everything else is blocked.'),
      h('p', { class: 'impact', dataset: { testid: 'allowlist-impact' } }, impact ? impactText(impact) : 'The impact on recent traffic could not be measured.'),
    );
    const dialog = modal('Switch to allowlist mode?', [text, h('div', { class: 'form-actions' }, go, cancel)], { describedBy: 'allowlist-confirm-text', onClose: () => resolve(answer) });
    cancel.focus();
  });
}

/**
 * The rule form and the rules table. onChanged() runs after any saved change (mode, scan result); draft() gives the
 * form's rule as the scan's draft_rule, or null while the pattern is empty.
 */
export function rulesAdmin({ onChanged }) {
  let rules = [];
  let editing = null;
  let stopped = false;
  const status = h('div', { class: 'rule-status' });
  const tableBox = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));

  const ruleType = select({ name: 'rule_type' }, [{ value: 'block', label: 'Block' }, { value: 'allow', label: 'Allow' }], 'block');
  const matchType = select({ name: 'match_type' }, [{ value: 'literal', label: 'Literal text' }, { value: 'regex', label: 'Regular expression' }, { value: 'topic', label: 'Topic' }], 'literal');
  const pattern = h('input', { name: 'pattern', required: true, maxlength: '1000', autocomplete: 'off', spellcheck: 'false' });
  const description = h('input', { name: 'description', maxlength: '500', autocomplete: 'off' });
  const matchField = field('Match type', matchType, MATCH_HINT.literal);
  const impactBox = h('p', { class: 'impact', 'aria-live': 'polite', dataset: { testid: 'draft-impact' } });
  const heading = h('h2', { id: 'rule-form-h' }, 'Add a rule');
  const saveBtn = h('button', { type: 'submit', class: 'primary' }, 'Add rule');
  const cancelBtn = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => stopEditing() }, 'Cancel edit');
  const fields = { 'body.pattern': pattern, 'body.description': description, 'body.rule_type': ruleType, 'body.match_type': matchType };
  const form = h(
    'form',
    { class: 'rule-form', 'aria-labelledby': 'rule-form-h', novalidate: true, onsubmit: save },
    field('Rule type', ruleType),
    matchField,
    field('Pattern', pattern),
    field('Description', description, 'Optional: why the rule exists. Names the rule in block reasons.'),
    h('div', { class: 'impact-box' }, h('h3', {}, 'Impact on recent traffic'), impactBox),
    h('div', { class: 'form-actions' }, saveBtn, cancelBtn),
  );
  const formCard = h('section', { class: 'card', 'aria-labelledby': 'rule-form-h' }, heading, form);

  const draftBody = () => ({ rule_type: ruleType.value, match_type: matchType.value, pattern: pattern.value, ...(description.value.trim() ? { description: description.value.trim() } : {}), ...(editing ? { id: editing.id, enabled: editing.enabled } : {}) });
  const draft = () => (pattern.value.trim() ? draftBody() : null);

  // --- the draft's impact, measured as it is typed --------------------------------------------------------------
  let timer = null;
  let seq = 0;
  let lastImpact = null;
  async function measure() {
    const mine = ++seq;
    lastImpact = null;
    if (!pattern.value.trim()) return replace(impactBox, 'Type a pattern to see how many of the last recorded prompts it would have changed.');
    impactBox.textContent = 'Measuring…';
    try {
      const i = await post('/api/v1/firewall/rules/preview', { ...draftBody(), last: IMPACT_WINDOW });
      if (mine !== seq || stopped) return;
      lastImpact = i;
      clearFieldError(pattern);
      impactBox.dataset.changed = String(i.changed);
      impactBox.dataset.toBlock = String(i.to_block);
      replace(impactBox, impactText(i), i.mode_after !== i.mode_before ? h('strong', { class: 'mode-warning' }, ' Saving it switches to allowlist mode.') : null);
    } catch (err) {
      if (mine !== seq || stopped) return;
      delete impactBox.dataset.changed;
      if (err.status === 400 && showApiFieldErrors(err, fields)) return replace(impactBox, 'Fix the pattern to see its impact.');
      replace(impactBox, `The impact could not be measured: ${err.message}`);
    }
  }
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(measure, 350);
  };
  for (const c of [pattern, ruleType, matchType]) c.addEventListener(c === pattern ? 'input' : 'change', schedule);
  matchType.addEventListener('change', () => (matchField.querySelector('.hint').textContent = MATCH_HINT[matchType.value]));
  pattern.addEventListener('input', () => clearFieldError(pattern));
  description.addEventListener('input', () => clearFieldError(description));

  const enabledAllow = (except) => rules.some((r) => r.enabled && r.rule_type === 'allow' && r.id !== except);
  /** The change turns on the first allow rule: allowlist mode begins. */
  const startsAllowlist = (ruleTypeAfter, enabledAfter, id) => ruleTypeAfter === 'allow' && enabledAfter && !enabledAllow(id);

  async function impactOf(body) {
    try {
      return await post('/api/v1/firewall/rules/preview', { ...body, last: IMPACT_WINDOW });
    } catch {
      return null;
    }
  }

  async function save(e) {
    e.preventDefault();
    for (const c of Object.values(fields)) clearFieldError(c);
    replace(status);
    if (!pattern.value.trim()) {
      showFieldError(pattern, 'Enter the text, regular expression or keywords the rule matches.');
      pattern.focus();
      return;
    }
    const body = draftBody();
    if (startsAllowlist(body.rule_type, editing ? editing.enabled : true, editing?.id) && !(await confirmAllowlist(lastImpact ?? (await impactOf(body))))) {
      replace(status, notice('info', 'Not saved: the organisation stays in blocklist-only mode.'));
      return;
    }
    saveBtn.disabled = true;
    try {
      const { id, enabled: _enabled, ...fieldsOnly } = body;
      const rule = editing ? await patch(`/api/v1/firewall/rules/${encodeURIComponent(id)}`, { description: '', ...fieldsOnly }) : await post('/api/v1/firewall/rules', fieldsOnly);
      replace(status, notice('success', `${editing ? 'Saved' : 'Added'} ${rule.rule_type} rule “${rule.pattern}”. Every instance applies it at once.`));
      stopEditing();
      await changed();
    } catch (err) {
      const first = err.code === 'CONFLICT' ? duplicateError(err) : showApiFieldErrors(err, fields);
      if (first) first.focus();
      else replace(status, notice('error', `Could not save the rule: ${err.message}`));
    } finally {
      saveBtn.disabled = false;
    }
  }

  function duplicateError(err) {
    const d = err.details?.duplicate;
    const name = d ? (d.description ? `“${d.description}”` : `“${d.pattern}”`) : '';
    showFieldError(pattern, d ? `The same rule exists already: ${name}. Edit that one instead.` : plainMessage(err.message));
    return pattern;
  }

  function edit(rule) {
    editing = rule;
    ruleType.value = rule.rule_type;
    matchType.value = rule.match_type;
    matchField.querySelector('.hint').textContent = MATCH_HINT[rule.match_type];
    pattern.value = rule.pattern;
    description.value = rule.description;
    heading.textContent = 'Edit a rule';
    saveBtn.textContent = 'Save changes';
    cancelBtn.hidden = false;
    for (const c of Object.values(fields)) clearFieldError(c);
    schedule();
    pattern.focus();
  }

  function stopEditing() {
    editing = null;
    pattern.value = '';
    description.value = '';
    heading.textContent = 'Add a rule';
    saveBtn.textContent = 'Add rule';
    cancelBtn.hidden = true;
    for (const c of Object.values(fields)) clearFieldError(c);
    schedule();
  }

  async function toggle(rule, button) {
    const on = !rule.enabled;
    if (on && startsAllowlist(rule.rule_type, true, rule.id)) {
      const impact = await impactOf({ id: rule.id, rule_type: rule.rule_type, match_type: rule.match_type, pattern: rule.pattern });
      if (!(await confirmAllowlist(impact))) return;
    }
    button.disabled = true;
    try {
      await patch(`/api/v1/firewall/rules/${encodeURIComponent(rule.id)}`, { enabled: on });
      replace(status, notice('success', `${on ? 'Turned on' : 'Turned off'} ${rule.rule_type} rule “${rule.pattern}”.`));
      await changed();
    } catch (err) {
      button.disabled = false;
      replace(status, notice('error', `Could not change the rule: ${err.message}`));
    }
  }

  async function remove(rule, button) {
    if (!window.confirm(`Delete the ${rule.rule_type} rule “${rule.pattern}”?`)) return;
    button.disabled = true;
    try {
      await del(`/api/v1/firewall/rules/${encodeURIComponent(rule.id)}`);
      if (editing?.id === rule.id) stopEditing();
      replace(status, notice('success', `Deleted ${rule.rule_type} rule “${rule.pattern}”.`));
      await changed();
      // The button is gone with its row: keep keyboard users in the rules section.
      status.setAttribute('tabindex', '-1');
      status.focus();
    } catch (err) {
      button.disabled = false;
      replace(status, notice('error', `Could not delete the rule: ${err.message}`));
    }
  }

  function show(list, hitDays = 30) {
    rules = list;
    replace(
      tableBox,
      table(
        'Firewall rules',
        [
          { label: 'Type', render: (r) => h('span', { class: `badge rule-${r.rule_type}` }, r.rule_type) },
          { label: 'Match', render: (r) => r.match_type },
          { label: 'Pattern', render: (r) => h('code', { class: 'pattern' }, r.pattern) },
          { label: 'Description', render: (r) => r.description || '—' },
          { label: `Hits (${hitDays} days)`, class: 'num', render: (r) => h('span', { dataset: { hits: String(r.hits) } }, int(r.hits)) },
          { label: 'Last hit', render: (r) => (r.last_hit_at ? h('time', { datetime: r.last_hit_at, title: when(r.last_hit_at) }, ago(r.last_hit_at)) : `none in ${hitDays} days`) },
          { label: 'State', render: (r) => h('span', { class: `badge ${r.enabled ? 'rule-on' : 'rule-off'}` }, r.enabled ? 'on' : 'off') },
          {
            label: 'Actions',
            render: (r) =>
              h(
                'div',
                { class: 'row-actions' },
                h('button', { type: 'button', class: 'small', 'aria-label': `Edit ${r.rule_type} rule ${r.pattern}`, onclick: () => edit(r) }, 'Edit'),
                h('button', { type: 'button', class: 'small secondary', 'aria-label': `${r.enabled ? 'Turn off' : 'Turn on'} ${r.rule_type} rule ${r.pattern}`, onclick: (e) => toggle(r, e.currentTarget) }, r.enabled ? 'Turn off' : 'Turn on'),
                h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete ${r.rule_type} rule ${r.pattern}`, dataset: { ruleId: r.id }, onclick: (e) => remove(r, e.currentTarget) }, 'Delete'),
              ),
          },
        ],
        list,
        { empty: 'No rules yet: only the scanners decide.', class: 'rules-table stack-narrow' },
      ),
    );
  }

  async function changed() {
    await onChanged();
    schedule();
  }

  measure();
  return {
    status,
    tableBox,
    formCard,
    show,
    draft,
    /** The rule form's draft is for the scan box: whether it names a rule being edited. */
    get editing() {
      return editing;
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
