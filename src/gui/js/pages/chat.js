/**
 * Chat: the caller's conversations (GET/DELETE /api/v1/conversations…) and a streaming chat over /ws/chat. Tokens
 * are appended to the answer as they arrive; Cancel (or Esc) stops the answer and the upstream call.
 */
import { del, get } from '../api.js';
import { field, h, newId, notice, replace, select } from '../dom.js';
import { problem } from '../ui.js';
import { conversationItems, fullTitle } from './chat-list.js';
import { answerMeta, blockedNotice, completeAnswer, markBlocked, messageItem, storedMessage } from './chat-message.js';
import { chatSocket, messageId } from './chat-socket.js';

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
        conversationId = f.conversation_id;
        completeAnswer(inflight.li, { requestId: f.request_id, costUsd: f.cost_usd, cached: f.cached });
        finishInflight('complete', answerMeta({ model: f.model, totalTokens: f.usage?.total_tokens, costUsd: f.cost_usd, latencyMs: f.latency_ms, cached: f.cached }));
        loadConversations();
        break;
      }
      case 'blocked':
        conversationId = f.conversation_id ?? conversationId;
        markBlocked(inflight.userLi);
        inflight.li.replaceWith(blockedNotice(f.reasons));
        finishInflight('blocked', `Blocked: ${(f.reasons ?? []).join('; ')}`);
        loadConversations();
        break;
      case 'error':
        if (f.code === 'CANCELLED') finishInflight('cancelled', 'Cancelled.');
        else finishInflight('error', `${f.message}${f.retry_after_s ? ` (try again in ${Math.ceil(f.retry_after_s)} s)` : ''}`);
        break;
    }
  }

  function finishInflight(status, meta) {
    if (!inflight) return;
    clearTimeout(cancelTimer);
    const { li, metaEl } = inflight;
    li.classList.remove('pending', 'streaming', 'msg-streaming');
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
      replace(convList, conversationItems({ conversations: res.conversations, current: conversationId, onOpen: openConversation, onDelete: deleteConversation }));
      if (conversationId) {
        const current = res.conversations.find((c) => c.id === conversationId);
        if (current) showTitle(current);
      }
    } catch (err) {
      if (!stopped) replace(convStatus, problem(err, 'Conversations'));
    }
  }

  async function openConversation(c) {
    if (inflight) cancel();
    conversationId = c?.id ?? null;
    showTitle(c);
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
      replace(messages, res.messages.map((m) => storedMessage(m)));
      messages.scrollTop = messages.scrollHeight;
    } catch (err) {
      replace(messages, h('li', {}, problem(err, 'Messages')));
    }
  }

  function showTitle(c) {
    title.textContent = c ? c.title || 'Untitled' : 'New conversation';
    if (c) title.title = fullTitle(c);
    else title.removeAttribute('title');
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
