/**
 * What the moderation stage adds, and what it costs.
 *   npx tsx scripts/eval/moderation.ts
 * 1. Recall: the dev set through the rules alone, then through the rules and a moderation stage whose classifier flags
 *    by category (a fake that knows each toxic case's categories and flags nothing else): the ceiling of what a second
 *    stage can add, and proof that its categories reach the policy. Prompts the rules block never reach it.
 * 2. Cost: the round trip of a moderation call through the `openai` SDK to a fake server on loopback (the gateway's
 *    own share; a real classifier adds its inference time, which the pipeline overlaps with the provider call).
 */
import type { TextSite } from '../../src/llm/wire/codec.js';
import { createFirewallGate } from '../../src/firewall/firewall-gate.js';
import { createOpenAiModerator, type Moderator } from '../../src/firewall/moderation.js';
import { startFakeOpenAi } from '../../test/helpers/fake-openai.js';
import { comprehensiveEngine } from './comprehensive.js';
import { DEVSET_DIR, formatReport, HOLDOUT_FILES, loadDevset, scoreDevset, type DevDecision } from './devset.js';

/** Our toxicity category → the OpenAI moderation category a classifier would flag. */
const OPENAI_CATEGORY: Record<string, string> = {
  insult: 'harassment',
  harassment: 'harassment',
  threat: 'violence',
  identity_attack: 'hate',
  self_harm: 'self-harm',
  sexual: 'sexual',
};

async function recall(label: string, files?: readonly string[]) {
  const cases = files ? loadDevset(DEVSET_DIR, files) : loadDevset();
  const engine = comprehensiveEngine(false);
  const byText = new Map(cases.map((c) => [c.text, c]));
  // A classifier that flags by category: the toxic cases' own categories, nothing for anything else.
  const oracle: Moderator = {
    async check(text) {
      const c = byText.get(text);
      const cats = c?.category === 'toxicity' ? (c.types ?? []) : [];
      const categories: Record<string, number> = {};
      for (const t of cats) categories[t === 'harassment' ? 'insult' : t] = 0.9;
      return { flagged: cats.length > 0, categories, raw: cats.map((t) => OPENAI_CATEGORY[t] ?? t) };
    },
  };
  const gate = createFirewallGate({ engine, orgId: 'eval', blockOnViolation: true, record: () => undefined, moderation: { moderator: oracle, failClosed: false, log: console as never } });
  const site = (text: string): TextSite[] => [{ role: 'user', path: 'messages[0].content', text, set: () => undefined }];
  const ctx = { requestId: 'eval', userId: null, source: 'openai' as const };

  const rulesOnly = new Map<string, DevDecision>();
  const withModeration = new Map<string, DevDecision>();
  let moderated = 0;
  for (const c of cases) {
    const v = gate.checkPrompt(site(c.text), ctx);
    const rules: DevDecision = v.allowed ? { blocked: false, reasons: [] } : { blocked: true, reasons: v.reasons };
    rulesOnly.set(c.text, rules);
    if (rules.blocked) {
      withModeration.set(c.text, rules);
      continue;
    }
    moderated++;
    const m = await gate.moderate!(site(c.text), ctx, new AbortController().signal);
    withModeration.set(c.text, m.allowed ? rules : { blocked: true, reasons: m.reasons });
  }
  const a = scoreDevset((t) => rulesOnly.get(t)!, cases);
  const b = scoreDevset((t) => withModeration.get(t)!, cases);
  console.log(`${label}, rules alone vs rules + moderation (a classifier that flags by category)`);
  console.log(`  prompts the rules passed and moderation saw: ${moderated}/${cases.length}`);
  const row = (label: string, r: typeof a) =>
    console.log(`  ${label.padEnd(22)} FP ${(r.harmless.falsePositiveRate * 100).toFixed(1)} %   recall pii ${r.recall.pii.recall.toFixed(3)}   secrets ${r.recall.secrets.recall.toFixed(3)}   toxicity ${r.recall.toxicity.recall.toFixed(3)}`);
  row('rules alone', a);
  row('rules + moderation', b);
  if (process.argv.includes('--failures') && !files) console.log(formatReport(b));
}

async function cost() {
  const fake = await startFakeOpenAi({ record: false });
  try {
    const mod = createOpenAiModerator({ model: 'omni-moderation-latest', baseUrl: fake.baseURL, apiKey: 'sk-eval', timeoutMs: 5_000 });
    const text = 'How do I politely tell a coworker that their code review comments feel harsh? '.repeat(4);
    for (let i = 0; i < 50; i++) await mod.check(text, new AbortController().signal);
    const samples: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await mod.check(text, new AbortController().signal);
      samples.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    samples.sort((x, y) => x - y);
    console.log('moderation call through the openai SDK to a fake server on loopback (300 calls, sequential):');
    console.log(`  round trip p50 ${samples[150]!.toFixed(2)} ms   p99 ${samples[297]!.toFixed(2)} ms   CPU ${((cpu.user + cpu.system) / 300).toFixed(0)} µs per call (client and fake server in one process)`);
  } finally {
    await fake.close();
  }
}

await recall('dev set');
await recall('holdout', HOLDOUT_FILES);
await cost();
