// What a request handler hands back to Session.respond.

import type { Fcall } from '../codec/types.js';

/**
 * A reply already laid out in a pooled msize buffer (Rread, Rreaddir, 9P2000 directory
 * reads): the device read straight into it, so the payload is copied once, and header and
 * payload go out as one write without being concatenated.
 */
export interface RawReply {
  raw: true;
  buf: Buffer;
  /** Bytes of `buf` that make the frame. */
  length: number;
}

/** A handler's answer: a message to encode, or a raw frame. */
export type Reply = Fcall | RawReply;

/** Returned by a handler whose request is answered later by someone else (a queued Tflush). */
export const LATER: unique symbol = Symbol('answered later');

/** Bytes before the payload of Rread and Rreaddir: size[4] type[1] tag[2] count[4]. */
export const PAYLOAD_HDRSZ = 11;

/** Fills in the 11-byte header of an Rread/Rreaddir frame whose payload is `count` bytes. */
export function rawPayloadReply(buf: Buffer, type: number, tag: number, count: number): RawReply {
  const length = PAYLOAD_HDRSZ + count;
  buf.writeUInt32LE(length, 0);
  buf[4] = type;
  buf.writeUInt16LE(tag, 5);
  buf.writeUInt32LE(count, 7);
  return { raw: true, buf, length };
}
