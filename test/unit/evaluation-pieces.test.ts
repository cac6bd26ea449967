import { describe, expect, it } from 'vitest';
import { BUILT_INS, judgeMessages, parseVerdict } from '../../src/evaluation/evaluators.js';
import { createSampler } from '../../src/evaluation/sampling.js';
import { testConfig } from '../helpers/config.js';

const evs = [BUILT_INS.relevance, BUILT_INS.toxicity];
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe('sampling', () => {
  it('0 % picks nothing and says so up front; 100 % picks every evaluator', () => {
    const off = createSampler({ sampleRate: 0, evaluatorRates: {}, modelRates: {}, userRates: {} });
    expect(off.possible(evs)).toBe(false);
    expect(off.pick(evs, 'gpt-4o', 'u1', 0)).toEqual([]);
    const all = createSampler({ sampleRate: 1, evaluatorRates: {}, modelRates: {}, userRates: {} });
    expect(names(all.pick(evs, 'gpt-4o', 'u1', 0.999))).toEqual(['relevance', 'toxicity']);
  });

  it('the most specific rate wins: user, then model, then evaluator, then the default', () => {
    const s = createSampler({ sampleRate: 0.01, evaluatorRates: { toxicity: 0.5 }, modelRates: { 'gpt-4o': 1, 'gpt-4o-mini': 0 }, userRates: { vip: 1, quiet: 0 } });
    expect(names(s.pick(evs, 'gpt-4.1', 'u', 0.3))).toEqual(['toxicity']);
    expect(names(s.pick(evs, 'gpt-4.1', 'u', 0.005))).toEqual(['relevance', 'toxicity']);
    expect(names(s.pick(evs, 'gpt-4o', 'u', 0.99))).toEqual(['relevance', 'toxicity']);
    expect(names(s.pick(evs, 'gpt-4o-mini', 'vip', 0.99))).toEqual(['relevance', 'toxicity']);
    expect(s.pick(evs, 'gpt-4o', 'quiet', 0)).toEqual([]);
  });

  it('reads EVAL_* from the environment, refusing rates outside 0–1 by name', () => {
    const c = testConfig({ EVAL_SAMPLE_RATE: '0.01', EVAL_MODEL_SAMPLE_RATES: 'gpt-4o=1', EVAL_USER_SAMPLE_RATES: 'dev_dinakar=1, u2=0.5', EVAL_EVALUATORS: 'relevance,refusal' }).evaluation;
    expect(c).toMatchObject({ sampleRate: 0.01, modelRates: { 'gpt-4o': 1 }, userRates: { dev_dinakar: 1, u2: 0.5 }, evaluators: ['relevance', 'refusal'], judgeModel: 'gpt-4o-mini', phoenix: null });
    expect(() => testConfig({ EVAL_SAMPLE_RATE: '2' })).toThrow(/EVAL_SAMPLE_RATE/);
    expect(() => testConfig({ EVAL_MODEL_SAMPLE_RATES: 'gpt-4o=3' })).toThrow(/EVAL_MODEL_SAMPLE_RATES/);
    expect(() => testConfig({ EVAL_EVALUATORS: 'vibes' })).toThrow(/EVAL_EVALUATORS/);
  });
});

describe('rubric prompts and verdicts', () => {
  it('the prompt names the evaluator and its labels; context only where there is some', () => {
    const [sys, user] = judgeMessages(BUILT_INS.hallucination, { question: 'q?', context: 'ctx', answer: 'a.' });
    expect(sys!.content).toContain('["factual","hallucinated"]');
    expect(user!.content).toBe('Evaluator: hallucination\nRubric: ' + BUILT_INS.hallucination.rubric + '\nLabels: factual, hallucinated\n\n[Question]\nq?\n\n[Context]\nctx\n\n[Answer]\na.');
  });

  it('reads the first JSON object of an answer, in fences or prose; an unknown label is no verdict', () => {
    expect(parseVerdict(BUILT_INS.relevance, '```json\n{"label": "Relevant", "explanation": "It  answers\\nit."}\n```')).toEqual({ label: 'relevant', score: 1, explanation: 'It answers it.' });
    expect(parseVerdict(BUILT_INS.relevance, 'Sure! {"label":"partially_relevant"}')).toEqual({ label: 'partially_relevant', score: 0.5, explanation: '' });
    expect(parseVerdict(BUILT_INS.relevance, '{"label":"great"}')).toBeUndefined();
    expect(parseVerdict(BUILT_INS.relevance, 'relevant')).toBeUndefined();
  });
});
