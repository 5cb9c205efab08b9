// Mutations of an encoded request frame. "In step" mutations keep size[4] equal to the
// frame's length, so the byte stream stays framed and later frames are still read; "out of
// step" ones (a size field that lies, a frame cut short, an R-message type) end a batch,
// since the server must then close the connection or lose the frames behind them.

import { MsgType } from '../src/public/9p.js';
import { pick, randInt } from './context.js';

export type InStep = 'bitflip' | 'typeswap' | 'truncate' | 'extend' | 'byteset';
export type OutOfStep = 'sizelie' | 'cut' | 'rtype';

const T_TYPES = Object.values(MsgType).filter((v): v is number => typeof v === 'number' && (v & 1) === 0);

/** A copy of `frame` with one in-step mutation. */
export function mutateInStep(rng: () => number, frame: Buffer, kind: InStep): Buffer {
  const b = Buffer.from(frame);
  switch (kind) {
    case 'bitflip': {
      const n = 1 + randInt(rng, 8);
      for (let i = 0; i < n && b.length > 4; i++) {
        const at = 4 + randInt(rng, b.length - 4);
        b[at] = b[at]! ^ (1 << randInt(rng, 8));
      }
      return b;
    }
    case 'byteset': {
      // a field set to 0x00 or 0xff runs: counts, lengths and fids at their extremes
      if (b.length <= 7) return b;
      const at = 7 + randInt(rng, b.length - 7);
      const len = Math.min(b.length - at, pick(rng, [1, 2, 4, 8]));
      b.fill(pick(rng, [0, 0xff, 0x7f, 0x80]), at, at + len);
      return b;
    }
    case 'typeswap':
      b[4] = rng() < 0.8 ? pick(rng, T_TYPES) : randInt(rng, 128) & ~1;
      return b;
    case 'truncate': {
      const len = 7 + randInt(rng, Math.max(1, b.length - 7));
      const t = b.subarray(0, len);
      t.writeUInt32LE(len, 0);
      return Buffer.from(t);
    }
    case 'extend': {
      const extra = Buffer.alloc(1 + randInt(rng, 16), randInt(rng, 256));
      const out = Buffer.concat([b, extra]);
      out.writeUInt32LE(out.length, 0);
      return out;
    }
  }
}

/** A copy of `frame` with one out-of-step mutation. */
export function mutateOutOfStep(rng: () => number, frame: Buffer, kind: OutOfStep): Buffer {
  const b = Buffer.from(frame);
  switch (kind) {
    case 'sizelie':
      b.writeUInt32LE(pick(rng, [0, 3, 6, b.length - 1, b.length + 1, b.length + 1000, 0x7fffffff, 0xffffffff, (1 << 20) + 1, randInt(rng, 0x100000000)]) >>> 0, 0);
      return b;
    case 'cut':
      return b.subarray(0, randInt(rng, b.length));
    case 'rtype':
      b[4] = (b[4]! | 1) & 0xff;
      return b;
  }
}

export const IN_STEP: readonly InStep[] = ['bitflip', 'bitflip', 'byteset', 'typeswap', 'truncate', 'extend'];
export const OUT_OF_STEP: readonly OutOfStep[] = ['sizelie', 'sizelie', 'cut', 'rtype'];
