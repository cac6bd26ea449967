import { z } from 'zod';
import type { ErrorCode } from '../errors/app-error.js';

/**
 * The /ws/chat wire protocol: JSON text frames, one object each, told apart by `type`.
 *
 * client → server: `auth {token}`, `message {id, content, conversation_id?, model?}`, `cancel {id}`, `ping`.
 * server → client: `ready {user}` once the socket knows who it is; per message `ack {id, conversation_id}`, then
 * `token {id, delta}`…, and exactly one of `done {id, request_id, usage, cached, cost_usd, latency_ms, model, conversation_id,
 * message_id, warning?}`, `blocked {id, reasons, conversation_id, warning?}` or `error {id, code, message,
 * retry_after_s?}`; `pong`. Once tokens have been sent the end is never an error for a storage failure: `done` comes
 * with `message_id: null` and `warning {code: NOT_STORED, message}`.
 * A frame that cannot be read gets an `error` (with the id when it had one) and the socket stays open. Close codes:
 * 4401 bad, expired or missing credentials; 1001 server shutdown; 1009 frame above WS_MAX_PAYLOAD.
 */

/** Largest message content, in UTF-8 bytes. */
export const MAX_CONTENT_BYTES = 256 * 1024;
/** Frames larger than this are refused unread (content limit plus room for the envelope). */
export const MAX_FRAME_BYTES = MAX_CONTENT_BYTES + 64 * 1024;
/**
 * ws's own limit, above which it closes the socket (1009). Set well above MAX_FRAME_BYTES so an oversize frame gets
 * an error reply and the socket stays usable.
 */
export const WS_MAX_PAYLOAD = 4 * 1024 * 1024;

/** Postgres text cannot hold U+0000; everything in a message frame is stored (or looked up), so NUL is refused here. */
const noNul = (s: string) => !s.includes('\u0000');
const NUL = 'must not contain NUL (\\u0000) characters';
const id = z.string().min(1).max(128).refine(noNul, NUL);

const messageFrame = z.object({
  type: z.literal('message'),
  id,
  conversation_id: z.string().min(1).max(200).refine(noNul, NUL).optional(),
  content: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES, `must be at most ${MAX_CONTENT_BYTES} bytes`)
    .refine(noNul, NUL),
  model: z.string().min(1).max(200).refine(noNul, NUL).optional(),
});

export const clientFrame = z.discriminatedUnion('type', [
  messageFrame,
  z.object({ type: z.literal('cancel'), id }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(8192) }),
]);

export type ClientFrame = z.infer<typeof clientFrame>;
export type MessageFrame = z.infer<typeof messageFrame>;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type ServerFrame =
  | { type: 'ready'; user: { user_id: string; username: string; role: string } }
  | { type: 'ack'; id: string; conversation_id: string }
  | { type: 'token'; id: string; delta: string }
  | { type: 'done'; id: string; request_id: string; usage: Usage; cached: boolean; cost_usd: number; latency_ms: number; model: string; conversation_id: string; message_id: string | null; warning?: StoreWarning }
  | { type: 'blocked'; id: string; reasons: string[]; conversation_id: string; warning?: StoreWarning }
  | { type: 'error'; id?: string; code: ErrorCode; message: string; retry_after_s?: number }
  | { type: 'pong' };

/** The turn was answered (or blocked) but could not be stored: `message_id` is null and the history lacks it. */
export interface StoreWarning {
  code: 'NOT_STORED';
  message: string;
}

export type FrameError = Extract<ServerFrame, { type: 'error' }>;

/** The id of a frame that failed validation, when it has a usable one (so the client can match the error). */
function idOf(value: unknown): string | undefined {
  const v = (value as { id?: unknown } | null)?.id;
  return typeof v === 'string' && v.length > 0 && v.length <= 128 ? v : undefined;
}

/** Reads one frame; errors are values, answered on the socket, which stays open. */
export function parseClientFrame(data: Buffer, isBinary: boolean): { ok: true; frame: ClientFrame } | { ok: false; error: FrameError } {
  if (isBinary) return { ok: false, error: { type: 'error', code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send JSON text frames' } };
  if (data.length > MAX_FRAME_BYTES) {
    return { ok: false, error: { type: 'error', code: 'PAYLOAD_TOO_LARGE', message: `frame is larger than ${MAX_FRAME_BYTES} bytes (content may be at most ${MAX_CONTENT_BYTES})` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, error: { type: 'error', code: 'INVALID_JSON', message: 'frame is not valid JSON' } };
  }
  const parsed = clientFrame.safeParse(value);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || 'frame';
  const tooLarge = issue?.path[0] === 'content' && issue.message.startsWith('must be at most');
  const error: FrameError = {
    type: 'error',
    code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR',
    message: issue?.code === 'invalid_union' && path === 'type' ? 'type: must be one of message, cancel, ping, auth' : `${path}: ${issue?.message ?? 'invalid'}`,
  };
  const frameId = idOf(value);
  if (frameId) error.id = frameId;
  return { ok: false, error };
}
