// The client's reply splitter: however the server's bytes are cut into reads, every reply comes
// out whole and in order, an Rread whose request named a destination lands in it (and nowhere
// else), frames cut from a reused read buffer stay intact afterwards, and a bad size[4] or an
// Rread larger than asked stops the stream for good.

import { expect } from 'chai';
import { encode } from '../../../src/9p/codec/codec.js';
import { CodecError } from '../../../src/9p/codec/codec-error.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import { ReplyReader, type ReplyHandler } from '../../../src/9p/client/reply-reader.js';

const bytes = (n: number, seed: number): Buffer => {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 13 + seed + (i >> 8)) & 0xff;
  return b;
};

/** Replies of every shape: short frames, Rreads into destinations and not, an empty one, an error. */
const replies: Fcall[] = [
  { type: MsgType.Rclunk, tag: 1 },
  { type: MsgType.Rread, tag: 2, data: bytes(70000, 1) },
  { type: MsgType.Rread, tag: 3, data: bytes(5, 2) },
  { type: MsgType.Rerror, tag: 4, ename: 'file does not exist' },
  { type: MsgType.Rread, tag: 5, data: bytes(0, 0) },
  { type: MsgType.Rread, tag: 6, data: bytes(40000, 3) },
  { type: MsgType.Rclunk, tag: 7 },
  { type: MsgType.Rread, tag: 8, data: bytes(3, 4) },
  { type: MsgType.Rread, tag: 9, data: bytes(50000, 5) },
];
/** The tags whose Tread named a destination (of exactly the count asked). */
const withDest = new Set([2, 5, 6, 8]);
const wire = Buffer.concat(replies.map((r) => encode(r, '9P2000')));

/** What a reader handed out: frames (copied at once, so later overwrites of a chunk show) and finished destinations. */
interface Seen {
  events: string[];
  dests: Map<number, Uint8Array>;
  frames: Buffer[];
}

function reader(maxSize = 1 << 20): { r: ReplyReader; seen: Seen } {
  const seen: Seen = { events: [], dests: new Map(), frames: [] };
  const h: ReplyHandler = {
    destination: (tag, count) => {
      if (!withDest.has(tag)) return undefined;
      const want = (replies.find((f) => f.tag === tag) as { data: Uint8Array }).data.length;
      if (count > want) throw new Error(`Rread of ${count} bytes to a Tread of ${want}`);
      const d = new Uint8Array(want);
      seen.dests.set(tag, d);
      return d;
    },
    readDone: (tag, count) => { seen.events.push(`read ${tag} ${count}`); },
    frame: (f) => { seen.frames.push(f); seen.events.push(`frame ${f.readUInt16LE(5)}`); },
  };
  return { r: new ReplyReader(h, maxSize), seen };
}

function expectAll(seen: Seen): void {
  expect(seen.events).to.deep.equal(replies.map((f) => (withDest.has(f.tag) ? `read ${f.tag} ${(f as { data: Uint8Array }).data.length}` : `frame ${f.tag}`)));
  let i = 0;
  for (const f of replies) {
    if (withDest.has(f.tag)) {
      expect(Buffer.from(seen.dests.get(f.tag)!).equals((f as { data: Uint8Array }).data), `payload ${f.tag}`).to.equal(true);
    } else {
      expect(seen.frames[i++]!.equals(encode(f, '9P2000')), `frame ${f.tag}`).to.equal(true);
    }
  }
}

describe('9P client: reply reader', () => {
  it('hands out every reply whole and in order however the stream is cut in two, reused or kept', () => {
    for (const transient of [false, true]) {
      for (let cut = 0; cut <= wire.length; cut += cut < 40 || wire.length - cut < 40 ? 1 : 997) {
        const { r, seen } = reader();
        // a reused read buffer: each chunk is overwritten as soon as push returns
        const feed = (b: Buffer): void => {
          const c = transient ? Buffer.from(b) : b;
          r.push(c, transient);
          if (transient) c.fill(0xee);
        };
        feed(wire.subarray(0, cut));
        feed(wire.subarray(cut));
        expectAll(seen);
      }
    }
  });

  it('reads byte by byte just the same', () => {
    const { r, seen } = reader();
    const one = Buffer.alloc(1);
    for (const b of wire) {
      one[0] = b;
      r.push(one, true);
    }
    expectAll(seen);
  });

  it('lets the socket read large payloads and frames in place, and still gets every byte right', () => {
    let inPlace = 0;
    for (const step of [4096, 65536, 200000]) {
      const { r, seen } = reader();
      const scratch = Buffer.alloc(step);
      let at = 0;
      while (at < wire.length) {
        // what a socket does: read into the buffer the reader names, or its own
        const into = r.nextBuffer() ?? scratch;
        if (into !== scratch) inPlace++;
        const n = Math.min(into.length, step, wire.length - at);
        into.set(wire.subarray(at, at + n));
        at += n;
        r.push(into.subarray(0, n), true);
        scratch.fill(0xee);
      }
      expectAll(seen);
    }
    expect(inPlace).to.be.greaterThan(0);
  });

  it('refuses a bad size[4] or an Rread larger than asked, then refuses everything after', () => {
    const tooSmall = reader();
    expect(() => tooSmall.r.push(Buffer.from([6, 0, 0, 0, 0, 0, 0]), false)).to.throw(CodecError, /too small/);
    expect(() => tooSmall.r.push(encode(replies[0]!, '9P2000'), false)).to.throw(CodecError, /too small/);

    const tooLarge = reader(1000);
    expect(() => tooLarge.r.push(wire, false)).to.throw(CodecError, /too large: size 70011 exceeds the maximum 1000/);
    expect(tooLarge.seen.events).to.deep.equal(['frame 1']);

    const over = reader();
    const big = encode({ type: MsgType.Rread, tag: 8, data: bytes(4, 0) }, '9P2000');
    expect(() => over.r.push(big.subarray(0, 9), false)).to.not.throw();
    expect(() => over.r.push(big.subarray(9), false)).to.throw(/Rread of 4 bytes to a Tread of 3/);
    expect(() => over.r.push(encode(replies[0]!, '9P2000'), false)).to.throw(/Rread of 4 bytes/);
    expect(over.seen.events).to.deep.equal([]);
  });
});
