// A growable little-endian writer that is reset and reused for every message, so encoding
// allocates only the caller's exact-size output. Each write checks that the value fits its
// wire width and throws CodecError('E9P_BAD_VALUE') naming the field otherwise. u32 fields
// also take negative int32 values (JavaScript's `|` yields them: DMDIR | 0o755 < 0) and write
// their unsigned equivalent; decoding always yields unsigned numbers.

import type { Qid } from '../../lib9/dir.js';
import { U64 } from '../../lib9/uarg.js';
import { CodecError } from './codec-error.js';

function bad(field: string, value: unknown, width: string): CodecError {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new CodecError('E9P_BAD_VALUE', `cannot encode ${field} = ${shown}: not a ${width}`);
}

/** Appends wire fields to an internal buffer that grows by doubling and is never shrunk. */
export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const want = this.pos + n;
    if (want <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < want) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number, field: string): void {
    if ((v & 0xff) !== v) throw bad(field, v, 'u8');
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number, field: string): void {
    if ((v & 0xffff) !== v) throw bad(field, v, 'u16');
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.pos);
    this.pos += 2;
  }

  /** Also takes a negative int32 as its two's-complement u32, so `DMDIR | 0o755` works. */
  u32(v: number, field: string): void {
    if (v >>> 0 !== v && (v | 0) !== v) throw bad(field, v, 'u32');
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  u64(v: bigint, field: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U64) throw bad(field, v, 'u64 bigint');
    this.ensure(8);
    this.buf.writeBigUInt64LE(v, this.pos);
    this.pos += 8;
  }

  qid(q: Qid, field: string): void {
    if (q === null || typeof q !== 'object') throw bad(field, q, 'qid');
    this.u8(q.type, `${field}.type`);
    this.u32(q.vers, `${field}.vers`);
    this.u64(q.path, `${field}.path`);
  }

  /** A string: len[2] + UTF-8, no NUL (intro(5)). */
  str(s: string, field: string): void {
    if (typeof s !== 'string') throw bad(field, s, 'string');
    const n = s.length;
    // Fast path: short ASCII strings are written char by char.
    if (n <= 64) {
      this.ensure(2 + n);
      const b = this.buf;
      let p = this.pos + 2;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === 0 || c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        b.writeUInt16LE(n, this.pos);
        this.pos = p;
        return;
      }
    }
    if (s.includes('\0')) throw new CodecError('E9P_BAD_VALUE', `cannot encode ${field}: NUL in string`);
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0xffff) throw new CodecError('E9P_BAD_VALUE', `cannot encode ${field}: ${len} bytes exceed a string's 65535`);
    this.ensure(2 + len);
    this.buf.writeUInt16LE(len, this.pos);
    this.buf.write(s, this.pos + 2, len, 'utf8');
    this.pos += 2 + len;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
}
