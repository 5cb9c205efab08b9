// Every reply fits the connection's msize: user and attach names are bounded, so one user's
// long name cannot make another's listing or stat too big; a reply that still cannot fit
// (a 256-byte msize and a long name) is an error for that request alone, and the connection
// goes on. Each dialect, at msize 256 and 8192.

import { expect } from 'chai';
import { NOFID, NONUNAME } from '../../../src/9p/codec/constants.js';
import type { Dev } from '../../../src/dev/dev.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { MAX_FNAME, MAX_UNAME } from '../../../src/9p/server/names.js';
import { ENAMETOOLONG, EINVAL } from '../../../src/lib9/errno.js';
import { DMDIR, OREAD } from '../../../src/lib9/modes.js';
import { kernelDevices } from '../../../src/serve/serve.js';
import { anamesOf } from '../../../src/serve/device-tree.js';
import { TestClient } from '../../helpers/ninep-wire.js';
import { RamFs } from '../../../examples/ramfs.js';
import { duplexPair } from '../../helpers/pair.js';

const DIALECTS: Dialect[] = ['9P2000', '9P2000.u', '9P2000.L'];

/** The error a dialect carries for a Plan 9 string: the string, or (9P2000.L) its errno. */
const err = (d: Dialect, s: string, errno: number): string | number => (d === '9P2000.L' ? errno : s);

function server(log: string[], dev: Dev = kernelDevices('eve')): NinepServer {
  return new NinepServer({ dev, anames: anamesOf(dev), eve: 'eve', log: (l) => log.push(l) });
}

async function connect(s: NinepServer, dialect: Dialect, msize: number): Promise<TestClient> {
  const [a, b] = duplexPair();
  s.accept(a);
  const c = new TestClient(b, dialect);
  expect((await c.version(msize)).msize).to.equal(msize);
  return c;
}

/**
 * Lists directory `fid` (opened here) to the end in the client's dialect: 'ok', or the first
 * error. (In 9P2000.L `.` and `..` come first, then the one entry these trees hold.)
 */
async function list(c: TestClient, fid: number): Promise<'ok' | string | number> {
  const dir = await c.walkTo(fid, '');
  await c.lopenOrOpen(dir, OREAD);
  const count = 8192;
  let offset = 0n;
  for (;;) {
    const r = await c.rpc(c.dialect === '9P2000.L'
      ? { type: MsgType.Treaddir, tag: c.tag(), fid: dir, offset, count }
      : { type: MsgType.Tread, tag: c.tag(), fid: dir, offset, count });
    if (r.type === MsgType.Rerror) return r.ename;
    if (r.type === MsgType.Rlerror) return r.ecode;
    const n = r.type === MsgType.Rread || r.type === MsgType.Rreaddir ? r.data.length : 0;
    if (n === 0 || (c.dialect === '9P2000.L' && offset !== 0n)) break;
    offset = c.dialect === '9P2000.L' ? 2n : offset + BigInt(n);
  }
  await c.clunk(dir);
  return 'ok';
}

/** Tstat or Tgetattr of `fid`: 'ok' or the error. */
async function stat(c: TestClient, fid: number): Promise<'ok' | string | number> {
  const r = await c.rpc(c.dialect === '9P2000.L'
    ? { type: MsgType.Tgetattr, tag: c.tag(), fid, requestMask: 0x7ffn }
    : { type: MsgType.Tstat, tag: c.tag(), fid });
  if (r.type === MsgType.Rerror) return r.ename;
  if (r.type === MsgType.Rlerror) return r.ecode;
  return 'ok';
}

function attachOf(c: TestClient, uname: string, aname = ''): Promise<string | number> {
  return c.error({ type: MsgType.Tattach, tag: c.tag(), fid: c.newFid(), afid: NOFID, uname, aname, nUname: c.dialect === '9P2000' ? undefined : NONUNAME });
}

describe('9P server: names bounded, replies inside msize', () => {
  for (const d of DIALECTS) {
    it(`${d}: a 4,100- or 40,000-byte attach name is refused, and nobody else notices`, async () => {
      const log: string[] = [];
      const s = server(log);
      const big = await connect(s, d, 1 << 20);
      for (const n of [4100, 40000]) {
        expect(await attachOf(big, 'x'.repeat(n)), `uname of ${n}`).to.equal(err(d, 'name too long', ENAMETOOLONG));
        expect(await attachOf(big, 'glenda', '#'.repeat(n)), `aname of ${n}`).to.equal(err(d, 'name too long', ENAMETOOLONG));
      }
      // a name at the bound is a user like any other: it makes a segment
      const longest = await big.root('é'.repeat(MAX_UNAME / 2));
      const top = await big.walkTo(longest, '');
      await big.create(top, 'seg', DMDIR | 0o777, OREAD).catch(async () => {
        // 9P2000.L has no Tcreate of directories: Tmkdir
        await big.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: big.tag(), dfid: longest, name: 'seg', mode: 0o777, gid: NONUNAME });
      });
      for (const msize of [256, 8192]) {
        const c = await connect(s, d, msize);
        const root = await c.root('glenda');
        const proc = await c.root('glenda', '#p');
        expect(await stat(c, root)).to.equal('ok');
        expect(await list(c, proc)).to.equal('ok');
        const seg = await c.walkTo(root, 'seg/ctl');
        if (msize === 8192 || d === '9P2000.L') {
          expect(await list(c, root), `ls / at ${msize}`).to.equal('ok');
          expect(await stat(c, seg), `stat seg at ${msize}`).to.equal('ok');
        } else {
          // the entry of a 256-byte owner cannot fit 256 bytes: this request fails, nothing else
          expect(await list(c, root)).to.equal(err(d, 'i/o count too small', EINVAL));
          expect(await stat(c, seg)).to.equal(err(d, 'stat buffer too small', EINVAL));
          expect(await stat(c, root)).to.equal('ok');
        }
        expect(c.closed).to.equal(false);
      }
      expect(log).to.deep.equal([]);
      await s.close();
    });

    it(`${d}: a file name longer than ${MAX_FNAME} bytes is refused at create; one at the bound is listed`, async () => {
      const log: string[] = [];
      const s = server(log, new RamFs('eve'));
      const c = await connect(s, d, 1 << 20);
      const root = await c.root('glenda');
      const mk = (name: string): Promise<string | number> => (d === '9P2000.L'
        ? c.error({ type: MsgType.Tmkdir, tag: c.tag(), dfid: root, name, mode: 0o777, gid: NONUNAME })
        : c.walkTo(root, '').then((f) => c.error({ type: MsgType.Tcreate, tag: c.tag(), fid: f, name, perm: DMDIR | 0o777, mode: OREAD, extension: '' })));
      expect(await mk('n'.repeat(MAX_FNAME + 1))).to.equal(err(d, 'name too long', ENAMETOOLONG));
      await (d === '9P2000.L'
        ? c.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: c.tag(), dfid: root, name: 'n'.repeat(MAX_FNAME), mode: 0o777, gid: NONUNAME })
        : c.create(await c.walkTo(root, ''), 'n'.repeat(MAX_FNAME), DMDIR | 0o777, OREAD));
      const small = await connect(s, d, 256);
      const r = await small.root('glenda');
      // the long name does not fit 256 bytes: an error for that read, and the connection goes on
      expect(await list(small, r)).to.equal(err(d, 'i/o count too small', EINVAL));
      expect(await stat(small, r)).to.equal('ok');
      const big = await connect(s, d, 8192);
      expect(await list(big, await big.root('glenda'))).to.equal('ok');
      expect(log).to.deep.equal([]);
      await s.close();
    });
  }
});
