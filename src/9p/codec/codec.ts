// encode/decode between Fcall objects and frames (size[4] type[1] tag[2] body), per dialect.
// Decoding consumes a frame exactly (convM2S's rule) and throws only CodecError; payloads
// (Twrite/Rread/Rreaddir data) are views into the frame. Encoding builds the body in one
// reused Writer and copies it once into an exact-size output; encodeHeader leaves a payload
// out so a caller can write header and payload back to back without concatenating them.

import { MIN_MSG_SIZE } from './constants.js';
import { CodecError } from './codec-error.js';
import type { Dialect } from './dialect.js';
import { base, TYPES_9P2000 } from './msg-9p2000.js';
import { TYPES_9P2000L } from './msg-9p2000l.js';
import type { MsgTable } from './msg-codec.js';
import { msgTypeName } from './msg-type.js';
import { Reader } from './reader.js';
import { toBuffer } from './stat.js';
import type { Fcall, PayloadFcall } from './types.js';
import { Writer } from './writer.js';

const TABLE_9P2000 = base.table(TYPES_9P2000);
const TABLES: Record<Dialect, MsgTable> = {
  '9P2000': TABLE_9P2000,
  '9P2000.u': TABLE_9P2000,
  '9P2000.L': base.table(TYPES_9P2000L),
};

/** The largest frame size[4] can express. */
const MAX_FRAME = 0xffffffff;

const scratch = new Writer(4096);

function tableFor(dialect: Dialect): MsgTable {
  const t = TABLES[dialect];
  if (!t) throw new CodecError('E9P_BAD_VALUE', `unknown dialect ${JSON.stringify(dialect)}`);
  return t;
}

/**
 * True when `type` is a message of `dialect`.
 * @param type - a type number
 * @param dialect - the dialect
 * @returns whether the dialect defines it
 */
export function isMessageOf(type: number, dialect: Dialect): boolean {
  return tableFor(dialect)[type] !== undefined;
}

/** Encodes header and body into `scratch`; returns the payload to follow (empty if none). */
function encodeBody(msg: Fcall, dialect: Dialect): Uint8Array | undefined {
  if (msg === null || typeof msg !== 'object') throw new CodecError('E9P_BAD_VALUE', 'cannot encode: not a message object');
  const entry = tableFor(dialect)[msg.type];
  if (!entry) {
    throw new CodecError('E9P_UNKNOWN_TYPE', `cannot encode ${msgTypeName(msg.type)}: not a message of ${dialect}`, msg.type, msg.tag);
  }
  const w = scratch;
  w.reset();
  w.ensure(7);
  w.pos = 4;
  w.u8(msg.type, 'type');
  w.u16(msg.tag, 'tag');
  entry.enc(w, msg, dialect);
  return entry.payload?.(msg);
}

function frameSize(bodyEnd: number, payload: Uint8Array | undefined, msg: Fcall): number {
  const size = bodyEnd + (payload ? payload.length : 0);
  if (size > MAX_FRAME) throw new CodecError('E9P_BAD_VALUE', `cannot encode ${msgTypeName(msg.type)}: ${size} bytes exceed size[4]`);
  return size;
}

/**
 * Encodes `msg` as one frame in a fresh buffer the caller owns (safe to hand to socket.write).
 * @param msg - the message, tag included
 * @param dialect - the connection's dialect
 * @returns the frame, size[4] first
 * @throws CodecError code 'E9P_BAD_VALUE' when a field does not fit its wire width (or a
 *   string exceeds 65535 bytes), 'E9P_UNKNOWN_TYPE' when the message is not part of `dialect`
 *
 * @example
 * ```ts
 * import { encode, decode, MsgType, NOTAG } from 'segfs/9p';
 * const frame = encode({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: '9P2000' }, '9P2000');
 * console.log(frame.length);            // 19
 * console.log(decode(frame, '9P2000')); // { type: 100, tag: 65535, msize: 8192, version: '9P2000' }
 * ```
 */
export function encode(msg: Fcall, dialect: Dialect): Buffer {
  const payload = encodeBody(msg, dialect);
  const bodyEnd = scratch.pos;
  const size = frameSize(bodyEnd, payload, msg);
  const out = Buffer.allocUnsafe(size);
  scratch.buf.copy(out, 0, 0, bodyEnd);
  out.writeUInt32LE(size, 0);
  if (payload) out.set(payload, bodyEnd);
  return out;
}

/**
 * Encodes everything of an Rread, Twrite or Rreaddir except its data: size[4] covers the
 * data too, so writing the header and then `msg.data` yields the whole frame
 * (`socket.cork(); socket.write(header); socket.write(msg.data); socket.uncork()`).
 * @param msg - the message; its data is not copied
 * @param dialect - the connection's dialect
 * @returns the header
 * @throws CodecError as encode
 */
export function encodeHeader(msg: PayloadFcall, dialect: Dialect): Buffer {
  const payload = encodeBody(msg, dialect);
  const bodyEnd = scratch.pos;
  const size = frameSize(bodyEnd, payload, msg);
  const out = Buffer.allocUnsafe(bodyEnd);
  scratch.buf.copy(out, 0, 0, bodyEnd);
  out.writeUInt32LE(size, 0);
  return out;
}

/**
 * Decodes one whole frame (size[4] first) of `dialect`. The frame's size field must equal
 * its length and the message must consume it exactly. Throws only CodecError; `msgType` and
 * `tag` are set on the error whenever the header was readable.
 * @param frame - one whole frame, as a Framer hands it out
 * @param dialect - the connection's dialect
 * @returns the message; Rread/Twrite/Rreaddir data are views into `frame`
 * @throws CodecError code 'E9P_SHORT', 'E9P_TRAILING', 'E9P_UNKNOWN_TYPE', 'E9P_BAD_STRING',
 *   'E9P_BAD_UTF8', 'E9P_NUL_IN_STRING', 'E9P_BAD_STAT' or 'E9P_MSG_TOO_SMALL'
 */
export function decode(frame: Uint8Array, dialect: Dialect): Fcall {
  const table = tableFor(dialect);
  if (!(frame instanceof Uint8Array)) throw new CodecError('E9P_SHORT', 'message too short: frame is not bytes');
  const buf = toBuffer(frame);
  const len = buf.length;
  if (len < 4) throw new CodecError('E9P_SHORT', `message too short: ${len} bytes, no size[4]`);
  const size = buf.readUInt32LE(0);
  if (size < MIN_MSG_SIZE) {
    throw new CodecError('E9P_MSG_TOO_SMALL', `message too small: size ${size} is below the 7-byte header`);
  }
  if (len < MIN_MSG_SIZE) throw new CodecError('E9P_SHORT', `message too short: ${len} bytes, header needs 7`);
  const type = buf[4]!;
  const tag = buf.readUInt16LE(5);
  if (size > len) {
    throw new CodecError('E9P_SHORT', `${msgTypeName(type)}: message too short: size says ${size} bytes, frame has ${len}`, type, tag);
  }
  if (size < len) {
    throw new CodecError('E9P_TRAILING', `${msgTypeName(type)}: trailing bytes: size says ${size} bytes, frame has ${len}`, type, tag);
  }
  const entry = table[type];
  if (!entry) {
    throw new CodecError('E9P_UNKNOWN_TYPE', `unknown message type ${type} (${msgTypeName(type)}) for ${dialect}`, type, tag);
  }
  const r = new Reader(buf, 7, len, type, tag);
  const msg = entry.dec(r, tag, dialect);
  if (r.pos !== len) {
    throw r.error('E9P_TRAILING', `trailing bytes: ${len - r.pos} left over after the message`);
  }
  return msg;
}
