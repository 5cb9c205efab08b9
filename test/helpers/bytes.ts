// Test-only byte builders: write a frame out field by field (little-endian, as on the wire)
// without going through the codec under test, and parse hex as printed in the specs.

/** Accumulates wire fields; every method returns `this` for chaining. */
export class Bytes {
  private readonly out: number[] = [];

  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }

  u64(v: bigint): this {
    for (let i = 0n; i < 8n; i++) this.u8(Number((v >> (8n * i)) & 0xffn));
    return this;
  }

  /** len[2] then the UTF-8 bytes. */
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    this.u16(b.length);
    return this.raw(b);
  }

  qid(type: number, vers: number, path: bigint): this {
    return this.u8(type).u32(vers).u64(path);
  }

  raw(bytes: Uint8Array | readonly number[]): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  get length(): number {
    return this.out.length;
  }

  build(): Buffer {
    return Buffer.from(this.out);
  }
}

/** A whole frame: size[4] (computed) type[1] tag[2] then what `body` writes. */
export function frame(type: number, tag: number, body?: (b: Bytes) => unknown): Buffer {
  const b = new Bytes();
  body?.(b);
  const inner = b.build();
  return new Bytes().u32(7 + inner.length).u8(type).u16(tag).raw(inner).build();
}

/** Bytes from hex text; whitespace is ignored ("15000000 64 ffff"). */
export function hex(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`bad hex: ${text}`);
  return Buffer.from(clean, 'hex');
}

/** Hex text of bytes, for failure messages. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
