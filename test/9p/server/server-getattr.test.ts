// Tgetattr through a whole server: pipelined requests in one chunk get their replies in
// order and whole, and a reply that cannot be laid out (a length beyond 2^53) becomes EIO for
// its request alone, logged as an internal error, with the replies around it intact.

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { EIO } from '../../../src/lib9/errno.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import type { Chan } from '../../../src/dev/dev.js';
import type { Dir } from '../../../src/lib9/dir.js';
import { pairWith } from '../../helpers/ninep-wire.js';

/** A ramfs whose file `huge` claims 2^60 bytes. */
class HugeFs extends RamFs {
  override stat(c: Chan): Dir {
    const d = super.stat(c);
    return d.name === 'huge' ? { ...d, length: 2n ** 60n } : d;
  }
}

describe('9P server: Tgetattr', () => {
  it('answers pipelined Tgetattrs in order; one that cannot be encoded gets EIO alone', async () => {
    const logged: string[] = [];
    const { client } = pairWith(new HugeFs('eve'), '9P2000.L', { log: (l) => logged.push(l) });
    await client.version(8192);
    await client.attach(0, 'glenda');
    for (const [fid, name] of [[1, 'small'], [2, 'huge']] as const) {
      await client.walk(0, fid);
      await client.call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: 1, fid, name, flags: 2, mode: 0o644, gid: 0 });
    }
    await client.write(1, 0, 'hello');
    const fids = [1, 2, 1, 0, 2, 1];
    const frames = fids.map((fid, i) => encode({ type: MsgType.Tgetattr, tag: 10 + i, fid, requestMask: 0x7ffn }, '9P2000.L'));
    const replies: Promise<Fcall>[] = fids.map((_, i) => client.wait(10 + i));
    client.sendRaw(Buffer.concat(frames));
    const got = await Promise.all(replies);
    got.forEach((r, i) => {
      if (fids[i] === 2) {
        expect(r).to.deep.equal({ type: MsgType.Rlerror, tag: 10 + i, ecode: EIO });
        return;
      }
      expect(r.type).to.equal(MsgType.Rgetattr);
      const a = r as Fcall & { size: bigint; mode: number; nlink: bigint };
      expect(a.size).to.equal(fids[i] === 1 ? 5n : 0n);
      expect(a.nlink).to.equal(fids[i] === 0 ? 2n : 1n);
    });
    expect(logged.filter((l) => /internal error in Tgetattr/.test(l))).to.have.length(2);
  });
});
