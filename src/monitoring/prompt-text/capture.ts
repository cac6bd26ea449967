import type { Logger } from 'pino';
import type { Engine } from '../../firewall/engine.js';
import type { PromptVerdict } from '../../firewall/gate.js';
import type { TextSite } from '../../llm/wire/codec.js';
import { anthropicCodec } from '../../llm/wire/anthropic-codec.js';
import { openAiCodec } from '../../llm/wire/openai-codec.js';
import type { PromptLoggingMode } from './mode.js';
import { MAX_STORED_CHARS, prepareText, type StoredFinding, type StoredMode, type TextFinding } from './prepare.js';

/** Finds the texts of a request body: a wire codec, or the embeddings input reader. */
export interface PromptSource {
  promptSites(body: never): TextSite[];
}

/** What a request's finish step offers stored prompt text (RequestRun's fields; pointers the pipeline set anyway). */
export interface CapturedRun {
  readonly requestId: string;
  readonly userId: string | null;
  /** openai | anthropic | embeddings: how to read the answer. */
  readonly format: string;
  readonly body: unknown;
  readonly texts: PromptSource | undefined;
  readonly verdict: PromptVerdict | undefined;
  /** prompt | openai | anthropic | ws | embeddings | eval: evaluation (src/evaluation) shares this seam and reads these two. */
  readonly endpoint?: string;
  readonly resolved?: { readonly model: string } | undefined;
}

/** How the request ended, as far as its text is concerned (RequestRun's Outcome, narrowed). */
export type CapturedOutcome =
  | { kind: 'success'; value: unknown }
  | { kind: 'hit'; hit: { json: string } }
  | { kind: 'blocked' }
  | { kind: 'failed' };

/** The seam in RequestRun.finish: `active` is read once per request, and nothing else happens while it is false. */
export interface PromptTextHook {
  readonly active: boolean;
  capture(run: CapturedRun, outcome: CapturedOutcome): void;
}

/** One prompt_texts row, as the writer queues it. */
export interface PromptTextRow {
  requestId: string;
  orgId: string;
  userId: string | null;
  mode: StoredMode;
  prompt: string;
  promptLength: number;
  response: string | null;
  responseLength: number | null;
  findings: StoredFinding[];
  createdAt: string;
}

/** What capture keeps until the next turn of the event loop: references only, nothing copied or scanned yet. */
interface Pending {
  requestId: string;
  userId: string | null;
  createdAt: string;
  mode: StoredMode;
  prompt: string;
  /** The gate's findings in `prompt`; undefined when the prompt was not (wholly) scanned, so it is scanned here. */
  findings: readonly TextFinding[] | undefined;
  /** A violation the gate let through or blocked: its scan may have lost a scanner, so the prompt is scanned again. */
  rescan: boolean;
  answer: string | undefined;
  /** A cache hit's stored answer, parsed only here. */
  hitJson: string | undefined;
  format: string;
  restore: ((text: string) => string) | undefined;
}

export interface PromptTextLogOptions {
  /** The mode in force (the synced store's effective mode). */
  mode: () => PromptLoggingMode;
  engine: Pick<Engine, 'find'>;
  orgId: string;
  enqueue(row: PromptTextRow): void;
  log: Logger;
}

export interface PromptTextLog extends PromptTextHook {
  /** Prepares what was captured now (tests; shutdown before the writer's last flush). */
  drain(): void;
  readonly stats: { captured: number; withheld: number };
}

const SEPARATOR = '\n\n';
/** Answer text read past the cap, so a finding that starts before it is still found whole. */
const SCAN_MARGIN = 16_384;
const CODECS: Record<string, { answerSites(res: never): TextSite[] } | undefined> = { openai: openAiCodec, anthropic: anthropicCodec };

const joined = (sites: TextSite[]): string => {
  let text = '';
  for (let i = 0; i < sites.length; i++) text += i ? SEPARATOR + sites[i]!.text : sites[i]!.text;
  return text;
};

/**
 * Stored prompt text, off the request path. `capture` (in the finish step) only takes references to what the request
 * already holds: the text the firewall scanned with its findings, and the answer as it left the output firewall
 * (streams: as assembled after the stream masker). The masking, the scans a capture still needs and the cap run in
 * one setImmediate per burst of requests, after the answers are on their way; the rows then go to the batched writer
 * as flat JSON text, so nothing of a request outlives that turn of the event loop.
 */
export function createPromptTextLog(opts: PromptTextLogOptions): PromptTextLog {
  let pending: Pending[] = [];
  let scheduled = false;
  const stats = { captured: 0, withheld: 0 };

  function capture(run: CapturedRun, outcome: CapturedOutcome): void {
    const mode = opts.mode();
    if (mode === 'off') return;
    const v = run.verdict;
    let prompt: string;
    let findings: readonly TextFinding[] | undefined;
    if (v?.scanned !== undefined) {
      prompt = v.scanned;
      findings = v.findings;
    } else if (run.texts && run.body !== undefined) {
      // Not scanned (the firewall is off, or the request failed before its scan): scanned when prepared.
      prompt = joined(run.texts.promptSites(run.body as never));
    } else return;
    let answer: string | undefined;
    let hitJson: string | undefined;
    const codec = CODECS[run.format];
    if (outcome.kind === 'success' && codec) answer = joined(codec.answerSites(outcome.value as never));
    else if (outcome.kind === 'hit' && codec) hitJson = outcome.hit.json;
    pending.push({
      requestId: run.requestId,
      userId: run.userId,
      createdAt: new Date().toISOString(),
      // A blocked prompt is stored masked whatever the mode: a reviewer sees why, never the secret itself.
      mode: outcome.kind === 'blocked' || mode === 'masked' ? 'masked' : 'full',
      prompt,
      findings,
      rescan: v !== undefined && (v.decision === 'block' || v.decision === 'logged'),
      answer,
      hitJson,
      format: run.format,
      restore: v?.allowed ? v.restore : undefined,
    });
    stats.captured++;
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  }

  function drain(): void {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (const p of batch) {
      let row: PromptTextRow;
      try {
        row = prepare(p);
      } catch (err) {
        // A scanner that fails cannot vouch that nothing secret is left: the text is not stored.
        stats.withheld++;
        opts.log.warn({ request_id: p.requestId, err: (err as Error).name }, 'prompt text not stored: the firewall could not scan it');
        continue;
      }
      opts.enqueue(row);
    }
  }

  function prepare(p: Pending): PromptTextRow {
    let found: readonly TextFinding[] = p.findings ?? opts.engine.find(p.prompt, ['secrets', 'pii', 'toxicity']);
    if (p.findings && p.rescan) found = merge(p.findings, opts.engine.find(p.prompt, ['secrets', 'pii', 'toxicity']));
    const prompt = prepareText('prompt', p.prompt, found, p.mode);
    let answer = p.answer;
    if (answer === undefined && p.hitJson !== undefined) answer = joined(CODECS[p.format]!.answerSites(JSON.parse(p.hitJson) as never));
    let response: ReturnType<typeof prepareText> | undefined;
    if (answer !== undefined) {
      // Full: the answer as its reader got it, redacted values restored. Masked: as the provider wrote it.
      if (p.mode === 'full' && p.restore) answer = p.restore(answer);
      const scanned = answer.length > MAX_STORED_CHARS + SCAN_MARGIN ? answer.slice(0, MAX_STORED_CHARS + SCAN_MARGIN) : answer;
      response = prepareText('response', scanned, opts.engine.find(scanned, ['secrets', 'pii']), p.mode);
      response.length = answer.length;
    }
    return {
      requestId: p.requestId,
      orgId: opts.orgId,
      userId: p.userId,
      mode: p.mode,
      prompt: prompt.text,
      promptLength: prompt.length,
      response: response?.text ?? null,
      responseLength: response?.length ?? null,
      findings: response ? [...prompt.findings, ...response.findings] : prompt.findings,
      createdAt: p.createdAt,
    };
  }

  return {
    get active() {
      return opts.mode() !== 'off';
    },
    capture,
    drain,
    stats,
  };
}

/** The gate's findings with a second scan's, without the same finding twice. */
function merge(a: readonly TextFinding[], b: readonly TextFinding[]): TextFinding[] {
  const seen = new Set(a.map((f) => `${f.start}:${f.end}:${f.type}`));
  return [...a, ...b.filter((f) => !seen.has(`${f.start}:${f.end}:${f.type}`))];
}
