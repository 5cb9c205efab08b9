// A bounds-checked little-endian cursor over one frame. Every read checks the bytes it needs
// against `end` first and throws CodecError, so decoders never see partial data and never
// need their own checks (convM2S's single rule, hugelgupf's buffer overflow flag).

import { isUtf8 } from 'node:buffer';
import type { Qid } from '../../lib9/dir.js';
import { CodecError, type CodecErrorCode } from './codec-error.js';
import { msgTypeName } from './msg-type.js';

/** Reads the fields of one message from `buf[pos, end)`. */
export class Reader {
  buf: Buffer;
  pos: number;
  end: number;
  /** The frame's type and tag, for error messages (and CodecError.msgType/tag). */
  msgType: number;
  tag: number;

  constructor(buf: Buffer, pos = 0, end = buf.length, msgType = -1, tag = -1) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.msgType = msgType;
    this.tag = tag;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** A CodecError naming this frame's message type and carrying its tag. */
  error(code: CodecErrorCode, what: string): CodecError {
    const known = this.msgType >= 0;
    const prefix = known ? `${msgTypeName(this.msgType)}: ` : '';
    return new CodecError(code, prefix + what, known ? this.msgType : undefined, this.tag >= 0 ? this.tag : undefined);
  }

  need(n: number, field: string): void {
    if (this.end - this.pos < n) {
      throw this.error('E9P_SHORT', `message too short: ${field} needs ${n} bytes at offset ${this.pos}, only ${this.end - this.pos} left`);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(field: string): bigint {
    this.need(8, field);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  qid(field: string): Qid {
    this.need(13, field);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 13;
    return { type: b[p]!, vers: b.readUInt32LE(p + 1), path: b.readBigUInt64LE(p + 5) };
  }

  /** `n` bytes as a view into the frame (no copy). */
  bytes(n: number, field: string): Buffer {
    this.need(n, field);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A string: len[2] then that many bytes of UTF-8 without NUL (intro(5)). */
  str(field: string): string {
    this.need(2, field);
    const b = this.buf;
    const len = b.readUInt16LE(this.pos);
    const start = this.pos + 2;
    const stop = start + len;
    if (stop > this.end) {
      throw this.error('E9P_BAD_STRING', `bad string length: ${field} claims ${len} bytes at offset ${this.pos}, only ${this.end - start} left`);
    }
    this.pos = stop;
    if (len === 0) return '';
    // Fast path: short printable-ASCII strings (names, unames) need no UTF-8 decoder.
    if (len <= 64) {
      let s = '';
      let i = start;
      for (; i < stop; i++) {
        const c = b[i]!;
        if (c === 0 || c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === stop) return s;
    }
    const view = b.subarray(start, stop);
    if (view.indexOf(0) !== -1) {
      throw this.error('E9P_NUL_IN_STRING', `NUL in string: ${field} at offset ${start + view.indexOf(0)}`);
    }
    if (!isUtf8(view)) {
      throw this.error('E9P_BAD_UTF8', `invalid UTF-8 in string: ${field} at offset ${start}`);
    }
    return view.toString('utf8');
  }
}
