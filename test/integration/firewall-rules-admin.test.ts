import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { holdNextCall, waitFor } from '../helpers/wait.js';

/** Rules as admins manage them (#19): edit, turn on and off, duplicates refused, hit counts, and the draft preview. */
let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({ PROMPT_LOGGING: 'masked' });
});
afterAll(() => gw.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => gw.app.inject({ method, url, ...(payload ? { payload } : {}) });
const ask = (content: string) => call('POST', '/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const flush = () => Promise.all([gw.app.firewall.events.flush(), gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);
const rule = async (id: string) => (await call('GET', '/api/v1/firewall/rules')).json().rules.find((r: { id: string }) => r.id === id);

const PROMPTS = [
  'Summarise the quarterly report for the board',
  'Write a haiku about autumn',
  'What were the quarterly numbers in Europe?',
  'Translate good morning into French',
  'Plan the QUARTERLY offsite agenda',
  'Explain recursion to a child',
];

describe('firewall rules administration', () => {
  it('a reload that started before a rule was saved and answers after it does not undo the rule', async () => {
    // Reloads overlap: a notice from another instance, the periodic one, the catch-up after a reconnect. Hold one
    // between its query and its apply while an admin saves a block rule (whose own reload applies first).
    const hold = holdNextCall(gw.app.repos.firewallRules, 'list');
    try {
      const stale = gw.app.firewall.rules.reload();
      await hold.reached;
      expect((await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'crimson heron' })).statusCode).toBe(201);
      expect((await ask('tell me about the crimson heron')).statusCode).toBe(403);
      // The save's own reload, and the one its Redis notice starts on this instance, have both answered by now.
      await waitFor(() => hold.answered >= 2, 'the reloads after the save');
      hold.release();
      await stale;
    } finally {
      hold.restore();
    }
    expect((await ask('tell me more about the crimson heron')).statusCode).toBe(403);
  });

  it('refuses an identical rule with a 409 that names the one it duplicates', async () => {
    const first = await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'project falcon', description: 'Codename' });
    expect(first.statusCode).toBe(201);
    const again = await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: '  Project Falcon ' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect(again.json().error.message).toContain(first.json().id);
    expect(again.json().error.details.duplicate).toMatchObject({ id: first.json().id, description: 'Codename' });
    // Another type or match type is another rule.
    expect((await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', match_type: 'topic', pattern: 'project falcon' })).statusCode).toBe(201);
  });

  it('of identical rules saved at the same moment, one is kept and the others are refused', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'race condition' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const rules = (await call('GET', '/api/v1/firewall/rules')).json().rules.filter((r: { pattern: string }) => r.pattern === 'race condition');
    expect(rules).toHaveLength(1);
  });

  it('edits a rule, refusing an edit into a duplicate, a bad pattern and an empty body with the field named', async () => {
    const a = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'alpha secret' })).json();
    const b = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'beta secret' })).json();
    const edited = await call('PATCH', `/api/v1/firewall/rules/${b.id}`, { pattern: 'gamma secret', description: 'renamed' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: b.id, pattern: 'gamma secret', description: 'renamed', enabled: true });
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'the gamma secret' })).json().decision).toBe('block');
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'the beta secret' })).json().decision).toBe('allow');

    const dup = await call('PATCH', `/api/v1/firewall/rules/${b.id}`, { pattern: 'ALPHA secret' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.duplicate.id).toBe(a.id);
    const badRe = await call('PATCH', `/api/v1/firewall/rules/${b.id}`, { match_type: 'regex', pattern: '(foo' });
    expect(badRe.statusCode).toBe(400);
    expect(badRe.json().error.details.fields[0].path).toBe('body.pattern');
    const empty = await call('PATCH', `/api/v1/firewall/rules/${b.id}`, {});
    expect(empty.statusCode).toBe(400);
    const unknownField = await call('PATCH', `/api/v1/firewall/rules/${b.id}`, { colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.message).toMatch(/colour/);
    expect((await call('PATCH', '/api/v1/firewall/rules/rule_nope', { enabled: false })).statusCode).toBe(404);
  });

  it('a disabled rule stops matching, and matches again once enabled', async () => {
    const r = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'toggle word' })).json();
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'a toggle word' })).json().decision).toBe('block');
    const off = await call('PATCH', `/api/v1/firewall/rules/${r.id}`, { enabled: false });
    expect(off.json().enabled).toBe(false);
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'a toggle word' })).json().decision).toBe('allow');
    // A draft edit of a rule that is off stays off: the test box and the preview judge it so.
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'a toggle word', draft_rule: { id: r.id, rule_type: 'block', pattern: 'toggle', enabled: false } })).json().decision).toBe('allow');
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'a toggle word', draft_rule: { id: r.id, rule_type: 'block', pattern: 'toggle' } })).json().decision).toBe('block');
    await call('PATCH', `/api/v1/firewall/rules/${r.id}`, { enabled: true });
    expect((await call('POST', '/api/v1/firewall/scan/allow', { content: 'a toggle word' })).json().decision).toBe('block');
  });

  it('counts a rule’s hits on prompts (not test-box scans) and when it last hit', async () => {
    const r = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'forbidden fruit' })).json();
    await call('POST', '/api/v1/firewall/scan/comprehensive', { content: 'forbidden fruit' });
    expect((await ask('tell me about the forbidden fruit')).statusCode).toBe(403);
    expect((await ask('Forbidden Fruit, again')).statusCode).toBe(403);
    expect((await ask('an apple')).statusCode).toBe(200);
    await flush();
    const listed = await rule(r.id);
    expect(listed.hits).toBe(2);
    expect(Date.parse(listed.last_hit_at)).toBeGreaterThan(Date.parse(r.created_at) - 1);
  });

  it('the test box evaluates a draft rule beside the saved ones without recording it', async () => {
    await flush();
    const before = (await call('GET', '/api/v1/firewall/events?source=scan&limit=500')).json().events.length;
    const draft = await call('POST', '/api/v1/firewall/scan/comprehensive', { content: 'Plan the offsite', draft_rule: { rule_type: 'block', pattern: 'offsite' } });
    expect(draft.json()).toMatchObject({ decision: 'block' });
    expect(draft.json().reasons.join(' ')).toMatch(/draft rule/);
    expect((await call('POST', '/api/v1/firewall/scan/comprehensive', { content: 'Plan the offsite' })).json().decision).toBe('allow');
    await flush();
    expect((await call('GET', '/api/v1/firewall/events?source=scan&limit=500')).json().events.length).toBe(before + 1);
    const bad = await call('POST', '/api/v1/firewall/scan/comprehensive', { content: 'x', draft_rule: { rule_type: 'block', match_type: 'regex', pattern: '(foo' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('body.pattern');
  });

  it('a draft’s impact over recent decisions matches what saving it then blocks', async () => {
    for (const p of PROMPTS) expect((await ask(p)).statusCode).toBe(200);
    await flush();
    // A prompt's text is handed to its writer as the answer leaves, so the last one may come after the flush above.
    const previewOf = () => call('POST', '/api/v1/firewall/rules/preview', { rule_type: 'block', pattern: 'quarterly', last: PROMPTS.length });
    await expect.poll(async () => { await flush(); return (await previewOf()).json().checked; }, { timeout: 15_000 }).toBe(PROMPTS.length);
    const preview = await previewOf();
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ considered: PROMPTS.length, checked: PROMPTS.length, changed: 3, to_block: 3, to_pass: 0, mode_before: 'blocklist', mode_after: 'blocklist' });

    const saved = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'quarterly' })).json();
    let blocked = 0;
    for (const p of PROMPTS) if ((await ask(p)).statusCode === 403) blocked++;
    expect(blocked).toBe(preview.json().to_block);
    await flush();

    // Editing the saved rule: the draft stands in for it.
    const edit = (await call('POST', '/api/v1/firewall/rules/preview', { id: saved.id, rule_type: 'block', pattern: 'haiku', last: PROMPTS.length })).json();
    expect(edit).toMatchObject({ to_block: 1, to_pass: 3 });
    await call('DELETE', `/api/v1/firewall/rules/${saved.id}`);
  });

  it('an allow rule’s preview shows the switch to allowlist mode and what it blocks', async () => {
    for (const p of PROMPTS) await ask(p);
    await flush();
    const res = (await call('POST', '/api/v1/firewall/rules/preview', { rule_type: 'allow', match_type: 'topic', pattern: 'haiku, recursion', last: PROMPTS.length })).json();
    expect(res).toMatchObject({ mode_before: 'blocklist', mode_after: 'allowlist', to_block: 4, to_pass: 0 });
    const bad = await call('POST', '/api/v1/firewall/rules/preview', { rule_type: 'allow', pattern: 'x', last: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/last/);
  });

  it('groups block reasons by category, entity and rule, naming rules by their description', async () => {
    const r = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'moonshot', description: 'Unannounced product' })).json();
    await ask('tell me about moonshot, my SSN is 123-45-6789');
    await flush();
    const res = (await call('GET', '/api/v1/firewall/block-reasons?days=1')).json();
    expect(res.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'rules', rule_id: r.id, rule: 'Unannounced product' }),
        expect.objectContaining({ category: 'pii', entity: 'US_SSN' }),
      ]),
    );
    const sum = res.reasons.reduce((n: number, g: { events: number }) => n + g.events, 0);
    expect(sum).toBeGreaterThanOrEqual(res.blocked);
    expect((await call('GET', '/api/v1/firewall/block-reasons?days=0')).statusCode).toBe(400);
  });

  it('counts deleted rules as one row, once per prompt, and reads a from..to window', async () => {
    const before = new Date().toISOString();
    const one = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'zephyr plan' })).json();
    const two = (await call('POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern: 'nimbus plan' })).json();
    await ask('compare the zephyr plan with the nimbus plan');
    await ask('what is in the zephyr plan');
    await flush();
    const after = new Date(Date.now() + 1000).toISOString();
    const window = `/api/v1/firewall/block-reasons?from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}`;
    const live = (await call('GET', window)).json();
    expect(live.blocked).toBe(2);
    expect(live.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule_id: one.id, events: 2 }), expect.objectContaining({ rule_id: two.id, events: 1 })]),
    );
    await call('DELETE', `/api/v1/firewall/rules/${one.id}`);
    await call('DELETE', `/api/v1/firewall/rules/${two.id}`);
    const gone = (await call('GET', window)).json();
    // Both rules gone: one row, and the prompt that hit both counts once in it.
    expect(gone.reasons).toEqual([{ category: 'rules', entity: null, rule_id: null, rule: 'deleted rules', events: 2 }]);
    // The window ends where asked: the earlier tests' blocks before `before`, these two after it.
    const earlier = (await call('GET', `/api/v1/firewall/block-reasons?from=2020-01-01T00:00:00Z&to=${encodeURIComponent(before)}`)).json();
    const all = (await call('GET', `/api/v1/firewall/block-reasons?from=2020-01-01T00:00:00Z&to=${encodeURIComponent(after)}`)).json();
    expect(earlier.blocked).toBeGreaterThan(0);
    expect(all.blocked).toBe(earlier.blocked + 2);
    const bad = await call('GET', `/api/v1/firewall/block-reasons?from=${encodeURIComponent(after)}&to=${encodeURIComponent(before)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/from/);
    expect((await call('GET', '/api/v1/firewall/block-reasons?from=yesterday')).statusCode).toBe(400);
  });
});
