/**
 * Stored prompt text on the User Prompts page: the mode in force (admins change it, and see every change), one
 * request's prompt and answer with the firewall's findings highlighted in place (each opening is a recorded read),
 * and the admins' audit trail of who read which text.
 */
import { del, get, put, qs, session } from '../api.js';
import { field, h, notice, replace, select, table } from '../dom.js';
import { int, when } from '../format.js';
import { problem } from '../ui.js';
import { findingLabel, highlightFindings } from './highlight.js';

const MODE_TEXT = {
  off: 'No prompt or answer text is stored, only each request’s figures.',
  masked: 'Prompts and answers are stored as the provider saw them, with every firewall finding masked.',
  full: 'Prompts and answers are stored as sent. Blocked prompts are still stored masked.',
};
const ACTION_TEXT = { read: 'Read', delete: 'Deleted', erase_user: 'Erased a user’s text' };

/** Whether this caller may open the text of item `p` (the list says whose text it may read). */
export function mayRead(p, logging) {
  return Boolean(p.text) && (logging?.text_access === 'all' || (p.user_id !== null && p.user_id === session.user?.user_id));
}

/** The mode strip: what is stored and for how long, whose text you may read; admins change the mode here. */
export function promptLoggingPanel() {
  const box = h('section', { class: 'card prompt-logging', 'aria-labelledby': 'pl-h' }, h('h2', { id: 'pl-h' }, 'Stored prompt text'), h('p', { class: 'loading' }, 'Loading…'));
  const status = h('div', { class: 'pl-status' });
  let stopped = false;

  async function load() {
    try {
      const s = await get('/api/v1/prompt-logging');
      if (!stopped) show(s);
    } catch (err) {
      if (!stopped) replace(box, h('h2', { id: 'pl-h' }, 'Stored prompt text'), problem(err, 'The prompt logging mode'));
    }
  }

  function show(s) {
    const who = session.hasRole('admin') || (session.hasRole('analyst') && s.analysts_see_text) ? 'You can read everyone’s stored text.' : 'You can read the text of your own requests.';
    replace(
      box,
      h('h2', { id: 'pl-h' }, 'Stored prompt text'),
      h(
        'p',
        { class: 'pl-mode' },
        h('span', { class: `badge pl-badge mode-${s.mode}`, dataset: { mode: s.mode } }, s.mode),
        ' ',
        MODE_TEXT[s.mode],
        s.mode === 'off' ? null : ` Kept ${int(s.retention_days)} days. ${who} Every opening of a text is recorded.`,
      ),
      s.chosen !== s.mode ? notice('warn', `An admin chose ${s.chosen}, which this deployment does not allow (PROMPT_LOGGING_FULL_ALLOWED): ${s.mode} is in force.`) : null,
      session.hasRole('admin') ? modeForm(s) : null,
      status,
    );
  }

  function modeForm(s) {
    const choice = select({ name: 'mode' }, [
      { value: 'off', label: 'Off' },
      { value: 'masked', label: 'Masked' },
      { value: 'full', label: s.full_allowed ? 'Full' : 'Full (not allowed here)' },
    ], s.chosen);
    const fullOption = choice.querySelector('option[value="full"]');
    if (!s.full_allowed) fullOption.disabled = true;
    const save = h('button', { type: 'submit', class: 'primary' }, 'Change mode');
    const changes = h('div', { class: 'pl-changes' });
    const history = h('details', { ontoggle: (e) => e.currentTarget.open && loadChanges(changes) }, h('summary', {}, 'Changes of the mode'), changes);
    return h(
      'div',
      {},
      h(
        'form',
        { class: 'toolbar', 'aria-label': 'Prompt logging mode', onsubmit: (e) => (e.preventDefault(), change(choice.value, save)) },
        field('Mode', choice, s.full_allowed ? 'Every change is recorded with who made it.' : 'Full needs PROMPT_LOGGING_FULL_ALLOWED=true in the environment.'),
        h('div', { class: 'form-actions' }, save),
      ),
      history,
    );
  }

  async function change(mode, button) {
    if (mode === 'full' && !window.confirm('Store prompts and answers as sent, secrets and personal data included? Only organisations whose policy demands it should.')) return;
    button.disabled = true;
    try {
      const s = await put('/api/v1/prompt-logging', { mode });
      show(s);
      replace(status, notice('success', s.changed ? `Prompt logging is now ${s.mode}, on every instance.` : `Prompt logging was already ${s.mode}.`));
    } catch (err) {
      replace(status, notice('error', `The mode could not be changed: ${err.message}`));
      button.disabled = false;
    }
  }

  async function loadChanges(into) {
    replace(into, h('p', { class: 'loading' }, 'Loading…'));
    try {
      const res = await get('/api/v1/prompt-logging/changes?limit=50');
      replace(
        into,
        table(
          'Changes of the prompt logging mode, newest first',
          [
            { label: 'When', render: (c) => h('time', { datetime: c.changed_at }, when(c.changed_at)) },
            { label: 'Who', render: (c) => c.changed_by_username ?? c.changed_by ?? '—' },
            { label: 'From', render: (c) => c.from },
            { label: 'To', render: (c) => c.to },
          ],
          res.changes,
          { class: 'pl-changes-table', empty: 'The mode has not been changed since start-up: PROMPT_LOGGING applies.' },
        ),
      );
    } catch (err) {
      replace(into, problem(err, 'The changes'));
    }
  }

  load();
  return { el: box, stop: () => (stopped = true) };
}

/**
 * One request's stored text, fetched when its details open (that fetch is the recorded read): the prompt and the
 * answer with the findings highlighted, and the findings listed. `onDeleted` runs after an admin deletes it.
 */
export function storedText(p, { onDeleted }) {
  const box = h('div', { class: 'stored-text', dataset: { requestId: p.request_id } }, h('p', { class: 'loading', role: 'status' }, 'Loading the stored text…'));
  (async () => {
    try {
      const res = await get(`/api/v1/analytics/prompts${qs({ request_id: p.request_id, limit: 200 })}`);
      const item = (res.items ?? []).find((i) => i.request_id === p.request_id);
      if (!item?.text?.visible) return replace(box, notice('info', item?.text ? 'You may not read this text.' : 'No text is stored for this request (it may have been deleted or expired).'));
      replace(box, textView(item, onDeleted, box));
    } catch (err) {
      replace(box, problem(err, 'The stored text'));
    }
  })();
  return box;
}

function textView(item, onDeleted, box) {
  const t = item.text;
  const of = (field) => t.findings.filter((f) => f.field === field);
  const part = (title, text, length, field) => {
    if (text === null) return null;
    const cut = length !== null && length > 32_768;
    return h(
      'div',
      { class: `stored-${field}` },
      h('h4', {}, title, cut ? h('span', { class: 'muted' }, ` — the first 32,768 of ${int(length)} characters`) : null),
      highlightFindings(text, of(field)),
    );
  };
  const findings = t.findings;
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'muted' },
      h('span', { class: `badge text-badge mode-${t.mode}` }, t.mode === 'masked' ? 'stored masked' : 'stored as sent'),
      t.mode === 'masked' ? ' Every firewall finding is masked in place; the marks show where and what it was.' : ' The text as it was sent; the marks show what the firewall found.',
    ),
    part('Prompt', item.prompt, t.prompt_length, 'prompt'),
    part('Answer', item.response, t.response_length, 'response'),
    item.response === null ? h('p', { class: 'muted' }, item.status === 'blocked' ? 'Blocked: no answer.' : 'No answer was stored.') : null,
    findings.length
      ? table(
          'Findings in the stored text',
          [
            { label: 'In', render: (f) => (f.field === 'prompt' ? 'Prompt' : 'Answer') },
            { label: 'Scanner', render: (f) => f.scanner },
            { label: 'Type', render: (f) => findingLabel(f) },
            { label: 'Action', render: (f) => h('span', { class: `badge action-${f.action}` }, f.action) },
          ],
          findings,
        )
      : null,
    session.hasRole('admin') ? h('button', { type: 'button', class: 'small danger delete-text', onclick: (e) => remove(item, e.currentTarget, onDeleted, box) }, 'Delete stored text') : null,
  );
}

async function remove(item, button, onDeleted, box) {
  if (!window.confirm('Delete the stored prompt and answer of this request? Its record (figures) stays. This cannot be undone.')) return;
  button.disabled = true;
  try {
    await del(`/api/v1/analytics/prompts/${encodeURIComponent(item.request_id)}/text`);
    replace(box, notice('success', 'The stored text is deleted.'));
    onDeleted?.();
  } catch (err) {
    button.disabled = false;
    box.append(notice('error', `The text could not be deleted: ${err.message}`));
  }
}

/** Admins: who read, deleted or erased stored text, newest first. */
export function accessLogView() {
  async function load(panel, filters, isStopped, before) {
    if (!before) replace(panel, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    try {
      const res = await get(`/api/v1/prompt-logging/access${qs({ request_id: filters.request_id, actor_id: filters.actor_id, limit: 100, before })}`);
      if (isStopped()) return;
      const rows = table(
        'Access to stored prompt text, newest first',
        [
          { label: 'When', render: (e) => h('time', { datetime: e.at }, when(e.at)) },
          { label: 'Who', render: (e) => h('span', {}, e.actor_username, h('span', { class: 'muted' }, ` (${e.actor_role})`)) },
          { label: 'What', render: (e) => h('span', { dataset: { action: e.action } }, ACTION_TEXT[e.action] ?? e.action) },
          { label: 'Request', render: (e) => (e.request_id ? h('code', {}, e.request_id) : '—') },
          { label: 'Whose text', render: (e) => e.subject_user_id ?? '—' },
        ],
        res.entries,
        { class: 'access-table', empty: 'Nobody has read stored text yet.' },
      );
      if (!before) replace(panel, h('p', { class: 'muted', role: 'status' }, 'Every opening of a stored text is recorded here, with deletions.'), rows);
      else panel.querySelector('.more')?.before(rows);
      panel.querySelector('.more')?.remove();
      if (res.next_before) panel.append(h('button', { type: 'button', class: 'secondary more', onclick: () => load(panel, filters, isStopped, res.next_before) }, 'Load older entries'));
    } catch (err) {
      if (!isStopped()) replace(panel, problem(err, 'The access log'));
    }
  }
  return { load: (panel, filters, isStopped) => load(panel, filters, isStopped) };
}
