import { AppError } from '../errors/app-error.js';
import type { OutputMasker, StreamRestorer } from '../firewall/gate.js';
import { ProviderError } from './types.js';
import type { WireCodec } from './wire/codec.js';

export interface RelayOptions<B, R, C> {
  codec: WireCodec<B, R, C>;
  source: AsyncIterable<C>;
  /** Masks leaks per channel before any byte leaves; absent for a cache replay (stored answers are masked). */
  masker?: OutputMasker;
  /** Puts redacted values back, per channel (a placeholder may be split across chunks). */
  restorer?: () => StreamRestorer;
  /** The stream ended with its terminal event; gets the whole answer as the provider sent it (leaks masked). */
  onComplete?(whole: R): void;
  /** The stream failed (or the consumer left: `cancelled`); returns the error to throw. */
  onFail?(err: unknown, cancelled: boolean): AppError;
  /** Always, once: success, failure or cancel (releases the stream slot). */
  onEnd(): void;
  /** After success only. */
  onDone?(): void;
}

/**
 * Relays a provider's stream chunk for chunk: each chunk's texts go through the output masker (held back only as
 * long as a match can still grow) and the restorer, and into the accumulator that rebuilds the whole answer for the
 * finish step. Held text is released before any chunk that ends text (finish, usage, block stop), so the client
 * always gets it before the end of its answer.
 */
export function relayStream<B, R, C>(o: RelayOptions<B, R, C>): { chunks: AsyncIterable<C> } {
  const { codec, masker } = o;
  const acc = o.onComplete ? codec.accumulator() : undefined;
  const restorers = new Map<string, StreamRestorer>();
  const restorerOf = (channel: string) => {
    let r = restorers.get(channel);
    if (!r && o.restorer) {
      r = o.restorer();
      restorers.set(channel, r);
    }
    return r;
  };

  /**
   * Releases what the masker and restorers still hold. Text of a channel that `closing` itself carries is appended
   * to it (it comes after that chunk's own text); other channels' text goes out as chunks shaped like `closing`,
   * ahead of it.
   */
  function drain(closing: C, append = true): C[] {
    const own = new Map(append ? codec.chunkSites(closing).map((x) => [x.channel, x.site]) : []);
    const out: C[] = [];
    for (const { channel, text } of masker?.flush() ?? []) {
      const site = own.get(channel);
      if (site) site.set(site.text + text);
      else {
        const chunk = codec.textChunk(channel, text, closing);
        acc?.push(chunk);
        out.push(restoreChunk(chunk));
      }
    }
    return out;
  }

  /**
   * The restorers' held tails (a `<` that never became a placeholder). Appended to `closing`'s own text on its
   * channels, else sent as chunks ahead of it.
   */
  function restorerTails(closing: C, append = true): C[] {
    const own = new Map(append ? codec.chunkSites(closing).map((x) => [x.channel, x.site]) : []);
    const out: C[] = [];
    for (const [channel, r] of restorers) {
      const tail = r.flush();
      if (!tail) continue;
      const site = own.get(channel);
      if (site) site.set(site.text + tail);
      else out.push(codec.textChunk(channel, tail, closing));
    }
    return out;
  }

  const restoreText = (channel: string, text: string) => restorerOf(channel)!.push(text);
  const maskText = (channel: string, text: string) => masker!.push(channel, text);
  function restoreChunk(chunk: C): C {
    if (o.restorer) codec.mapTexts(chunk, restoreText);
    return chunk;
  }

  async function* chunks(): AsyncGenerator<C> {
    let completed = false;
    let failed = false;
    let last: C | undefined;
    try {
      for await (const chunk of o.source) {
        last = chunk;
        if (masker) codec.mapTexts(chunk, maskText);
        const closing = codec.closesText(chunk);
        if (closing && masker) yield* drain(chunk);
        acc?.push(chunk);
        const restoredChunk = restoreChunk(chunk);
        // A placeholder prefix still held must come out with (or before) the chunk that ends the text.
        if (closing && o.restorer) yield* restorerTails(restoredChunk);
        // A chunk whose text is all held back is left out: its text comes with a later one.
        if ((masker || o.restorer) && codec.isEmpty(restoredChunk)) continue;
        yield restoredChunk;
      }
      if (last !== undefined) {
        // `last` is already out: what is still held goes in chunks of its own.
        if (masker) yield* drain(last, false);
        if (o.restorer) yield* restorerTails(last, false);
      }
      if (acc) {
        if (!acc.finished) throw new ProviderError('stream_broken', 'stream ended without its final event');
        o.onComplete!(acc.result());
      }
      completed = true;
      o.onDone?.();
    } catch (err) {
      failed = true;
      throw o.onFail ? o.onFail(err, false) : err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
    } finally {
      // The consumer stopped early (client gone, cancel): release the upstream connection and say so.
      if (!completed && !failed) o.onFail?.(undefined, true);
      o.onEnd();
    }
  }

  return { chunks: chunks() };
}
