/**
 * Firewall Configuration (admins): the mode in plain words, the allow/block rules (list, add, delete), and a box
 * that runs any text through the comprehensive scan and shows each finding highlighted in the text.
 */
import { del, get, post } from '../api.js';
import { field, h, newId, notice, replace, select, table } from '../dom.js';
import { dec, int, ms, when } from '../format.js';
import { problem } from '../ui.js';
import { policyEditor } from './firewall-policy.js';
import { highlightFindings, findingLabel } from './highlight.js';

const MATCH_HINT = {
  literal: 'Matches the text anywhere, ignoring case.',
  regex: 'A regular expression in RE2 syntax, ignoring case (no backreferences or lookaround).',
  topic: 'Comma-separated keywords; any of them matches as a whole word, plurals too.',
};

function render(container) {
  const modeBox = h('div', { class: 'mode-box', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const rulesBox = h('div', {});
  const ruleStatus = h('div', {});

  // --- add-rule form -------------------------------------------------------------------------------------------
  const ruleType = select({ name: 'rule_type' }, [{ value: 'block', label: 'Block' }, { value: 'allow', label: 'Allow' }], 'block');
  const matchType = select({ name: 'match_type' }, [{ value: 'literal', label: 'Literal text' }, { value: 'regex', label: 'Regular expression' }, { value: 'topic', label: 'Topic' }], 'literal');
  const pattern = h('input', { name: 'pattern', required: true, maxlength: '1000', autocomplete: 'off', spellcheck: 'false' });
  const description = h('input', { name: 'description', maxlength: '500', autocomplete: 'off' });
  const matchField = field('Match type', matchType, MATCH_HINT.literal);
  matchType.addEventListener('change', () => (matchField.querySelector('.hint').textContent = MATCH_HINT[matchType.value]));
  const addBtn = h('button', { type: 'submit', class: 'primary' }, 'Add rule');
  const addForm = h(
    'form',
    { class: 'rule-form', 'aria-label': 'Add a rule', onsubmit: addRule },
    field('Rule type', ruleType),
    matchField,
    field('Pattern', pattern),
    field('Description', description, 'Optional: why the rule exists. Shown in block reasons.'),
    h('div', { class: 'form-actions' }, addBtn),
  );

  // --- scan tester -----------------------------------------------------------------------------------------------
  const scanText = h('textarea', { name: 'content', rows: '5', maxlength: '100000', spellcheck: 'false' });
  const scanBtn = h('button', { type: 'submit', class: 'primary' }, 'Scan');
  const scanResult = h('div', { class: 'scan-result', 'aria-live': 'polite' });
  const scanForm = h(
    'form',
    { class: 'stack', 'aria-label': 'Test text against the firewall', onsubmit: runScan },
    field('Text to test', scanText, 'Runs every scanner (PII, secrets, toxicity) and the rules, exactly as the pipeline would. The scan is recorded as a firewall event.'),
    h('div', { class: 'form-actions' }, scanBtn),
  );

  const policy = policyEditor();
  const modeH = newId('h');
  const policyH = newId('h');
  const rulesH = newId('h');
  const addH = newId('h');
  const scanH = newId('h');
  replace(container, 
    h('section', { class: 'card', 'aria-labelledby': modeH }, h('h2', { id: modeH }, 'Mode'), modeBox),
    h('section', { class: 'card', 'aria-labelledby': policyH }, h('h2', { id: policyH }, 'Policy per finding type'), policy.node),
    h('section', { class: 'card', 'aria-labelledby': rulesH }, h('h2', { id: rulesH }, 'Rules'), ruleStatus, rulesBox),
    h('section', { class: 'card', 'aria-labelledby': addH }, h('h2', { id: addH }, 'Add a rule'), addForm),
    h('section', { class: 'card', 'aria-labelledby': scanH }, h('h2', { id: scanH }, 'Test the firewall'), scanForm, scanResult),
  );

  let stopped = false;

  async function loadHealth() {
    try {
      const hl = await get('/api/v1/firewall/health');
      if (stopped) return;
      const allowlist = hl.mode === 'allowlist';
      replace(
        modeBox,
        h('p', { class: `mode mode-${hl.mode}`, dataset: { mode: hl.mode } }, h('strong', {}, allowlist ? 'Allowlist mode' : 'Blocklist-only mode')),
        h(
          'p',
          {},
          allowlist
            ? 'Only prompts that match at least one allow rule pass, and then only if they match no block rule and carry no PII, secrets or toxic content.'
            : 'Every prompt passes except those that match a block rule or carry PII, secrets or toxic content. Adding an allow rule switches to allowlist mode.',
        ),
        h(
          'ul',
          { class: 'facts' },
          h('li', {}, `Firewall: ${hl.enabled ? 'on' : 'off'}`),
          h('li', {}, `On a violation: ${hl.block_on_violation ? 'block' : 'record only'}`),
          h('li', {}, `PII action (starting configuration): ${hl.pii_action}`),
          h('li', {}, `Rules: ${int(hl.rules?.allow)} allow, ${int(hl.rules?.block)} block`),
          h('li', {}, `Scanners: ${(hl.scanners ?? []).join(', ')}`),
        ),
        hl.rules_reload_error ? notice('warn', `Last rule reload failed: ${hl.rules_reload_error}`) : null,
      );
    } catch (err) {
      if (!stopped) replace(modeBox, problem(err, 'Firewall status'));
    }
  }

  async function loadRules() {
    try {
      const res = await get('/api/v1/firewall/rules');
      if (stopped) return;
      replace(
        rulesBox,
        table(
          'Firewall rules',
          [
            { label: 'Type', render: (r) => h('span', { class: `badge rule-${r.rule_type}` }, r.rule_type) },
            { label: 'Match', render: (r) => r.match_type },
            { label: 'Pattern', render: (r) => h('code', { class: 'pattern' }, r.pattern) },
            { label: 'Description', render: (r) => r.description || '—' },
            { label: 'Created', render: (r) => h('span', {}, when(r.created_at), r.created_by ? ` by ${r.created_by}` : '') },
            {
              label: 'Actions',
              render: (r) =>
                h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete ${r.rule_type} rule ${r.pattern}`, dataset: { ruleId: r.id }, onclick: (e) => deleteRule(r, e.currentTarget) }, 'Delete'),
            },
          ],
          res.rules,
          { empty: 'No rules yet: only the scanners decide.', class: 'rules-table' },
        ),
      );
    } catch (err) {
      if (!stopped) replace(rulesBox, problem(err, 'Rules'));
    }
  }

  async function addRule(e) {
    e.preventDefault();
    addBtn.disabled = true;
    replace(ruleStatus);
    try {
      const rule = await post('/api/v1/firewall/rules', {
        rule_type: ruleType.value,
        match_type: matchType.value,
        pattern: pattern.value,
        description: description.value.trim() || undefined,
      });
      replace(ruleStatus, notice('success', `Added ${rule.rule_type} rule “${rule.pattern}”.`));
      pattern.value = '';
      description.value = '';
      await Promise.all([loadRules(), loadHealth()]);
    } catch (err) {
      replace(ruleStatus, notice('error', `Could not add the rule: ${err.message}`));
      pattern.focus();
    } finally {
      addBtn.disabled = false;
    }
  }

  async function deleteRule(rule, button) {
    if (!window.confirm(`Delete the ${rule.rule_type} rule “${rule.pattern}”?`)) return;
    button.disabled = true;
    try {
      await del(`/api/v1/firewall/rules/${encodeURIComponent(rule.id)}`);
      replace(ruleStatus, notice('success', `Deleted ${rule.rule_type} rule “${rule.pattern}”.`));
      await Promise.all([loadRules(), loadHealth()]);
      // The button is gone with its row: keep keyboard users in the rules section.
      ruleStatus.setAttribute('tabindex', '-1');
      ruleStatus.focus();
    } catch (err) {
      button.disabled = false;
      replace(ruleStatus, notice('error', `Could not delete the rule: ${err.message}`));
    }
  }

  async function runScan(e) {
    e.preventDefault();
    const text = scanText.value;
    if (!text.trim()) {
      replace(scanResult, notice('error', 'Enter some text to scan.'));
      scanText.focus();
      return;
    }
    scanBtn.disabled = true;
    replace(scanResult, h('p', { class: 'loading', role: 'status' }, 'Scanning…'));
    try {
      const report = await post('/api/v1/firewall/scan/comprehensive', { content: text });
      replace(scanResult, scanReportView(text, report));
    } catch (err) {
      replace(scanResult, notice('error', `The scan failed: ${err.message}`));
    } finally {
      scanBtn.disabled = false;
    }
  }

  loadHealth();
  loadRules();
  return () => {
    stopped = true;
    policy.stop();
  };
}

const DECISION_TEXT = { allow: 'Allowed', block: 'Blocked', redact: 'Redacted' };

/** The verdict, its reasons, the text with findings highlighted, and the findings as a table. */
export function scanReportView(text, report) {
  const findings = report.findings ?? [];
  return h(
    'div',
    { class: 'scan-report', dataset: { decision: report.decision } },
    h(
      'p',
      { class: 'verdict' },
      h('span', { class: `badge big decision-${report.decision}`, dataset: { testid: 'scan-decision' } }, DECISION_TEXT[report.decision] ?? report.decision),
      ` risk ${report.risk_level} · ${report.mode === 'allowlist' ? 'allowlist' : 'blocklist-only'} mode · ${ms(report.scan_time_ms)}`,
    ),
    h('h3', {}, 'Reasons'),
    report.reasons?.length ? h('ul', { class: 'reasons' }, report.reasons.map((r) => h('li', {}, r))) : h('p', {}, 'Nothing to object to.'),
    h('h3', {}, 'Highlighted text'),
    highlightFindings(text, findings),
    findings.length
      ? table(
          'Findings',
          [
            { label: '#', class: 'num', render: (f) => String(findings.indexOf(f) + 1) },
            { label: 'Scanner', render: (f) => f.scanner },
            { label: 'Type', render: (f) => findingLabel(f) },
            { label: 'Action', render: (f) => h('span', { class: `badge action-${f.action ?? 'block'}` }, f.action ?? 'block') },
            { label: 'Match (masked)', render: (f) => h('code', {}, f.masked) },
            { label: 'Characters', render: (f) => `${f.start}–${f.end}` },
            { label: 'Score', class: 'num', render: (f) => dec(f.score) },
          ],
          findings,
        )
      : null,
  );
}

export default { id: 'firewall', title: 'Firewall Configuration', roles: ['admin'], render };
