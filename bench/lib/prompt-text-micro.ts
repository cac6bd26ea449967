/**
 * The CPU stored prompt text adds to one request, in this process, with the orchestrator's own code: the finish
 * step's capture, the preparation (masking, the answer's scan, the cap), the JSON row and the batch's INSERT text.
 * Blocks with PROMPT_LOGGING off (the one `active` check) and masked alternate; the difference is what masked costs.
 * The prompt's scan is not in it: the firewall runs it whatever the mode, and masked reuses its findings.
 */
import pino from 'pino';
import { createFirewallEngine } from '../../src/firewall/engine.js';
import { createFirewallGate } from '../../src/firewall/firewall-gate.js';
import type { PromptVerdict } from '../../src/firewall/gate.js';
import { defaultPolicy } from '../../src/firewall/policy.js';
import { compileRules } from '../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../src/firewall/rules/rule-store.js';
import { openAiCodec } from '../../src/llm/wire/openai-codec.js';
import type { ChatBody, ChatCompletion } from '../../src/llm/types.js';
import { BatchWriter } from '../../src/monitoring/batch-writer.js';
import { createPromptTextLog, type CapturedRun, type PromptTextRow } from '../../src/monitoring/prompt-text/capture.js';
import { promptTexts } from '../../src/storage/monitoring/schema.js';
import { jsonRow, recordsetInsert, type JsonRow } from '../../src/storage/recordset-insert.js';
import { median } from './stats.js';

export interface TextMicroCase {
  label: string;
  /** CPU µs per request: off (the check alone), masked, and their difference. */
  offUs: number;
  maskedUs: number;
  diffUs: number;
  findingsPerRequest: number;
}

const SYSTEM = 'You are a concise assistant for an engineering team. Answer in plain text.';
const CASES = [
  // The bench's miss request (bench/lib/modes.ts) and the mock's echo answer: nothing for the firewall to find.
  { label: 'the bench miss request', user: (i: number) => `Summarise in two sentences why integration tests should run against a real database. Ticket m-${i}.` },
  // A prompt with findings to mask (an email and a phone number redacted, a public figure logged) and their echo.
  { label: 'a prompt with 3 findings', user: (i: number) => `Ticket m-${i}: email maria.garcia@acme-corp.com or call +1 (415) 555-0132 about what Abraham Lincoln said.` },
];

export async function measureTextCapture(opts: { requests: number; blocks: number }): Promise<TextMicroCase[]> {
  const log = pino({ level: 'silent' });
  const engine = createFirewallEngine({
    rules: { rules: compileRules([]) } as unknown as RuleStore,
    policy: () => defaultPolicy({ piiAction: 'redact', publicFigures: 'allow' }),
    scannerBudgetMs: 10_000,
  });
  const gate = createFirewallGate({ engine, orgId: 'bench', blockOnViolation: true, record: () => undefined });
  const out: TextMicroCase[] = [];
  for (const c of CASES) {
    // Requests as the finish step sees them: the body after the firewall, its verdict, and the answer.
    const runs: { run: CapturedRun; answer: ChatCompletion }[] = [];
    for (let i = 0; i < opts.requests; i++) {
      const body = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: c.user(i) }], max_tokens: 64 } as unknown as ChatBody;
      const verdict: PromptVerdict = gate.checkPrompt(openAiCodec.promptSites(body), { requestId: `r${i}`, userId: 'dev_dinakar', source: 'openai' });
      const sent = (body.messages.at(-1) as { content: string }).content;
      const answer = { id: `c${i}`, object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: `Echo: ${sent}`, refusal: null } }], usage: { prompt_tokens: 30, completion_tokens: 20, total_tokens: 50 } } as unknown as ChatCompletion;
      runs.push({ run: { requestId: `r${i}`, userId: 'dev_dinakar', format: 'openai', body, texts: openAiCodec, verdict }, answer });
    }
    let mode: 'off' | 'masked' = 'off';
    let findings = 0;
    const writer = new BatchWriter<PromptTextRow, JsonRow<PromptTextRow>>({
      name: 'prompt_texts',
      encode: jsonRow,
      queueMax: opts.requests * 2,
      batchSize: 100,
      flushIntervalMs: 3_600_000,
      // The INSERT as the repository sends it, less the round trip: its one JSON parameter and statement text.
      write: async (rows) => void recordsetInsert(promptTexts, rows as readonly JsonRow<unknown>[] as readonly JsonRow<typeof promptTexts.$inferInsert>[]),
      log,
    });
    const hook = createPromptTextLog({ mode: () => mode, engine, orgId: 'bench', enqueue: (row) => ((findings += row.findings.length), writer.enqueue(row)), log });
    const block = async (m: 'off' | 'masked'): Promise<number> => {
      mode = m;
      const t0 = process.cpuUsage();
      for (let i = 0; i < runs.length; i++) {
        const r = runs[i]!;
        if (hook.active) hook.capture(r.run, { kind: 'success', value: r.answer });
        // What the event loop does between bursts: the setImmediate preparation, then a flush now and then.
        if (i % 64 === 63) {
          hook.drain();
          await writer.flush();
        }
      }
      hook.drain();
      await writer.flush();
      const u = process.cpuUsage(t0);
      return (u.user + u.system) / runs.length;
    };
    await block('masked'); // warm-up: compiled regexes, JIT
    await block('off');
    findings = 0;
    const off: number[] = [];
    const masked: number[] = [];
    for (let b = 0; b < opts.blocks; b++) {
      if (b % 2 === 0) {
        off.push(await block('off'));
        masked.push(await block('masked'));
      } else {
        masked.push(await block('masked'));
        off.push(await block('off'));
      }
    }
    await writer.close(100);
    out.push({ label: c.label, offUs: median(off), maskedUs: median(masked), diffUs: median(masked.map((x, i) => x - off[i]!)), findingsPerRequest: findings / (opts.requests * opts.blocks) });
  }
  return out;
}
