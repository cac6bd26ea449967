/**
 * The /test-websocket page: one self-contained HTML document (no CDN, no build step) that logs in and chats over
 * /ws/chat. Kept as a module rather than a file so it ships inside dist/ with the code. Server data is only ever
 * put into the page with textContent.
 */
export function testWebsocketPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MoolAI chat – WebSocket test</title>
<style nonce="${nonce}">
  :root { font: 15px/1.45 system-ui, sans-serif; color: #1d2330; background: #f5f6f8; }
  body { max-width: 46rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .75rem; }
  fieldset { border: 1px solid #c9ced8; border-radius: .5rem; padding: .75rem; margin: 0 0 .75rem; background: #fff; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: block; font-weight: 600; margin: .25rem 0; }
  input, select, textarea, button { font: inherit; }
  input, select, textarea { width: 100%; box-sizing: border-box; padding: .4rem; border: 1px solid #9aa3b2; border-radius: .35rem; }
  .row { display: flex; gap: .5rem; flex-wrap: wrap; margin-top: .5rem; }
  button { padding: .4rem .9rem; border-radius: .35rem; border: 1px solid #2f5bd3; background: #2f5bd3; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #2f5bd3; }
  button:disabled { opacity: .5; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
  #status { margin: .5rem 0; color: #3b4252; }
  ol#log { list-style: none; padding: 0; margin: 0 0 .75rem; }
  #log li { margin: .5rem 0; padding: .6rem .75rem; border-radius: .5rem; background: #fff; border: 1px solid #dde1e8; white-space: pre-wrap; }
  #log li.user { background: #e8efff; border-color: #b9c9f5; }
  #log li.blocked, #log li.error { background: #fff0f0; border-color: #e3a3a3; }
  .who { display: block; font-size: .8rem; font-weight: 600; color: #4c566a; }
  .meta { display: block; font-size: .8rem; color: #4c566a; margin-top: .35rem; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <h1>MoolAI chat – WebSocket test</h1>
  <form id="login-form">
    <fieldset>
      <legend>Sign in</legend>
      <div id="dev-users" hidden>
        <label for="dev-user">Development user</label>
        <select id="dev-user"></select>
      </div>
      <div id="credentials">
        <label for="username">Username</label>
        <input id="username" autocomplete="username">
        <label for="password">Password</label>
        <input id="password" type="password" autocomplete="current-password">
      </div>
      <div class="row"><button id="login" type="submit">Log in and connect</button></div>
    </fieldset>
  </form>
  <p id="status" role="status" aria-live="polite">Not connected.</p>
  <section aria-labelledby="conversation-title">
    <h2 id="conversation-title" class="who">Conversation</h2>
    <ol id="log" aria-live="polite" aria-relevant="additions text"></ol>
  </section>
  <form id="chat-form">
    <label for="prompt">Message</label>
    <textarea id="prompt" rows="3" required disabled></textarea>
    <div class="row">
      <button id="send" type="submit" disabled>Send</button>
      <button id="cancel" type="button" class="secondary" disabled>Stop answer</button>
      <button id="new-conversation" type="button" class="secondary" disabled>New conversation</button>
    </div>
  </form>
</main>
<script nonce="${nonce}">
(() => {
  const $ = (id) => document.getElementById(id);
  const answers = new Map();
  let ws = null, conversationId = null, seq = 0, current = null, authToken = null;

  const status = (text) => { $('status').textContent = text; };
  const setBusy = (busy) => { $('send').disabled = busy || !ws; $('cancel').disabled = !busy; };
  const enableChat = (on) => { for (const id of ['prompt', 'send', 'new-conversation']) $(id).disabled = !on; };

  function bubble(kind, who, text) {
    const li = document.createElement('li');
    li.className = kind;
    const label = document.createElement('span');
    label.className = 'who';
    label.textContent = who;
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.append(label, body);
    $('log').append(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }
  function meta(li, text) {
    const m = document.createElement('span');
    m.className = 'meta';
    m.textContent = text;
    li.append(m);
  }
  // Thumbs up/down on an answer: POST /api/v1/feedback with the done frame's request_id (choosing again replaces it).
  function thumbs(li, requestId) {
    const box = document.createElement('span');
    box.className = 'feedback';
    const note = document.createElement('span');
    note.className = 'feedback-note';
    const give = async (score, btn, other) => {
      const res = await fetch('/api/v1/feedback', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + authToken }, body: JSON.stringify({ request_id: requestId, score }) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) { note.textContent = 'Feedback not saved: ' + (data.error?.message ?? res.status); return; }
      btn.setAttribute('aria-pressed', 'true');
      other.setAttribute('aria-pressed', 'false');
      note.textContent = 'Thanks for the feedback.';
    };
    const mk = (label, glyph) => { const b = document.createElement('button'); b.type = 'button'; b.className = 'thumb secondary'; b.textContent = glyph; b.title = label; b.setAttribute('aria-label', label); b.setAttribute('aria-pressed', 'false'); return b; };
    const up = mk('Good answer', '👍');
    const down = mk('Bad answer', '👎');
    up.addEventListener('click', () => give(1, up, down));
    down.addEventListener('click', () => give(-1, down, up));
    box.append(up, down, note);
    li.append(box);
  }
  function finish(id) { answers.delete(id); if (current === id) { current = null; setBusy(false); } }

  async function loadDevUsers() {
    try {
      const res = await fetch('/api/v1/auth/users/dev');
      if (!res.ok) return;
      const { users } = await res.json();
      for (const u of users) {
        const o = document.createElement('option');
        o.value = u.username;
        o.textContent = u.username + ' (' + u.role + ')';
        $('dev-user').append(o);
      }
      $('dev-users').hidden = users.length === 0;
      $('credentials').hidden = users.length > 0;
    } catch { /* production: sign in with a username and password */ }
  }

  async function login(event) {
    event.preventDefault();
    const dev = !$('dev-users').hidden;
    const body = dev ? { username: $('dev-user').value } : { username: $('username').value, password: $('password').value };
    status('Signing in…');
    const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) return status('Sign-in failed: ' + (data.error?.message ?? res.status));
    connect(data.token);
  }

  function connect(token) {
    authToken = token;
    if (ws) ws.close();
    const url = new URL('/ws/chat', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    ws = socket;
    status('Connecting…');
    socket.onmessage = (ev) => onFrame(JSON.parse(ev.data));
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
      enableChat(false);
      setBusy(false);
      status('Disconnected (' + ev.code + (ev.reason ? ': ' + ev.reason : '') + ').');
    };
  }

  function onFrame(f) {
    const li = answers.get(f.id);
    switch (f.type) {
      case 'ready': enableChat(true); setBusy(false); status('Connected as ' + f.user.username + ' (' + f.user.role + ').'); $('prompt').focus(); break;
      case 'ack': conversationId = f.conversation_id; break;
      case 'token': if (li) li.querySelector('.text').textContent += f.delta; break;
      case 'done':
        if (li) meta(li, f.model + ' · ' + f.usage.total_tokens + ' tokens · $' + f.cost_usd.toFixed(6) + ' · ' + Math.round(f.latency_ms) + ' ms' + (f.cached ? ' · from cache' : ''));
        if (li && f.request_id) thumbs(li, f.request_id);
        finish(f.id);
        break;
      case 'blocked':
        if (li) { li.className = 'blocked'; li.querySelector('.text').textContent = 'Blocked by the content firewall: ' + f.reasons.join('; '); }
        finish(f.id);
        break;
      case 'error':
        if (li) { li.className = 'error'; meta(li, 'Error ' + f.code + ': ' + f.message); } else status('Error ' + f.code + ': ' + f.message);
        if (f.id) finish(f.id);
        break;
    }
  }

  function send(event) {
    event.preventDefault();
    const content = $('prompt').value.trim();
    if (!content || !ws) return;
    const id = 'm' + (++seq) + '-' + Date.now().toString(36);
    bubble('user', 'You', content);
    answers.set(id, bubble('assistant', 'Assistant', ''));
    current = id;
    setBusy(true);
    ws.send(JSON.stringify({ type: 'message', id, content, ...(conversationId ? { conversation_id: conversationId } : {}) }));
    $('prompt').value = '';
  }

  $('login-form').addEventListener('submit', login);
  $('chat-form').addEventListener('submit', send);
  $('cancel').addEventListener('click', () => { if (ws && current) ws.send(JSON.stringify({ type: 'cancel', id: current })); });
  $('new-conversation').addEventListener('click', () => { conversationId = null; $('log').replaceChildren(); status('New conversation.'); });
  $('prompt').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) send(e); });
  loadDevUsers();
})();
</script>
</body>
</html>
`;
}
