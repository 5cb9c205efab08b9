// Random requests against the #g server, in each dialect: sequences of plausible messages
// (random fids, names, modes, offsets, ctl text) mixed with corrupted frames. Whatever
// arrives, the server must answer every request it accepted or close that one connection,
// never throw, and keep serving new connections. Seeded; the seed is printed.

import { expect } from 'chai';
import { encode } from '../../../src/9p/codec/codec.js';
import { NOFID, NOTAG } from '../../../src/9p/codec/constants.js';
import { DMDIR } from '../../../src/lib9/modes.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { segmentDevice } from '../../../src/serve/serve.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import { duplexPair } from '../../helpers/pair.js';
import { TestClient } from '../../helpers/ninep-wire.js';
import { prng } from '../../helpers/rng.js';


const NAMES = ['ex', 'ctl', 'data', '..', '.', 'shared', 'nosuch', '', 'a/b', 'x'.repeat(130), 'seg1'];
const PATHS: string[][] = [[], ['ex'], ['ex', 'ctl'], ['ex', 'data'], ['seg1', 'ctl'], ['seg1', 'data'], ['ex', '..', 'seg1']];
const CTL = ['va 0x10000000 0x1000\n', 'va 0 0', 'foo', '', 'va 0x20000000 0x2000 sticky', 'va -1 1', 'va 0x10000000'];

function randomRequest(r: () => number, dialect: Dialect, tag: number): Fcall {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const fid = Math.floor(r() * 6);
  const newfid = 1 + Math.floor(r() * 5);
  const path = (): string[] => r() < 0.6 ? pick(PATHS) : Array.from({ length: Math.floor(r() * 4) }, () => pick(NAMES));
  const small = () => (r() < 0.5 ? 0n : BigInt(Math.floor(r() * 5000)));
  const common: Fcall[] = [
    { type: MsgType.Tattach, tag, fid, afid: NOFID, uname: pick(['glenda', 'eve', 'other', '']), aname: pick(['', '/', '#g', 'x']) },
    { type: MsgType.Twalk, tag, fid: r() < 0.6 ? 0 : fid, newfid, wname: path() },
    { type: MsgType.Twalk, tag, fid: r() < 0.6 ? 0 : fid, newfid, wname: path() },
    { type: MsgType.Tread, tag, fid, offset: r() < 0.1 ? 1n << 63n : small(), count: Math.floor(r() * 9000) },
    { type: MsgType.Tread, tag, fid, offset: small(), count: 128 },
    { type: MsgType.Twrite, tag, fid, offset: small(), data: Buffer.from(pick(CTL)) },
    { type: MsgType.Twrite, tag, fid, offset: small(), data: Buffer.from(pick(CTL)) },
    { type: MsgType.Tclunk, tag, fid },
    { type: MsgType.Tremove, tag, fid },
    { type: MsgType.Tflush, tag, oldtag: Math.floor(r() * 20) },
  ];
  const base: Fcall[] = dialect === '9P2000.L' ? [
    { type: MsgType.Tlopen, tag, fid, flags: r() < 0.8 ? Math.floor(r() * 3) | 0o100000 : Math.floor(r() * 0o4000000) },
    { type: MsgType.Tlopen, tag, fid, flags: Math.floor(r() * 3) },
    { type: MsgType.Tlcreate, tag, fid, name: pick(NAMES), flags: Math.floor(r() * 4), mode: Math.floor(r() * 0o200000), gid: 0 },
    { type: MsgType.Tmkdir, tag, dfid: fid, name: pick(NAMES), mode: 0o40777, gid: 0 },
    { type: MsgType.Tgetattr, tag, fid, requestMask: 0x7ffn },
    {
      type: MsgType.Tsetattr, tag, fid, valid: Math.floor(r() * 0x200), mode: Math.floor(r() * 0o1000), uid: Math.floor(r() * 3) === 0 ? 0 : 0xffffffff,
      gid: 0xffffffff, size: r() < 0.5 ? 0n : small(), atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
    },
    { type: MsgType.Treaddir, tag, fid, offset: BigInt(Math.floor(r() * 5)), count: Math.floor(r() * 400) },
    { type: MsgType.Tunlinkat, tag, dirfid: fid, name: pick(NAMES), flags: r() < 0.5 ? 0 : 0x200 },
    { type: MsgType.Txattrwalk, tag, fid, newfid, name: pick(['', 'security.capability']) },
    { type: MsgType.Tstatfs, tag, fid },
  ] : [
    { type: MsgType.Topen, tag, fid, mode: r() < 0.8 ? Math.floor(r() * 3) : Math.floor(r() * 256) },
    { type: MsgType.Topen, tag, fid, mode: Math.floor(r() * 3) },
    { type: MsgType.Tcreate, tag, fid, name: pick(NAMES), perm: r() < 0.7 ? (DMDIR | 0o777) >>> 0 : 0o666, mode: Math.floor(r() * 0x80), extension: dialect === '9P2000.u' ? '' : undefined } as Fcall,
    { type: MsgType.Tstat, tag, fid },
    {
      type: MsgType.Twstat, tag, fid,
      stat: {
        type: 0xffff, dev: 0xffffffff, qid: { type: 0xff, vers: 0xffffffff, path: 0xffffffffffffffffn },
        mode: r() < 0.5 ? 0xffffffff : Math.floor(r() * 0o1000) | (r() < 0.2 ? DMDIR : 0), atime: 0xffffffff, mtime: 0xffffffff,
        length: r() < 0.7 ? 0xffffffffffffffffn : 0n, name: '', uid: r() < 0.2 ? 'other' : '', gid: '', muid: '',
        ...(dialect === '9P2000.u' ? { extension: '', nUid: 0xffffffff, nGid: 0xffffffff, nMuid: 0xffffffff } : {}),
      },
    },
  ];
  if (fid === 0 && r() < 0.3) return common[0]!;
  if (r() < 0.15) {
    // keep the tree populated: mkdir ex / seg1 through fid 0's clone in fid 5
    return dialect === '9P2000.L'
      ? { type: MsgType.Tmkdir, tag, dfid: 0, name: pick(['ex', 'seg1']), mode: 0o40777, gid: 0 }
      : { type: MsgType.Twalk, tag, fid: 0, newfid: 5, wname: [] };
  }
  return pick([...common, ...base]);
}

describe('9P server: random requests never break it', function () {
  this.timeout(20000);
  const seed = Number(process.env.SEGFS_SEED ?? Date.now() % 1e9);

  for (const dialect of ['9P2000', '9P2000.u', '9P2000.L'] as Dialect[]) {
    it(`${dialect}: 3000 random requests and corrupted frames (seed ${seed})`, async () => {
      console.log(`    seed ${seed} (SEGFS_SEED=${seed} to repeat)`);
      const r = prng(seed + dialect.length);
      const logs: string[] = [];
      const server = new NinepServer({ dev: segmentDevice('eve'), eve: 'eve', log: (l) => logs.push(l) });
      const connectClient = async (): Promise<TestClient> => {
        const [a, b] = duplexPair();
        server.accept(a);
        const c = new TestClient(b, dialect);
        await c.rpc({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: dialect });
        return c;
      };
      let c = await connectClient();
      let closes = 0;
      for (let batch = 0; batch < 100; batch++) {
        const tags: number[] = [];
        const frames: Buffer[] = [];
        for (let i = 0; i < 30; i++) {
          const tag = batch * 30 + i;
          let frame = encode(randomRequest(r, dialect, tag % 60000), dialect);
          if (r() < 0.03) {
            // corrupt a byte after the size field
            frame = Buffer.from(frame);
            frame[4 + Math.floor(r() * (frame.length - 4))] = Math.floor(r() * 256);
          } else {
            tags.push(tag % 60000);
          }
          frames.push(frame);
        }
        const answered = Promise.all(tags.map((t) => Promise.race([c.wait(t), c.whenClosed()])));
        c.sendRaw(Buffer.concat(frames));
        await answered;
        if (c.closed) {
          closes++;
          c = await connectClient();
        }
      }
      expect(logs, logs.join('\n')).to.deep.equal([]);
      // still serving
      const fresh = await connectClient();
      const t: Fcall = { type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'glenda', aname: '' };
      if (dialect !== '9P2000') t.nUname = 0xffffffff;
      expect((await fresh.rpc(t)).type).to.equal(MsgType.Rattach);
      expect(closes).to.be.lessThan(100);
    });
  }
});
