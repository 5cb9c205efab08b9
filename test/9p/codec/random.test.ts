// Random and mutated input: decoding any bytes ends in a message or a CodecError, never
// another exception and never a hang. The seed is printed; replay one with
// SEGFS_RANDOM_SEED=<seed>.

import { expect } from 'chai';
import { decode, encode } from '../../../src/9p/codec/codec.js';
import { CodecError } from '../../../src/9p/codec/codec-error.js';
import { DIALECTS, type Dialect } from '../../../src/9p/codec/dialect.js';
import { Framer } from '../../../src/9p/codec/framer.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import type { Fcall } from '../../../src/9p/codec/types.js';
import { toHex } from '../../helpers/bytes.js';
import { prng } from '../../helpers/rng.js';
import { vectors } from './codec-vectors.js';

const FRAMES = 120_000;
const seed = process.env.SEGFS_RANDOM_SEED ? Number(process.env.SEGFS_RANDOM_SEED) : (Date.now() ^ (process.pid << 8)) >>> 0;
const KNOWN_TYPES = Object.values(MsgType).filter((v): v is number => typeof v === 'number');

/** Decodes `bytes`; returns the message, or null for a CodecError; anything else fails the test. */
function tryDecode(bytes: Buffer, dialect: Dialect, what: string): Fcall | null {
  try {
    return decode(bytes, dialect);
  } catch (e) {
    if (e instanceof CodecError) return null;
    throw new Error(`seed ${seed}: ${what} (${dialect}) threw ${String(e)} for ${toHex(bytes)}`);
  }
}

describe('9P codec: random and mutated frames', function () {
  this.timeout(60_000);
  let rand: () => number;
  const int = (n: number) => Math.floor(rand() * n);

  before(() => {
    console.log(`      random seed ${seed} (replay: SEGFS_RANDOM_SEED=${seed})`);
    rand = prng(seed);
  });

  function mutate(src: Buffer): Buffer {
    let b = Buffer.from(src);
    const steps = 1 + int(4);
    for (let s = 0; s < steps; s++) {
      switch (int(9)) {
        case 0: if (b.length) b[int(b.length)] ^= 1 << int(8); break;
        case 1: if (b.length) b[int(b.length)] = int(256); break;
        case 2: b = Buffer.concat([b.subarray(0, int(b.length + 1)), Buffer.from([int(256)]), b.subarray(int(b.length + 1))]); break;
        case 3: { const at = int(b.length + 1); b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]); break; }
        case 4: b = b.subarray(0, int(b.length + 1)); break;
        case 5: b = Buffer.concat([b, Buffer.from(Array.from({ length: 1 + int(8) }, () => int(256)))]); break;
        case 6: if (b.length >= 5) b[4] = KNOWN_TYPES[int(KNOWN_TYPES.length)]!; break;
        case 7: if (b.length >= 9) { const at = 7 + int(b.length - 8); b[at] = 0xff; b[at + 1] = 0xff; } break;
        default: break;
      }
    }
    // usually make the size field agree, so decoding goes past the header checks
    if (b.length >= 4 && rand() < 0.85) b.writeUInt32LE(b.length, 0);
    return b;
  }

  function randomFrame(): Buffer {
    const len = int(80);
    const b = Buffer.alloc(len);
    for (let i = 0; i < len; i++) b[i] = rand() < 0.3 ? 0 : int(256);
    if (len >= 4 && rand() < 0.9) b.writeUInt32LE(len, 0);
    if (len >= 5 && rand() < 0.9) b[4] = KNOWN_TYPES[int(KNOWN_TYPES.length)]!;
    return b;
  }

  it(`decodes ${FRAMES} random and mutated frames to a message or a CodecError, and messages re-encode to the same bytes`, () => {
    let messages = 0;
    let errors = 0;
    for (let i = 0; i < FRAMES; i++) {
      const bytes = i % 4 === 0 ? randomFrame() : mutate(vectors[int(vectors.length)]!.bytes);
      const dialect = DIALECTS[int(3)]!;
      const msg = tryDecode(bytes, dialect, `frame ${i}`);
      if (msg === null) { errors++; continue; }
      messages++;
      // decoding is canonical: what decodes re-encodes to exactly the same frame
      const again = encode(msg, dialect);
      if (!again.equals(bytes)) throw new Error(`seed ${seed}: frame ${i} (${dialect}) re-encoded as ${toHex(again)}, was ${toHex(bytes)}`);
    }
    console.log(`      ${messages} decoded, ${errors} rejected with CodecError`);
    expect(messages + errors).to.equal(FRAMES);
    expect(messages).to.be.greaterThan(1000);
    expect(errors).to.be.greaterThan(1000);
  });

  it('feeds random byte streams to the framer: frames or a CodecError, never anything else', () => {
    for (let round = 0; round < 2000; round++) {
      const framer = new Framer(() => {}, { maxSize: 4096 });
      const stream = Buffer.concat(Array.from({ length: 1 + int(6) }, () => (rand() < 0.5 ? randomFrame() : mutate(vectors[int(vectors.length)]!.bytes))));
      let off = 0;
      try {
        while (off < stream.length) {
          const n = 1 + int(40);
          framer.push(stream.subarray(off, off + n));
          off += n;
        }
      } catch (e) {
        if (!(e instanceof CodecError)) throw new Error(`seed ${seed}: framer round ${round} threw ${String(e)} for ${toHex(stream)}`);
      }
    }
  });
});
