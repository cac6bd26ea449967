/**
 * A fake judge model: an OpenAI-compatible server on loopback (reached through the gateway's provider layer, e.g. as
 * OPENAI_COMPATIBLE_ENDPOINTS `judge=<url>/v1` and EVAL_JUDGE_MODEL `judge/rubric-1`) that answers the rubric prompts
 * of src/evaluation deterministically from the texts it is shown, and a fake Phoenix that takes span annotations.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JudgeCallSeen {
  evaluator: string;
  /** The whole user message of the rubric prompt (question, context, answer). */
  prompt: string;
  model: string;
}

export interface FakeJudge {
  url: string;
  /** `url + '/v1'`, for OPENAI_COMPATIBLE_ENDPOINTS. */
  baseURL: string;
  calls: JudgeCallSeen[];
  /** Holds every answer until release() (a burst then piles up in the gateway's queue). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** Prompt tokens the judge reports per call (priced by the test's pricing file). */
export const JUDGE_PROMPT_TOKENS = 1_000;

/** The verdict for one rubric prompt: decided by markers in the answer, so tests know what to expect. */
export function fakeVerdict(evaluator: string, prompt: string): { label: string; explanation: string } {
  const answer = prompt.split('[Answer]\n')[1] ?? '';
  switch (evaluator) {
    case 'relevance':
      return answer.includes('UNRELATED') ? { label: 'irrelevant', explanation: 'It talks about something else.' } : { label: 'relevant', explanation: 'It answers the question.' };
    case 'hallucination':
      return answer.includes('INVENTED') ? { label: 'hallucinated', explanation: 'A claim is not in the context.' } : { label: 'factual', explanation: 'Everything is in the context.' };
    case 'toxicity':
      return /idiot/i.test(answer) ? { label: 'toxic', explanation: 'It insults the reader.' } : { label: 'non_toxic', explanation: 'Nothing offensive.' };
    case 'refusal':
      return /^(Echo: )?I can't/.test(answer) ? { label: 'refused', explanation: 'It declines.' } : { label: 'answered', explanation: 'It answers.' };
    default: {
      const labels = /Labels: (.*)/.exec(prompt)?.[1]?.split(', ') ?? ['unknown'];
      return { label: labels[0]!, explanation: 'First label, always.' };
    }
  }
}

export async function startFakeJudge(): Promise<FakeJudge> {
  const calls: JudgeCallSeen[] = [];
  let held: (() => void)[] | undefined;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.startsWith('/v1/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'rubric-1', object: 'model', created: 0, owned_by: 'fake' }] }));
        return;
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { model: string; messages: { role: string; content: string }[] };
      const prompt = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const evaluator = /^Evaluator: (\S+)/m.exec(prompt)?.[1] ?? 'unknown';
      calls.push({ evaluator, prompt, model: body.model });
      const answer = () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `judge-${calls.length}`,
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(fakeVerdict(evaluator, prompt)), refusal: null }, finish_reason: 'stop', logprobs: null }],
            usage: { prompt_tokens: JUDGE_PROMPT_TOKENS, completion_tokens: 12, total_tokens: JUDGE_PROMPT_TOKENS + 12 },
          }),
        );
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = () => {
    const h = held ?? [];
    held = undefined;
    for (const a of h) a();
  };
  return {
    url,
    baseURL: `${url}/v1`,
    calls,
    hold: () => void (held ??= []),
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FakePhoenix {
  url: string;
  /** Every annotation received, in order. */
  annotations: { span_id: string; name: string; annotator_kind: string; result: { label: string; score: number; explanation: string | null }; identifier?: string }[];
  close(): Promise<void>;
}

/** Phoenix's REST annotations endpoint (POST /v1/span_annotations), recording what arrives. */
export async function startFakePhoenix(): Promise<FakePhoenix> {
  const annotations: FakePhoenix['annotations'] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/span_annotations')) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { data: FakePhoenix['annotations'] };
      annotations.push(...body.data);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: body.data.map((_, i) => ({ id: String(annotations.length - body.data.length + i + 1) })) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    annotations,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
