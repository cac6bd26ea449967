/**
 * Firewall Configuration (admins): the mode in plain words, the policy per finding type, the allow/block rules (add,
 * edit, turn on or off, delete, each with its hits) with a draft's impact shown before saving, a box that runs any
 * text through the comprehensive scan (the draft rule beside the saved ones), and why prompts were blocked.
 */
import { get, post } from '../api.js';
import { field, h, newId, notice, replace, table } from '../dom.js';
import { dec, int, ms } from '../format.js';
import { problem } from '../ui.js';
import { policyEditor } from './firewall-policy.js';
import { rulesAdmin } from './firewall-rules.js';
import { blockReasonsView } from './block-reasons.js';
import { logHash } from './request-log-url.js';
import { highlightFindings, findingLabel } from './highlight.js';

function render(container) {
  const modeBox = h('div', { class: 'mode-box', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const reasons = blockReasonsView({ range: () => ({ days: 7 }), blockedHref: () => logHash({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), firewall_decision: 'block' }) });
  const admin = rulesAdmin({ onChanged: () => Promise.all([loadRules(), loadHealth(), outdateScan()]) });

  // --- scan tester -----------------------------------------------------------------------------------------------
  const scanText = h('textarea', { name: 'content', rows: '5', maxlength: '100000', spellcheck: 'false' });
  const scanBtn = h('button', { type: 'submit', class: 'primary' }, 'Scan');
  const scanResult = h('div', { class: 'scan-result', 'aria-live': 'polite' });
  const scanForm = h(
    'form',
    { class: 'stack', 'aria-label': 'Test text against the firewall', novalidate: true, onsubmit: runScan },
    field(
      'Text to test',
      scanText,
      'Runs every scanner (PII, secrets, toxicity) and the rules, exactly as the pipeline would. A rule typed in the form above but not saved is tried beside the saved ones. Scans without a draft rule are recorded as firewall events.',
    ),
    h('div', { class: 'form-actions' }, scanBtn),
  );

  const policy = policyEditor();
  const modeH = newId('h');
  const policyH = newId('h');
  const rulesH = newId('h');
  const scanH = newId('h');
  const reasonsH = newId('h');
  replace(
    container,
    h('section', { class: 'card', 'aria-labelledby': modeH }, h('h2', { id: modeH }, 'Mode'), modeBox),
    h('section', { class: 'card', 'aria-labelledby': rulesH }, h('h2', { id: rulesH }, 'Rules'), admin.status, admin.tableBox),
    admin.formCard,
    h('section', { class: 'card', 'aria-labelledby': scanH }, h('h2', { id: scanH }, 'Test the firewall'), scanForm, scanResult),
    h('section', { class: 'card', 'aria-labelledby': reasonsH }, h('h2', { id: reasonsH }, 'Why prompts were blocked (7 days)'), reasons.el),
    h('section', { class: 'card', 'aria-labelledby': policyH }, h('h2', { id: policyH }, 'Policy per finding type'), policy.node),
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
            : 'Every prompt passes except those that match a block rule or carry PII, secrets or toxic content. Turning on an allow rule switches to allowlist mode (you are asked first).',
        ),
        h(
          'ul',
          { class: 'facts' },
          h('li', {}, `Firewall: ${hl.enabled ? 'on' : 'off'}`),
          h('li', {}, `On a violation: ${hl.block_on_violation ? 'block' : 'record only'}`),
          h('li', {}, `PII action (starting configuration): ${hl.pii_action}`),
          h('li', {}, `Rules on: ${int(hl.rules?.allow)} allow, ${int(hl.rules?.block)} block`),
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
      if (!stopped) admin.show(res.rules, res.hit_days);
    } catch (err) {
      if (!stopped) replace(admin.tableBox, problem(err, 'Rules'));
    }
  }

  async function loadReasons() {
    try {
      await reasons.load();
    } catch (err) {
      if (!stopped) reasons.failed(err);
    }
  }

  /** A result from before a rule change no longer says what the firewall does. */
  function outdateScan() {
    if (scanResult.firstChild) replace(scanResult, notice('info', 'The rules changed since the last scan: scan again to see what the firewall does now.'));
  }

  async function runScan(e) {
    e.preventDefault();
    const text = scanText.value;
    if (!text.trim()) {
      replace(scanResult, notice('error', 'Enter some text to scan.'));
      scanText.setAttribute('aria-invalid', 'true');
      scanText.focus();
      return;
    }
    scanText.removeAttribute('aria-invalid');
    scanBtn.disabled = true;
    replace(scanResult, h('p', { class: 'loading', role: 'status' }, 'Scanning…'));
    const draft = admin.draft();
    try {
      const report = await post('/api/v1/firewall/scan/comprehensive', { content: text, ...(draft ? { draft_rule: draft } : {}) });
      replace(scanResult, draft ? notice('info', `Scanned with the draft ${draft.rule_type} rule “${draft.pattern}”${draft.id ? ' in place of the saved one' : ''} beside the saved rules (not saved, not recorded).`) : null, scanReportView(text, report));
    } catch (err) {
      replace(scanResult, notice('error', `The scan failed: ${err.message}`));
    } finally {
      scanBtn.disabled = false;
    }
  }

  loadHealth();
  loadRules();
  loadReasons();
  return () => {
    stopped = true;
    policy.stop();
    admin.stop();
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
