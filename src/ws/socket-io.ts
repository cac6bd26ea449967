import type { WebSocket } from '@fastify/websocket';
import type { ServerFrame } from './protocol.js';

/** Above this many queued bytes a stream stops reading its upstream until the client catches up. */
export const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;
const POLL_MS = 10;

export const isOpen = (socket: WebSocket) => socket.readyState === socket.OPEN;

export function sendFrame(socket: WebSocket, frame: ServerFrame): void {
  if (isOpen(socket)) socket.send(JSON.stringify(frame));
}

/**
 * Waits while the socket's send buffer is above the high-water mark, until it falls below the low-water mark or
 * the socket closes. The stream loop awaits this before each token, so a slow reader holds the upstream stream
 * (TCP backpressure to the provider) instead of growing this process's memory. ws has no 'drain' event on the
 * WebSocket itself, hence the short poll.
 */
export async function waitForRoom(socket: WebSocket, signal?: AbortSignal): Promise<void> {
  if (socket.bufferedAmount <= HIGH_WATER_BYTES) return;
  while (isOpen(socket) && !signal?.aborted && socket.bufferedAmount > LOW_WATER_BYTES) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
