import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { QualityRepo } from '../storage/monitoring/quality-repo.js';
import type { AnnotationSender } from './phoenix.js';

export interface FeedbackInput {
  requestId: string;
  score: 1 | -1;
  comment: string | null;
}

export interface FeedbackDeps {
  repo: QualityRepo;
  /** Writes this instance's queued request records now: feedback often arrives before the record's batch is written. */
  flushRecords(): Promise<void>;
  /** Phoenix annotations; undefined when PHOENIX_URL is unset. */
  annotations: AnnotationSender | undefined;
}

/**
 * People's feedback on answers: one per user per request (a second replaces the first), only on one's own requests
 * unless admin, stored in the monitoring database beside the record and annotated on the request's span in Phoenix.
 */
export function createFeedbackService(deps: FeedbackDeps) {
  async function findRequest(requestId: string) {
    const found = await deps.repo.request(requestId);
    if (found) return found;
    await deps.flushRecords();
    return deps.repo.request(requestId);
  }

  return {
    async give(by: Principal, input: FeedbackInput) {
      const rec = await findRequest(input.requestId);
      if (!rec) throw new AppError('NOT_FOUND', 'no request with this request_id', { details: { field: 'request_id' } });
      if (rec.userId !== by.userId && by.role !== 'admin') throw new AppError('FORBIDDEN', 'feedback is given on your own requests (admins may give it on any)');
      const saved = await deps.repo.upsertFeedback({ requestId: input.requestId, userId: by.userId, score: input.score, comment: input.comment, model: rec.model, requestAt: rec.createdAt });
      if (deps.annotations) {
        const span = await deps.repo.spanOf(input.requestId).catch(() => undefined);
        if (span) {
          deps.annotations.send({
            span_id: span.spanId,
            name: 'user_feedback',
            annotator_kind: 'HUMAN',
            result: { label: input.score > 0 ? 'thumbs_up' : 'thumbs_down', score: input.score > 0 ? 1 : 0, explanation: input.comment },
            identifier: `user:${by.userId}`,
          });
        }
      }
      return { requestId: input.requestId, userId: by.userId, score: input.score, comment: input.comment, created: saved.created, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
