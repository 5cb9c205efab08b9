// The number-built Rgetattr is byte for byte the frame encode() gives for the same reply.

import { expect } from 'chai';
import { encode } from '../../../src/9p/codec/codec.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import { encodeRgetattrBasicInto, encodeRgetattrInto, RGETATTR_SIZE, type GetattrNumbers } from '../../../src/9p/codec/rgetattr.js';

describe('codec: Rgetattr from numbers', () => {
  const a: GetattrNumbers = {
    valid: 0x7ff, qid: { type: 0, vers: 7, path: 0x1234_5678_9abcn }, mode: 0o100660, uid: 1000, gid: 0,
    nlink: 1, rdev: 0, size: 5 * 2 ** 30 + 3, blksize: 1048576, blocks: Math.ceil((5 * 2 ** 30 + 3) / 512),
    atimeSec: 1_700_000_000, atimeNsec: 5, mtimeSec: 2 ** 32 + 1, mtimeNsec: 0,
    ctimeSec: 1_600_000_000, ctimeNsec: 0, btimeSec: 0, btimeNsec: 0, gen: 0, dataVersion: Number.MAX_SAFE_INTEGER,
  };

  it('matches encode() for sizes above 4 GiB and values up to 2^53 - 1', () => {
    const buf = Buffer.alloc(RGETATTR_SIZE);
    const n = encodeRgetattrInto(buf, 0x1234, a);
    const big = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'number' && !['mode', 'uid', 'gid'].includes(k) ? BigInt(v) : v]));
    const want = encode({ ...big, type: MsgType.Rgetattr, tag: 0x1234 } as never, '9P2000.L');
    expect(n).to.equal(want.length);
    expect(buf.equals(want)).to.equal(true);
  });

  it('refuses a value that is not an exact non-negative integer', () => {
    const buf = Buffer.alloc(RGETATTR_SIZE);
    expect(() => encodeRgetattrInto(buf, 1, { ...a, size: -1 })).to.throw(/size/);
    expect(() => encodeRgetattrInto(buf, 1, { ...a, blocks: 2 ** 53 })).to.throw(/blocks/);
  });

  it('writes at an offset and touches nothing around the frame', () => {
    const buf = Buffer.alloc(RGETATTR_SIZE + 9, 0x55);
    const end = encodeRgetattrInto(buf, 0x1234, a, 4);
    expect(end).to.equal(4 + RGETATTR_SIZE);
    const whole = Buffer.alloc(RGETATTR_SIZE);
    encodeRgetattrInto(whole, 0x1234, a);
    expect(buf.subarray(4, end).equals(whole)).to.equal(true);
    expect([...buf.subarray(0, 4), ...buf.subarray(end)].every((b) => b === 0x55)).to.equal(true);
  });

  it('writes the basic attributes from its template as encodeRgetattrInto writes them, at any offset', () => {
    const basic = { ...a, valid: 0x7ff, rdev: 0, atimeNsec: 0, mtimeNsec: 0, ctimeNsec: 0, btimeSec: 0, btimeNsec: 0, gen: 0, dataVersion: 0 };
    for (const qid of [a.qid, { type: 0x80, vers: 0xffffffff, path: 2n ** 64n - 1n }]) {
      const want = Buffer.alloc(RGETATTR_SIZE);
      encodeRgetattrInto(want, 0xfffe, { ...basic, qid });
      const buf = Buffer.alloc(RGETATTR_SIZE + 3, 0x55);
      expect(encodeRgetattrBasicInto(buf, 0xfffe, { ...basic, qid }, 3)).to.equal(3 + RGETATTR_SIZE);
      expect(buf.subarray(3).equals(want)).to.equal(true);
    }
    expect(() => encodeRgetattrBasicInto(Buffer.alloc(RGETATTR_SIZE), 1, { ...basic, size: 2 ** 60 })).to.throw(/size/);
  });

  it('gives each call its own fields, whatever the call before wrote (wide values, other qids), and writes nothing when it throws', () => {
    const basic = { ...a, valid: 0x7ff, rdev: 0, atimeNsec: 0, mtimeNsec: 0, ctimeNsec: 0, btimeSec: 0, btimeNsec: 0, gen: 0, dataVersion: 0 };
    const wide = { ...basic, size: 2 ** 52 + 3, blocks: 2 ** 43, qid: { type: 0x80, vers: 7, path: 2n ** 60n + 5n } };
    for (const fields of [wide, basic, wide, { ...basic, qid: { type: 0, vers: 1, path: 2n ** 53n } }, basic]) {
      const want = Buffer.alloc(RGETATTR_SIZE);
      encodeRgetattrInto(want, 9, fields);
      const buf = Buffer.alloc(RGETATTR_SIZE);
      encodeRgetattrBasicInto(buf, 9, fields);
      expect(buf.equals(want)).to.equal(true);
    }
    for (const path of [-1n, 2n ** 64n]) {
      const buf = Buffer.alloc(RGETATTR_SIZE, 0x55);
      expect(() => encodeRgetattrBasicInto(buf, 1, { ...basic, qid: { type: 0, vers: 0, path } })).to.throw(/qid\.path/);
      expect(buf.every((b) => b === 0x55)).to.equal(true);
    }
    const buf = Buffer.alloc(RGETATTR_SIZE, 0x55);
    expect(() => encodeRgetattrBasicInto(buf, 1, { ...basic, blocks: -1 })).to.throw(/blocks/);
    expect(buf.every((b) => b === 0x55)).to.equal(true);
  });
});
