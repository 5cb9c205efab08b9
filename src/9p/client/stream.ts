// Streaming reads and writes of one open file: a few iounit-sized requests in flight, bytes
// handed on in file order, memory bounded by depth × iounit whatever the file's size.
// Offsets are plain numbers: exact to 2^53, far past any segment (SEGMAXSIZE is 2^36).

import type { ClientFid } from './fid.js';

/** Options of a streaming read. */
export interface ReadStreamOptions {
  /** First byte to read. Default 0. */
  start?: number;
  /** Stop before this offset. Default: the end of the file (the first empty read). */
  end?: number;
  /** Requests in flight. Default 8. */
  depth?: number;
  /** A fresh signal for each request (a per-request timeout), or one signal for all. */
  signal?: AbortSignal | (() => AbortSignal | undefined);
  /**
   * Reuse a chunk's memory for a later reply once the consumer asks for the next chunk.
   * Default true; false keeps every chunk valid for good (a consumer that stores them).
   */
  recycle?: boolean;
}

const signalOf = (s: ReadStreamOptions['signal']): AbortSignal | undefined => (typeof s === 'function' ? s() : s);

/**
 * The bytes of `fid` (open for reading) from `start` to `end` or the end of the file, in order,
 * as they arrive. Reads ahead `depth` requests; a short read ends the speculation and goes on
 * from where that read stopped (a file may answer less than asked before its end); an empty
 * read is the end. Each chunk is the reply's own buffer, valid until the consumer asks for
 * the next one (then its memory is reused, unless `recycle` is false).
 * @param fid - a fid open for reading
 * @param o - the range, the requests in flight, the signal
 * @returns an async iterable of chunks
 * @throws NinepError (the server's refusal, 'ECLOSED') or the signal's reason, from the iteration
 *
 * @example
 * ```ts
 * import { mount, segmentDevice } from 'segfs';
 * import { readStream } from 'segfs/9p';
 * import { OREAD } from 'segfs/dev';
 * const ns = await mount(segmentDevice('glenda'), { user: 'glenda' });
 * await ns.mkdir('big');
 * await ns.writeFile('big/ctl', 'va 0x10000000 0x400000');
 * const fid = await ns.open('big/data', OREAD);
 * let n = 0;
 * for await (const chunk of readStream(fid)) n += chunk.length; // a few iounits in memory at a time
 * await fid.clunk();
 * console.log(n); // 4194304
 * await ns.close();
 * ```
 */
export async function* readStream(fid: ClientFid, o: ReadStreamOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const unit = fid.iounit;
  const depth = Math.max(1, o.depth ?? 8);
  const end = o.end ?? Number.MAX_SAFE_INTEGER;
  const reuse = o.recycle !== false;
  const client = fid.client;
  let off = o.start ?? 0;
  // reusing: each request reads into its own buffer (readInto), given back once the request
  // settled and its chunk was consumed; keeping: each chunk is its reply's own frame
  const inflight: { at: number; n: number; buf?: Buffer; reply: Promise<Uint8Array> }[] = [];
  const giveBackWhenSettled = (r: { buf?: Buffer; reply: Promise<Uint8Array> }): void => {
    const b = r.buf;
    if (b !== undefined) void r.reply.then(() => client.recycle(b), () => client.recycle(b));
  };
  let next = off;
  const issue = (): void => {
    while (inflight.length < depth && next < end) {
      const at = next;
      const n = Math.min(unit, end - at);
      let reply: Promise<Uint8Array>;
      let buf: Buffer | undefined;
      if (reuse) {
        const b = client.readBuffer(n);
        buf = b;
        reply = fid.readInto(at, b, signalOf(o.signal)).then((k) => b.subarray(0, k));
      } else {
        reply = fid.read(at, n, signalOf(o.signal));
      }
      reply.catch(() => {}); // awaited in order below; an abandoned one must not be unhandled
      inflight.push({ at, n, buf, reply });
      next += n;
    }
  };
  try {
    for (;;) {
      issue();
      const head = inflight.shift();
      if (head === undefined) return;
      let data: Uint8Array;
      try {
        data = await head.reply;
      } catch (e) {
        giveBackWhenSettled(head);
        throw e;
      }
      if (data.length === 0) {
        giveBackWhenSettled(head);
        return;
      }
      off = head.at + data.length;
      if (data.length < head.n) {
        // speculation past a short read is void: drop it (its buffers come back as it settles)
        // and go on from where it stopped
        for (const r of inflight.splice(0)) giveBackWhenSettled(r);
        next = off;
      }
      yield data;
      // asked for the next chunk: this one's memory is free
      if (head.buf !== undefined) client.recycle(head.buf);
    }
  } finally {
    for (const r of inflight.splice(0)) giveBackWhenSettled(r);
  }
}

/** Options of a streaming write. */
export interface WriteStreamOptions {
  /** Offset of the first byte. Default 0. */
  start?: number;
  /** Requests in flight. Default 8. */
  depth?: number;
  /** Write each chunk of the source as one request (as `echo` does), never splitting or joining. */
  perChunk?: boolean;
  /** A fresh signal for each request (a per-request timeout), or one signal for all. */
  signal?: AbortSignal | (() => AbortSignal | undefined);
}

/**
 * Writes every chunk of `source` to `fid` (open for writing) from `start` on, split at the
 * iounit, `depth` requests in flight; waits for the source only when the window has room
 * (backpressure). Returns the bytes written; a short write ends it with an Error naming both
 * counts. With perChunk, each chunk is one Twrite (a ctl file sees one command per chunk).
 * @param fid - a fid open for writing
 * @param source - chunks of bytes or text (UTF-8)
 * @param o - the start offset, the requests in flight, perChunk, the signal
 * @returns the bytes written
 * @throws Error naming both counts for a short write; NinepError (the server's refusal,
 *   'ECLOSED'); the signal's reason
 */
export async function writeStream(fid: ClientFid, source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, o: WriteStreamOptions = {}): Promise<number> {
  const unit = fid.iounit;
  const depth = o.perChunk ? 1 : Math.max(1, o.depth ?? 8);
  let off = o.start ?? 0;
  const start = off;
  const inflight: Promise<void>[] = [];
  let failure: unknown;
  const send = async (at: number, piece: Uint8Array): Promise<void> => {
    const n = await fid.write(at, piece, signalOf(o.signal));
    if (n !== piece.length) throw new Error(`short write: ${n} of ${piece.length} bytes at offset ${at}`);
  };
  const push = async (at: number, piece: Uint8Array): Promise<void> => {
    if (inflight.length >= depth) await inflight.shift();
    if (failure !== undefined) throw failure;
    const p = send(at, piece).catch((e: unknown) => { failure ??= e; });
    inflight.push(p);
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (o.perChunk) {
      if (bytes.length > unit) throw new Error(`a write of ${bytes.length} bytes does not fit one message (iounit ${unit})`);
      await push(off, bytes);
      off += bytes.length;
      continue;
    }
    for (let at = 0; at < bytes.length; at += unit) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + unit));
      await push(off, piece);
      off += piece.length;
    }
  }
  await Promise.all(inflight);
  if (failure !== undefined) throw failure;
  return off - start;
}
