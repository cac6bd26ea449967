/**
 * Chat: the caller's conversations (GET/DELETE /api/v1/conversations…) and a streaming chat over /ws/chat. Tokens
 * are appended to the answer as they arrive; Cancel (or Esc) stops the answer and the upstream call.
 */
import { del, get } from '../api.js';
import { field, h, newId, notice, replace, select } from '../dom.js';
import { int, ms, usd, when } from '../format.js';
import { problem } from '../ui.js';
import { chatSocket, messageId } from './chat-socket.js';
import { thumbs } from './feedback.js';

function render(container) {
  const convList = h('ul', { class: 'conv-list' });
  const convStatus = h('div', {});
  const newBtn = h('button', { type: 'button', class: 'secondary', onclick: () => openConversation(null) }, 'New chat');
  const title = h('h2', { class: 'chat-title', id: newId('chat') }, 'New conversation');
  const connStatus = h('p', { class: 'conn-status', role: 'status' }, 'Connecting…');
  // The list stays a list (role=log on the <ol> itself would orphan its items); the log around it announces additions.
  const messages = h('ol', { class: 'messages', 'aria-label': 'Messages' });
  const messagesLog = h('div', { class: 'messages-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation' }, messages);
  const turnStatus = h('p', { class: 'turn-status', role: 'status', 'aria-live': 'polite' });
  const input = h('textarea', { name: 'content', rows: '3', required: true, placeholder: 'Ask something…' });
  const modelSelect = select({ name: 'model' }, [{ value: '', label: 'Default model' }], '');
  const sendBtn = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const cancelBtn = h('button', { type: 'button', class: 'danger', disabled: true, onclick: cancel }, 'Cancel');
  const composer = h(
    'form',
    { class: 'composer', 'aria-label': 'Send a message', onsubmit: (e) => (e.preventDefault(), sendMessage()) },
    field('Message', input, 'Enter sends, Shift+Enter adds a line, Esc cancels an answer.'),
    h('div', { class: 'composer-row' }, field('Model', modelSelect), h('div', { class: 'form-actions' }, sendBtn, cancelBtn)),
  );

  const convH = newId('conv');
  replace(container, 
    h(
      'div',
      { class: 'chat-layout' },
      h('aside', { class: 'card conversations', 'aria-labelledby': convH }, h('div', { class: 'conv-head' }, h('h2', { id: convH }, 'Conversations'), newBtn), convStatus, convList),
      h('section', { class: 'card chat-main', 'aria-labelledby': title.id }, title, connStatus, messagesLog, turnStatus, composer),
    ),
  );

  let conversationId = null;
  /** The answer being streamed: { id, text (its Text node), li, metaEl, userLi }. */
  let inflight = null;
  let stopped = false;
  let cancelTimer = null;
  // Declared before it is assigned: chatSocket reports its first state synchronously, before it returns.
  let socket = null;
  socket = chatSocket({
    onState(s) {
      if (stopped) return;
      const text = {
        connecting: 'Connecting to the chat…',
        open: 'Connected.',
        reconnecting: `Connection lost. Reconnecting in ${Math.round((s.inMs ?? 0) / 1000)} s…`,
        unavailable: 'Chat unavailable: the chat service (/ws/chat) could not be reached. Retrying…',
        unauthorized: `Chat refused the session: ${s.reason || 'log in again'}.`,
      }[s.state];
      // Unchanged text is not rewritten, so retries do not repeat the same announcement.
      if (connStatus.textContent !== text) connStatus.textContent = text;
      connStatus.dataset.state = s.state;
      if (s.state !== 'open' && inflight) finishInflight('error', 'The connection dropped before the answer was complete.');
      updateButtons();
    },
    onFrame,
  });

  function onFrame(f) {
    if (stopped) return;
    if (f.type === 'ready') {
      connStatus.textContent = `Connected as ${f.user?.username ?? 'you'}.`;
      return;
    }
    if (f.type === 'pong') return;
    if (!inflight || f.id !== inflight.id) {
      if (f.type === 'error' && !f.id) turnStatus.textContent = `Chat error: ${f.message}`;
      return;
    }
    switch (f.type) {
      case 'ack':
        if (!conversationId) {
          conversationId = f.conversation_id;
          title.textContent = 'New conversation';
        }
        break;
      case 'token':
        inflight.text.appendData(f.delta);
        inflight.li.classList.remove('pending');
        messages.scrollTop = messages.scrollHeight;
        break;
      case 'done': {
        const bits = [f.model, `${int(f.usage?.total_tokens)} tokens`, usd(f.cost_usd), ms(f.latency_ms)];
        if (f.cached) bits.push('from the cache');
        conversationId = f.conversation_id;
        if (f.request_id) inflight.li.append(thumbs(f.request_id));
        finishInflight('complete', bits.filter(Boolean).join(' · '));
        loadConversations();
        break;
      }
      case 'blocked':
        conversationId = f.conversation_id ?? conversationId;
        inflight.userLi.classList.add('blocked');
        inflight.li.replaceWith(
          h(
            'li',
            { class: 'msg msg-blocked', dataset: { status: 'blocked' } },
            h('p', { class: 'msg-who' }, 'Firewall'),
            h('p', {}, 'This message was blocked by the content firewall and was not sent to a model.'),
            h('ul', { class: 'reasons' }, (f.reasons ?? []).map((r) => h('li', {}, r))),
          ),
        );
        finishInflight('blocked', `Blocked: ${(f.reasons ?? []).join('; ')}`);
        loadConversations();
        break;
      case 'error':
        if (f.code === 'CANCELLED') finishInflight('cancelled', 'Cancelled.');
        else finishInflight('error', `${f.message}${f.retry_after_s ? ` (try again in ${Math.ceil(f.retry_after_s)} s)` : ''}`);
        break;
    }
  }

  function messageItem(role, content, status = 'complete', meta = '') {
    const text = document.createTextNode(content);
    const metaEl = h('p', { class: 'msg-meta' }, meta);
    const li = h(
      'li',
      { class: `msg msg-${role}${status !== 'complete' ? ` msg-${status}` : ''}`, dataset: { status } },
      h('p', { class: 'msg-who' }, role === 'user' ? 'You' : role === 'assistant' ? 'Assistant' : role),
      h('div', { class: 'msg-text' }, text),
      metaEl,
    );
    return { li, text, metaEl };
  }

  function finishInflight(status, meta) {
    if (!inflight) return;
    clearTimeout(cancelTimer);
    const { li, metaEl } = inflight;
    li.classList.remove('pending', 'streaming');
    li.dataset.status = status;
    if (status !== 'complete') li.classList.add(`msg-${status}`);
    metaEl.textContent = meta;
    messages.setAttribute('aria-busy', 'false');
    turnStatus.textContent = status === 'complete' ? `Answer complete: ${meta}.` : meta;
    inflight = null;
    updateButtons();
    input.focus();
  }

  function updateButtons() {
    sendBtn.disabled = Boolean(inflight) || !socket?.open;
    cancelBtn.disabled = !inflight;
  }

  function sendMessage() {
    const content = input.value;
    if (!content.trim() || inflight) return;
    if (!socket?.open) {
      turnStatus.textContent = 'Not connected to the chat yet; try again in a moment.';
      return;
    }
    const id = messageId();
    const frame = { type: 'message', id, content };
    if (conversationId) frame.conversation_id = conversationId;
    if (modelSelect.value) frame.model = modelSelect.value;
    messages.querySelector('.empty-chat')?.remove();
    const user = messageItem('user', content);
    const answer = messageItem('assistant', '', 'streaming');
    answer.li.classList.add('pending', 'streaming');
    messages.setAttribute('aria-busy', 'true');
    messages.append(user.li, answer.li);
    inflight = { id, text: answer.text, li: answer.li, metaEl: answer.metaEl, userLi: user.li };
    socket.send(frame);
    input.value = '';
    turnStatus.textContent = 'The assistant is answering…';
    updateButtons();
    messages.scrollTop = messages.scrollHeight;
  }

  function cancel() {
    if (!inflight) return;
    socket.send({ type: 'cancel', id: inflight.id });
    turnStatus.textContent = 'Cancelling…';
    const id = inflight.id;
    // The server answers a cancel with an error frame; if it never comes, stop waiting anyway.
    cancelTimer = setTimeout(() => inflight?.id === id && finishInflight('cancelled', 'Cancelled.'), 5_000);
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendMessage();
    } else if (e.key === 'Escape' && inflight) {
      e.preventDefault();
      cancel();
    }
  });

  async function loadConversations() {
    try {
      const res = await get('/api/v1/conversations?limit=50');
      if (stopped) return;
      replace(convStatus, res.conversations.length ? null : h('p', { class: 'muted' }, 'No conversations yet.'));
      replace(
        convList,
        res.conversations.map((c) =>
          h(
            'li',
            { class: 'conv', dataset: { conversationId: c.id } },
            h(
              'button',
              { type: 'button', class: 'conv-open', 'aria-current': c.id === conversationId ? 'true' : null, onclick: () => openConversation(c) },
              h('span', { class: 'conv-title' }, c.title || 'Untitled'),
              h('span', { class: 'conv-meta' }, `${int(c.message_count)} messages · ${when(c.updated_at)}`),
            ),
            h('button', { type: 'button', class: 'icon danger-text', 'aria-label': `Delete conversation ${c.title || 'Untitled'}`, onclick: () => deleteConversation(c) }, '✕'),
          ),
        ),
      );
      if (conversationId) {
        const current = res.conversations.find((c) => c.id === conversationId);
        if (current) title.textContent = current.title || 'Untitled';
      }
    } catch (err) {
      if (!stopped) replace(convStatus, problem(err, 'Conversations'));
    }
  }

  async function openConversation(c) {
    if (inflight) cancel();
    conversationId = c?.id ?? null;
    title.textContent = c ? c.title || 'Untitled' : 'New conversation';
    turnStatus.textContent = '';
    for (const b of convList.querySelectorAll('.conv-open')) {
      if (b.closest('li').dataset.conversationId === conversationId) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    if (!c) {
      replace(messages, h('li', { class: 'empty-chat muted' }, 'Start the conversation below.'));
      input.focus();
      return;
    }
    replace(messages, h('li', { class: 'loading' }, 'Loading messages…'));
    try {
      const res = await get(`/api/v1/conversations/${encodeURIComponent(c.id)}/messages?limit=1000`);
      if (stopped || conversationId !== c.id) return;
      replace(
        messages,
        res.messages.map((m) => {
          const meta = [m.model, m.completion_tokens ? `${int((m.prompt_tokens ?? 0) + m.completion_tokens)} tokens` : null, m.status !== 'complete' ? m.status : null, when(m.created_at)];
          return messageItem(m.role, m.content, m.status, meta.filter(Boolean).join(' · ')).li;
        }),
      );
      messages.scrollTop = messages.scrollHeight;
    } catch (err) {
      replace(messages, h('li', {}, problem(err, 'Messages')));
    }
  }

  async function deleteConversation(c) {
    if (!window.confirm(`Delete the conversation “${c.title || 'Untitled'}” and its messages?`)) return;
    try {
      await del(`/api/v1/conversations/${encodeURIComponent(c.id)}`);
      if (conversationId === c.id) openConversation(null);
      turnStatus.textContent = 'Conversation deleted.';
      await loadConversations();
      newBtn.focus();
    } catch (err) {
      replace(convStatus, notice('error', `Could not delete: ${err.message}`));
    }
  }

  async function loadModels() {
    try {
      const res = await get('/v1/models');
      for (const m of res.data ?? []) modelSelect.append(h('option', { value: m.id }, m.id));
    } catch {
      // The default model still works.
    }
  }

  openConversation(null);
  loadConversations();
  loadModels();
  updateButtons();
  return () => {
    stopped = true;
    clearTimeout(cancelTimer);
    if (inflight) socket.send({ type: 'cancel', id: inflight.id });
    socket.close();
  };
}

export default { id: 'chat', title: 'Chat', roles: ['developer', 'analyst', 'admin'], render };
