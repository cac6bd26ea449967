/**
 * User Prompts: the request log (GET /api/v1/analytics/prompts) as a table filtered by time range, model, user, key,
 * status, firewall decision and request id, kept in the address (#/prompts?model=…), each request opening in a drawer
 * at #/prompts/<id>; for analysts and admins also the firewall's decisions (GET /api/v1/firewall/events). Developers
 * see their own requests; admins also the mode and the audit trail of who read which text.
 */
import { get, qs, session } from '../api.js';
import { field, h, newId, replace, select } from '../dom.js';
import { when } from '../format.js';
import { problem } from '../ui.js';
import { eventDetails, EVENT_SOURCES } from './prompt-details.js';
import { promptLogView, STATUSES } from './prompt-log.js';
import { requestDrawer } from './request-drawer.js';
import { logHash, parseLogHash } from './request-log-url.js';
import { accessLogView, promptLoggingPanel } from './prompt-text.js';
import { evalRunsView } from './quality.js';

const DECISIONS = [
  { value: '', label: 'Any decision' },
  { value: 'allow', label: 'Allowed' },
  { value: 'block', label: 'Blocked' },
  { value: 'redact', label: 'Redacted' },
];
const PAGE_SIZE = 50;
const SINCE = [
  { value: '', label: 'Any time' },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
  { value: 'custom', label: 'From … to …' },
];

function render(container) {
  /** user_id → display name, from the admin user list or whatever the pages have seen. */
  const names = new Map();
  const userList = h('datalist', { id: newId('users') });
  const userInput = h('input', { name: 'user', list: userList.id, autocomplete: 'off', placeholder: 'Any user' });
  const decision = select({ name: 'decision' }, DECISIONS, '');
  const fromInput = h('input', { type: 'datetime-local', name: 'from', step: '60' });
  // A quick range fills From (and clears To); editing From or To by hand makes it Custom.
  const since = select({ name: 'since' }, SINCE, '');
  const toInput = h('input', { type: 'datetime-local', name: 'to', step: '60' });
  const modelList = h('datalist', { id: newId('models') });
  const modelInput = h('input', { name: 'model', list: modelList.id, autocomplete: 'off', placeholder: 'Any model' });
  const keyInput = h('input', { name: 'api_key_id', autocomplete: 'off', placeholder: 'Any key' });
  const requestIdInput = h('input', { type: 'search', name: 'request_id', autocomplete: 'off', placeholder: 'A record id or your x-request-id' });
  const userNote = h('p', { class: 'field-note muted', role: 'status' });
  const status = select({ name: 'status' }, STATUSES, '');
  const source = select({ name: 'source' }, [{ value: '', label: 'Any source' }, ...Object.entries(EVENT_SOURCES).map(([value, label]) => ({ value, label }))], '');
  const filterBtn = h('button', { type: 'submit', class: 'primary' }, 'Apply filters');
  const resetBtn = h('button', { type: 'button', class: 'secondary', onclick: reset }, 'Reset');

  const analyst = session.hasRole('analyst', 'admin');
  const tabs = [
    { id: 'log', label: analyst ? 'Prompt log' : 'My prompts' },
    analyst ? { id: 'events', label: 'Firewall decisions' } : null,
    session.hasRole('admin') ? { id: 'access', label: 'Text access log' } : null,
    analyst ? { id: 'runs', label: 'Eval runs' } : null,
  ].filter(Boolean);
  const mode = promptLoggingPanel();
  let activeTab = 'log';
  const tabButtons = tabs.map((t) =>
    h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'aria-selected': String(t.id === activeTab), tabindex: t.id === activeTab ? '0' : '-1', onclick: () => selectTab(t.id), onkeydown: tabKeys }, t.label),
  );
  const panels = Object.fromEntries(tabs.map((t) => [t.id, h('div', { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}`, hidden: t.id !== activeTab, tabindex: '0', class: 'tabpanel' })]));
  const sourceField = field('Source', source);
  const statusField = field('Status', status);
  const logFields = [field('Time range', since), field('From', fromInput), field('To', toInput), field('Model', modelInput), field('API key', keyInput, 'A key id or name'), statusField, field('Request id', requestIdInput)];
  sourceField.hidden = activeTab !== 'events';
  for (const f of logFields) f.hidden = activeTab !== 'log';
  const userField = field('User', userInput, 'A username or user id');
  // A developer's log holds their own requests only: there is no one else to filter by.
  userField.hidden = !analyst;

  const filters = h(
      'form',
      { class: 'toolbar filters', 'aria-label': 'Filters', onsubmit: (e) => (e.preventDefault(), apply()) },
      userField,
      userList,
      modelList,
      field('Decision', decision),
      ...logFields,
      sourceField,
      userNote,
      h('div', { class: 'form-actions' }, filterBtn, resetBtn),
    );
  replace(container,
    mode.el,
    filters,
    h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' }, tabButtons),
    Object.values(panels),
  );

  function selectTab(id) {
    activeTab = id;
    // The drawer belongs to the log: another tab closes it (and its address).
    if (id !== 'log' && drawer.isOpen()) {
      drawer.close();
      history.replaceState(null, '', logHash(filtersNow));
    }
    for (const b of tabButtons) {
      const on = b.id === `tab-${id}`;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on) b.focus();
    }
    for (const [pid, p] of Object.entries(panels)) p.hidden = pid !== id;
    sourceField.hidden = id !== 'events';
    for (const f of logFields) f.hidden = id !== 'log';
    filters.hidden = id === 'access' || id === 'runs';
    load();
  }
  const access = accessLogView();
  const runs = evalRunsView();
  function tabKeys(e) {
    const i = tabs.findIndex((t) => t.id === activeTab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length].id);
  }

  since.addEventListener('change', () => {
    const range = SINCE.find((r) => r.value === since.value);
    if (!since.value) fromInput.value = toInput.value = '';
    if (!range?.ms) return;
    fromInput.value = localInput(new Date(Date.now() - range.ms).toISOString());
    toInput.value = '';
  });
  for (const input of [fromInput, toInput]) input.addEventListener('input', () => (since.value = fromInput.value || toInput.value ? 'custom' : ''));

  function reset() {
    for (const input of [userInput, decision, source, status, since, fromInput, toInput, modelInput, keyInput, requestIdInput]) input.value = '';
    apply();
  }

  /** The log's filters: from the address, shown in the form; the form's values go back to the address. */
  let filtersNow = {};
  const localInput = (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  function showFilters(f) {
    since.value = f.from || f.to ? 'custom' : '';
    fromInput.value = f.from ? localInput(f.from) : '';
    toInput.value = f.to ? localInput(f.to) : '';
    modelInput.value = f.model ?? '';
    keyInput.value = f.api_key_id ? keyNames.get(f.api_key_id) ?? f.api_key_id : '';
    status.value = f.status ?? '';
    decision.value = f.firewall_decision ?? '';
    requestIdInput.value = f.request_id ?? '';
    userInput.value = f.user_id ? (names.get(f.user_id) ?? f.user_id).split(' · ')[0] : '';
  }
  /** A time typed in the form, or the exact one of the address when the form still shows it. */
  const timeOf = (input, exact) => (!input.value ? undefined : exact && localInput(exact) === input.value ? exact : new Date(input.value).toISOString());
  function formFilters() {
    const key = keyInput.value.trim();
    let keyId = key || undefined;
    for (const [id, name] of keyNames) if (name === key) keyId = id;
    return {
      from: timeOf(fromInput, filtersNow.from),
      to: timeOf(toInput, filtersNow.to),
      model: modelInput.value.trim() || undefined,
      user_id: userIdFilter(),
      api_key_id: keyId,
      status: status.value || undefined,
      firewall_decision: decision.value || undefined,
      request_id: requestIdInput.value.trim() || undefined,
    };
  }
  function apply() {
    if (activeTab !== 'log') return load();
    const next = logHash(formFilters());
    if (location.hash === next) load();
    else location.hash = next;
  }
  /** The address changed within this page: new filters reload the log; an id opens its drawer. */
  function onHash() {
    const { id, filters: f } = parseLogHash();
    if (JSON.stringify(f) !== JSON.stringify(filtersNow)) {
      filtersNow = f;
      showFilters(f);
      if (activeTab === 'log') load();
      else selectTab('log');
    }
    if (id) drawer.open(id, { closeHref: logHash(filtersNow), userName, logging: log.logging() });
    else drawer.close();
    return true;
  }
  const drawer = requestDrawer(container);
  const keyNames = new Map();
  const models = new Set();

  const userName = (id) => (id ? names.get(id) ?? id : '—');
  /** A typed username or display name becomes its id when known; anything else is taken as an id, and said so. */
  function userIdFilter() {
    const v = userInput.value.trim();
    userNote.textContent = '';
    if (!v) return undefined;
    for (const [id, name] of names) if (name === v || name.split(' · ')[0] === v || name.split(' · ')[1] === v || id === v) return id;
    userNote.textContent = `No known user is named “${v}”: it is looked up as a user id.`;
    return v;
  }
  /** pairs: [user_id, username or null]. */
  function learnUsers(pairs) {
    for (const [id, username] of pairs) if (id && (!names.has(id) || (username && names.get(id) === id))) names.set(id, username ?? id);
    replace(userList, [...names].map(([id, name]) => h('option', { value: name.split(' · ')[0] }, id === name ? null : name)));
  }

  async function loadUsers() {
    if (!session.hasRole('admin')) return;
    try {
      const res = await get('/api/v1/auth/users');
      for (const u of res.users) names.set(u.user_id, `${u.username} · ${u.full_name || u.role}`);
      learnUsers([]);
    } catch {
      // The list only helps the filter; the ids still work without it.
    }
  }

  let stopped = false;
  const log = promptLogView({
    userName,
    learnUsers(pairs, items = []) {
      learnUsers(pairs);
      for (const p of items) {
        if (p.api_key_id && p.key_name) keyNames.set(p.api_key_id, p.key_name);
        if (p.model && !models.has(p.model)) {
          models.add(p.model);
          modelList.append(h('option', { value: p.model }));
        }
      }
    },
  });

  async function loadEvents(before) {
    const panel = panels.events;
    const params = { user_id: userIdFilter(), decision: decision.value, source: source.value, limit: PAGE_SIZE, before };
    if (!before) replace(panel, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    try {
      const res = await get(`/api/v1/firewall/events${qs(params)}`);
      if (stopped) return;
      learnUsers(res.events.map((e) => [e.user_id, null]));
      let list = panel.querySelector('ol.entries');
      if (!before) {
        list = h('ol', { class: 'entries', 'aria-label': 'Firewall decisions, newest first' });
        replace(panel, h('p', { class: 'muted', role: 'status' }, res.events.length ? `Showing the newest decisions${params.user_id ? ` of ${userName(params.user_id)}` : ''}.` : 'No firewall decisions match these filters.'), list);
      }
      panel.querySelector('.more')?.remove();
      list.append(...res.events.map((ev) => eventEntry(ev)));
      if (res.next_before) panel.append(h('button', { type: 'button', class: 'secondary more', onclick: () => loadEvents(res.next_before) }, 'Load older decisions'));
    } catch (err) {
      if (!stopped) replace(panel, problem(err, 'Firewall decisions'));
    }
  }

  function eventEntry(ev) {
    const detailsId = newId('ev');
    const toggle = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': detailsId }, 'Details');
    const details = h('div', { id: detailsId, class: 'entry-details', hidden: true });
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      if (open && !details.childElementCount) details.append(eventDetails(ev, userName));
      details.hidden = !open;
    });
    return h(
      'li',
      { class: `entry decision-row-${ev.decision}`, dataset: { eventId: String(ev.id), decision: ev.decision } },
      h(
        'div',
        { class: 'entry-head' },
        h('span', { class: `badge decision-${ev.decision}` }, ev.decision),
        h('span', { class: 'entry-user' }, userName(ev.user_id)),
        h('span', { class: 'entry-source' }, EVENT_SOURCES[ev.source] ?? ev.source),
        h('time', { datetime: ev.created_at, class: 'entry-time' }, when(ev.created_at)),
        toggle,
      ),
      h('p', { class: 'entry-summary' }, ev.reasons?.length ? ev.reasons.join('; ') : 'No findings.'),
      details,
    );
  }

  function load() {
    if (activeTab === 'events') return loadEvents();
    if (activeTab === 'access') return access.load(panels.access, { actor_id: undefined }, () => stopped);
    if (activeTab === 'runs') return runs.load(panels.runs);
    return log.load(panels.log, filtersNow, () => stopped);
  }

  filtersNow = parseLogHash().filters;
  loadUsers().then(() => {
    showFilters(filtersNow);
    load();
    onHash();
  });
  const stop = () => {
    stopped = true;
    drawer.close();
    mode.stop();
    runs.stop();
  };
  stop.onHash = onHash;
  return stop;
}

export default { id: 'prompts', title: 'User Prompts', roles: ['developer', 'analyst', 'admin'], render };
