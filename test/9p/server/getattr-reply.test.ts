// Rgetattr laid out in place is byte for byte the frame encode() gives for the Rgetattr
// built field by field from the same Dir, wherever in a buffer it is written.

import { expect } from 'chai';
import type { Dir } from '../../../src/lib9/dir.js';
import { DMDIR, QTDIR } from '../../../src/lib9/modes.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { GETATTR_BASIC, linuxMode } from '../../../src/9p/codec/linux.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import type { Rgetattr } from '../../../src/9p/codec/types.js';
import { RgetattrReply } from '../../../src/9p/server/getattr-reply.js';
import { UserTable } from '../../../src/9p/server/users.js';

const users = new UserTable('eve');
users.bind('glenda', 1000);

function dir(over: Partial<Dir>): Dir {
  return {
    type: 0x67, dev: 0, qid: { type: 0, vers: 3, path: 0x1_0000_0013n }, mode: 0o640,
    atime: 1_700_000_123, mtime: 1_600_000_000, length: 5n * 2n ** 30n + 7n,
    name: 'data', uid: 'glenda', gid: 'eve', muid: 'glenda', ...over,
  };
}

/** The reply as the handler built it before it wrote in place: every field from the Dir. */
function expected(tag: number, d: Dir, msize: number): Buffer {
  const isDir = (d.mode & DMDIR) !== 0;
  const size = isDir ? 0n : d.length;
  const r: Rgetattr = {
    type: MsgType.Rgetattr, tag, valid: GETATTR_BASIC, qid: d.qid, mode: linuxMode(d.mode),
    uid: users.numberOf(d.uid), gid: users.numberOf(d.gid), nlink: isDir ? 2n : 1n, rdev: 0n,
    size, blksize: BigInt(msize - 24), blocks: (size + 511n) / 512n,
    atimeSec: BigInt(d.atime), atimeNsec: 0n, mtimeSec: BigInt(d.mtime), mtimeNsec: 0n,
    ctimeSec: BigInt(d.mtime), ctimeNsec: 0n, btimeSec: 0n, btimeNsec: 0n, gen: 0n, dataVersion: 0n,
  };
  return encode(r, '9P2000.L');
}

describe('9p server: Rgetattr written in place', () => {
  it('matches encode() for a file above 4 GiB and for a directory, at any offset', () => {
    const cases = [
      dir({}),
      dir({ qid: { type: QTDIR, vers: 0, path: 9n }, mode: (DMDIR | 0o777) >>> 0, length: 0n, uid: 'eve', gid: 'other' }),
      dir({ length: 0n, uid: '2001' }),
    ];
    for (const d of cases) {
      const want = expected(0xbeef, d, 65536);
      const r = new RgetattrReply(0xbeef, d, users, 65536);
      expect(r.frameSize).to.equal(want.length);
      const buf = Buffer.alloc(r.frameSize + 10, 0xaa);
      r.writeInto(buf, 5);
      expect(buf.subarray(5, 5 + r.frameSize).equals(want)).to.equal(true);
      expect([...buf.subarray(0, 5), ...buf.subarray(5 + r.frameSize)].every((b) => b === 0xaa)).to.equal(true);
    }
  });

  it('throws for a length beyond 2^53 when written, not when built', () => {
    const r = new RgetattrReply(1, dir({ length: 2n ** 60n }), users, 8192);
    expect(() => r.writeInto(Buffer.alloc(r.frameSize), 0)).to.throw(/size/);
  });
});
