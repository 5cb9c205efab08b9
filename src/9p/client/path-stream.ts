// Node streams over a 9P file: a Readable fed by the pipelined readStream (it asks for more
// only when its consumer has room: backpressure, memory bounded by depth × iounit plus the
// Readable's buffer), and a Writable that keeps `depth` Twrites in flight and holds its
// writer back while the window is full. Offsets are numbers, exact to 2^53.

import { Readable, Writable } from 'node:stream';
import type { ClientFid } from './fid.js';

/** Options of a Writable over a file. */
export interface FileWriteStreamOptions {
  /** Offset of the first byte. Default 0. */
  start?: number;
  /** Twrites in flight. Default 8. */
  depth?: number;
  /** Aborting it flushes the write in flight and fails the stream with the signal's reason. */
  signal?: AbortSignal;
}

/** A byte Readable of the chunks `source` yields; destroying it ends the source (which clunks its fid). */
export function readableOf(source: AsyncGenerator<Uint8Array, void, undefined>): Readable {
  return Readable.from(source, { objectMode: false });
}

/**
 * A Writable to the file `opening` resolves to (open for writing): each written chunk is cut
 * at the iounit and sent with at most `depth` requests in flight; the write callback runs
 * once the window has room again. A short or failed write fails the stream. The fid is
 * clunked at the end, on error, and on destroy.
 */
export function writableTo(opening: Promise<ClientFid>, o: FileWriteStreamOptions = {}): Writable {
  const depth = Math.max(1, o.depth ?? 8);
  let fid: ClientFid | undefined;
  let off = o.start ?? 0;
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  const waitRoom = async (): Promise<void> => {
    while (inflight.size >= depth) await Promise.race(inflight);
    if (failure !== undefined) throw failure;
  };
  const send = (at: number, piece: Uint8Array): void => {
    const p: Promise<void> = fid!.write(at, piece, o.signal).then((n) => {
      if (n !== piece.length) throw new Error(`short write: ${n} of ${piece.length} bytes at offset ${at}`);
    }).catch((e: unknown) => { failure ??= e; }).finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const clunk = async (): Promise<void> => {
    const f = fid;
    fid = undefined;
    if (f !== undefined) await f.clunk().catch(() => {});
  };
  return new Writable({
    construct(cb) {
      opening.then((f) => { fid = f; cb(); }, (e: Error) => cb(e));
    },
    write(chunk: Buffer, _enc, cb) {
      (async () => {
        const unit = fid!.iounit;
        for (let at = 0; at < chunk.length; at += unit) {
          await waitRoom();
          const piece = chunk.subarray(at, Math.min(chunk.length, at + unit));
          send(off, piece);
          off += piece.length;
        }
        if (failure !== undefined) throw failure;
      })().then(() => cb(), (e: Error) => cb(e));
    },
    final(cb) {
      Promise.all(inflight).then(async () => {
        await clunk();
        if (failure !== undefined) throw failure;
      }).then(() => cb(), (e: Error) => cb(e));
    },
    destroy(err, cb) {
      Promise.allSettled(inflight).then(clunk).then(() => cb(err), () => cb(err));
    },
  });
}
