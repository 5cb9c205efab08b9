import { expect } from 'chai';
import { decode } from '../../../src/9p/codec/codec.js';
import { CodecError } from '../../../src/9p/codec/codec-error.js';
import { DEFAULT_MAX_FRAME, Framer } from '../../../src/9p/codec/framer.js';
import { frame, toHex } from '../../helpers/bytes.js';
import { prng } from '../../helpers/rng.js';
import { cases, vectors } from './codec-vectors.js';

function collect(maxSize = 1 << 20): { framer: Framer; frames: Buffer[] } {
  const frames: Buffer[] = [];
  const framer = new Framer((f) => frames.push(f), { maxSize });
  return { framer, frames };
}

function expectCode(fn: () => void, code: string, message: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(CodecError);
    expect((e as CodecError).code).to.equal(code);
    expect((e as CodecError).message).to.match(message);
    return;
  }
  throw new Error('did not throw');
}

describe('9P framer', () => {
  it('gives the same frame for every vector split at every offset', () => {
    let feeds = 0;
    for (const v of vectors) {
      for (let cut = 0; cut <= v.bytes.length; cut++) {
        const { framer, frames } = collect();
        framer.push(v.bytes.subarray(0, cut));
        framer.push(v.bytes.subarray(cut));
        expect(frames.length, `${v.name} cut at ${cut}`).to.equal(1);
        expect(toHex(frames[0]!)).to.equal(toHex(v.bytes));
        expect(framer.buffered).to.equal(0);
        feeds++;
      }
    }
    expect(feeds).to.be.greaterThan(vectors.length * 7);
  });

  it('gives the same frames fed one byte at a time, and they decode to the vectors', () => {
    const { framer, frames } = collect();
    for (const v of vectors) for (const b of v.bytes) framer.push(Uint8Array.of(b));
    expect(frames.map(toHex)).to.deep.equal(vectors.map((v) => toHex(v.bytes)));
    for (const { v, dialect } of cases()) {
      const f = frames[vectors.indexOf(v)]!;
      expect(decode(f, dialect)).to.deep.equal(v.msg);
    }
  });

  it('splits many frames in one chunk into views of that chunk (no copy)', () => {
    const all = Buffer.concat(vectors.map((v) => v.bytes));
    const { framer, frames } = collect();
    framer.push(all);
    expect(frames.map(toHex)).to.deep.equal(vectors.map((v) => toHex(v.bytes)));
    for (const f of frames) expect(f.buffer).to.equal(all.buffer);
  });

  it('offers each frame lying inside a chunk to inPlace first: one it takes is not handed out, a spanning one is never offered', () => {
    const all = Buffer.concat(vectors.map((v) => v.bytes));
    const offered: string[] = [];
    const frames: Buffer[] = [];
    // take every other frame offered
    const framer = new Framer((f) => frames.push(f), {
      maxSize: 1 << 20,
      inPlace: (chunk, at, size) => {
        offered.push(toHex(chunk.subarray(at, at + size)));
        return offered.length % 2 === 1;
      },
    });
    framer.push(all);
    const hex = vectors.map((v) => toHex(v.bytes));
    expect(offered).to.deep.equal(hex);
    expect(frames.map(toHex)).to.deep.equal(hex.filter((_, i) => i % 2 === 1));
    // a frame split across two chunks is assembled and handed out, not offered
    offered.length = 0;
    frames.length = 0;
    const one = vectors[0]!.bytes;
    framer.push(one.subarray(0, 5));
    framer.push(one.subarray(5));
    expect(offered).to.deep.equal([]);
    expect(frames.map(toHex)).to.deep.equal([toHex(one)]);
  });

  it('takes plain Uint8Array chunks at any byteOffset and counts what it holds', () => {
    const v = vectors.find((x) => x.name === 'Twalk')!;
    const backing = new Uint8Array(v.bytes.length * 2 + 3);
    backing.set(v.bytes, 3);
    backing.set(v.bytes, 3 + v.bytes.length);
    const { framer, frames } = collect();
    framer.push(backing.subarray(3, 3 + v.bytes.length + 5));
    expect(framer.buffered).to.equal(5);
    framer.push(backing.subarray(3 + v.bytes.length + 5));
    expect(framer.buffered).to.equal(0);
    expect(frames.map(toHex)).to.deep.equal([toHex(v.bytes), toHex(v.bytes)]);
    expect(frames[0]!.buffer).to.equal(backing.buffer);
  });

  it('gives the same frames for seeded random chunkings of the whole stream', () => {
    const seed = 1234;
    const rand = prng(seed);
    const all = Buffer.concat(vectors.map((v) => v.bytes));
    for (let round = 0; round < 200; round++) {
      const { framer, frames } = collect();
      let off = 0;
      while (off < all.length) {
        const n = 1 + Math.floor(rand() * 64);
        framer.push(all.subarray(off, off + n));
        off += n;
      }
      expect(frames.map(toHex), `seed ${seed} round ${round}`).to.deep.equal(vectors.map((v) => toHex(v.bytes)));
    }
  });

  it('assembles a 1 MiB frame from 64 KiB chunks into one exact-size buffer', () => {
    const size = 1 << 20;
    const big = Buffer.alloc(size);
    for (let i = 0; i < size; i++) big[i] = (i * 7) & 0xff;
    big.writeUInt32LE(size, 0);
    big[4] = 117;
    const { framer, frames } = collect(size);
    // start mid-chunk after a small frame, so the big one spans 17 chunks
    const stream = Buffer.concat([vectors[0]!.bytes, big, vectors[1]!.bytes]);
    for (let off = 0; off < stream.length; off += 65536) framer.push(stream.subarray(off, off + 65536));
    expect(frames.length).to.equal(3);
    expect(frames[1]!.equals(big)).to.equal(true);
    expect(frames[1]!.buffer.byteLength).to.equal(size);
    expect(toHex(frames[2]!)).to.equal(toHex(vectors[1]!.bytes));
  });

  it('E9P_MSG_TOO_SMALL: a size below 7, raised from the size field', () => {
    for (let size = 0; size < 7; size++) {
      const { framer, frames } = collect();
      const bad = Buffer.alloc(4);
      bad.writeUInt32LE(size, 0);
      expectCode(() => framer.push(Buffer.concat([vectors[0]!.bytes, bad])), 'E9P_MSG_TOO_SMALL', new RegExp(`^message too small: size ${size} is below the 7-byte header$`));
      // the frame before it was still delivered
      expect(frames.length).to.equal(1);
    }
  });

  it('E9P_MSG_TOO_LARGE: a size above the maximum, raised before the body is buffered', () => {
    const { framer, frames } = collect(8192);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(8193, 0);
    framer.push(head.subarray(0, 3));
    expect(framer.buffered).to.equal(3);
    expectCode(() => framer.push(head.subarray(3)), 'E9P_MSG_TOO_LARGE', /^message too large: size 8193 exceeds the maximum 8192$/);
    expect(frames.length).to.equal(0);
    // the stream is out of step: every later push fails the same way
    expectCode(() => framer.push(vectors[0]!.bytes), 'E9P_MSG_TOO_LARGE', /size 8193/);
    framer.reset();
    framer.push(vectors[0]!.bytes);
    expect(frames.length).to.equal(1);
    // a 4 GiB claim is refused without allocating it
    const huge = Buffer.from([0xff, 0xff, 0xff, 0xff]);
    expectCode(() => framer.push(huge), 'E9P_MSG_TOO_LARGE', /size 4294967295/);
  });

  it('applies a new maxSize set after version negotiation', () => {
    const frames: Buffer[] = [];
    const framer = new Framer((f) => frames.push(f));
    expect(framer.maxSize).to.equal(DEFAULT_MAX_FRAME);
    const read = frame(117, 1, (b) => b.u32(10000).raw(Buffer.alloc(10000)));
    expectCode(() => framer.push(read), 'E9P_MSG_TOO_LARGE', /exceeds the maximum 8192/);
    framer.reset();
    framer.maxSize = 65536;
    framer.push(read);
    expect(frames.length).to.equal(1);
    framer.maxSize = 20;
    expectCode(() => framer.push(read), 'E9P_MSG_TOO_LARGE', /exceeds the maximum 20/);
    expect(() => { framer.maxSize = 6; }).to.throw(RangeError);
  });
});
