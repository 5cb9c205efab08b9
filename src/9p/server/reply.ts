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
  /** Bytes of `buf` that make the frame (or its header, when `views` follow). */
  length: number;
  /** The payload as views of device memory, written right after the header (one writev). */
  views?: readonly Uint8Array[];
}

/**
 * A small reply that lays itself out straight into the connection's outgoing buffer when it
 * is sent (Rgetattr): no frame of its own is allocated, and nothing is encoded for a reply
 * that is dropped.
 */
export abstract class FrameReply {
  /** Bytes of the whole frame. */
  abstract readonly frameSize: number;
  /** Writes the whole frame at buf[at, at + frameSize); throws, having committed nothing, if a field does not fit. */
  abstract writeInto(buf: Buffer, at: number): void;
}

/** A handler's answer: a message to encode, a raw frame, or a frame written in place. */
export type Reply = Fcall | RawReply | FrameReply;

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

/**
 * An Rread whose payload is `views` of device memory, sent as they are (no copy): an 11-byte
 * header, then the views, in one corked write. Never more than `max` bytes.
 */
export function viewPayloadReply(type: number, tag: number, views: readonly Uint8Array[], max: number): RawReply {
  let count = 0;
  let out = views;
  for (let i = 0; i < views.length; i++) {
    const n = views[i]!.length;
    if (count + n > max) {
      // a device gave more than asked: cut at max (Linux fails a longer Rread with EIO)
      const cut = views.slice(0, i);
      if (max > count) cut.push(views[i]!.subarray(0, max - count));
      out = cut;
      count = max;
      break;
    }
    count += n;
  }
  const buf = Buffer.allocUnsafe(PAYLOAD_HDRSZ);
  buf.writeUInt32LE(PAYLOAD_HDRSZ + count, 0);
  buf[4] = type;
  buf.writeUInt16LE(tag, 5);
  buf.writeUInt32LE(count, 7);
  return { raw: true, buf, length: PAYLOAD_HDRSZ, views: out };
}
