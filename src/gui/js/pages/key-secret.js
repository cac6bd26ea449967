/**
 * The once-only view of a new API key's secret: a modal dialog with the key, a copy button and a plain warning that
 * it is never shown again. Closing the dialog (Done or Escape) drops the secret from the page.
 */
import { field, h, newId, notice } from '../dom.js';
import { modal } from '../ui.js';

/** Opens the dialog for a key just created (POST /api/v1/keys's answer); returns a function that closes it. */
export function showKeySecret(created, { onClose } = {}) {
  const warnId = newId('secret-warn');
  const secret = h('input', { class: 'secret-value', readonly: true, value: created.key, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': warnId });
  const copyStatus = h('p', { class: 'copy-status', role: 'status' });
  const copyBtn = h('button', { type: 'button', class: 'primary', onclick: copy }, 'Copy key');
  const doneBtn = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Done');
  const dialog = modal(
    `API key “${created.name}” created`,
    [
      notice(
        'warn',
        h('span', { id: warnId }, h('strong', {}, 'Copy this key now: you won’t see it again. '), 'Only a hash of it is stored, so nobody can show it to you later. If you lose it, revoke it and create a new one.'),
      ),
      field('Secret key', secret),
      copyStatus,
      h('p', { class: 'muted' }, 'Send it as ', h('code', {}, 'Authorization: Bearer <key>'), ' (the OpenAI SDK’s apiKey) or ', h('code', {}, 'x-api-key'), ' (the Anthropic SDK). It acts as its owner, within its own limits.'),
      h('div', { class: 'form-actions' }, copyBtn, doneBtn),
    ],
    {
      className: 'secret-dialog',
      describedBy: warnId,
      onClose: () => {
        secret.value = '';
        onClose?.();
      },
    },
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret.value);
      copyStatus.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard permission: leave the key selected so Ctrl+C (or ⌘C) copies it.
      secret.focus();
      secret.select();
      copyStatus.textContent = 'The browser would not copy it: the key is selected, press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }

  copyBtn.focus();
  return dialog.close;
}
