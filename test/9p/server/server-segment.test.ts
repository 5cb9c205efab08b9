// The #g device's behaviour table, rows 1–39, through the 9P server: the #g device over an in-memory pair
// and over TCP, in 9P2000 (exact Plan 9 strings), 9P2000.u (strings and errno) and 9P2000.L
// (Linux errnos, through the .L requests Linux sends). Users: U = glenda (creator),
// O = other, E = eve (the server's host owner), each with its own attach.

import { expect } from 'chai';
import { NOFID } from '../../../src/9p/codec/constants.js';
import { DMDIR, OEXEC, OREAD, ORCLOSE, ORDWR, OWRITE, QTDIR } from '../../../src/lib9/modes.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { decodeDirents } from '../../../src/9p/codec/dirent.js';
import { decodeStats } from '../../../src/9p/codec/stat.js';
import { segmentDevice } from '../../../src/serve/serve.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { errnoFor } from '../../../src/lib9/errno.js';
import { MsgType, type Fcall, type Qid } from '../../../src/9p/codec/types.js';
import {
  Ebadarg, Ebadctl, Eexist, Egone, Eisdir, Enotalloc, Enovmem, Eperm, Ephyscollide, Ehasva, Etoolong, Etoomany,
} from '../../../src/lib9/errors.js';
import { duplexPair } from '../../helpers/pair.js';
import { ServerError, TestClient, tcpClient } from '../../helpers/ninep-wire.js';

const EVE = 'eve';
type Who = 'U' | 'O' | 'E';
const ROOT: Record<Who, number> = { U: 0, O: 1, E: 2 };
const UNAME: Record<Who, [string, number]> = { U: ['glenda', 1000], O: ['other', 1001], E: [EVE, 0] };
const DONT32 = 0xffffffff;
const DONT64 = 0xffffffffffffffffn;

/** One client speaking one dialect to a fresh #g server, with the file operations rows need. */
class Seg {
  #fid = 100;
  constructor(readonly c: TestClient, readonly dialect: Dialect) {}

  get dotl(): boolean {
    return this.dialect === '9P2000.L';
  }

  fid(): number {
    return this.#fid++;
  }

  tag(): number {
    return this.c.tag();
  }

  /** The error the wire should carry for Plan 9 string `e` in this dialect. */
  want(e: string): string | number {
    return this.dotl ? errnoFor(e) : e;
  }

  async err(p: Promise<unknown>): Promise<string | number> {
    return this.c.fails(p);
  }

  /** A fid walked from `who`'s root along `path` ('' = root). */
  async walk(path: string, who: Who = 'U'): Promise<number> {
    const f = this.fid();
    await this.c.walk(ROOT[who], f, ...(path === '' ? [] : path.split('/')));
    return f;
  }

  /** mkdir `name` in #g as `who`; returns the new qid. */
  async mkdir(name: string, who: Who = 'U', mode = OREAD): Promise<Qid> {
    if (this.dotl && mode === OREAD) {
      return (await this.c.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: this.tag(), dfid: ROOT[who], name, mode: 0o40777, gid: 0 })).qid;
    }
    const f = await this.walk('', who);
    const r = await this.c.create(f, name, (DMDIR | 0o777) >>> 0, mode);
    if ((mode & ORCLOSE) === 0) await this.c.clunk(f);
    else this.lastRclose = f;
    return r.qid;
  }

  lastRclose = -1;

  /** create (not mkdir) of a plain file. */
  async createFile(dirpath: string, name: string, who: Who = 'U'): Promise<unknown> {
    const f = await this.walk(dirpath, who);
    if (this.dotl) {
      return this.c.call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: this.tag(), fid: f, name, flags: 2, mode: 0o100666, gid: 0 });
    }
    return this.c.create(f, name, 0o666, ORDWR);
  }

  /** create with DMDIR in a directory other than #g (only 9P2000 can say this for non-root). */
  async mkdirIn(dirpath: string, name: string, who: Who = 'U'): Promise<unknown> {
    const f = await this.walk(dirpath, who);
    if (this.dotl) return this.c.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: this.tag(), dfid: f, name, mode: 0o40777, gid: 0 });
    return this.c.create(f, name, (DMDIR | 0o777) >>> 0, OREAD);
  }

  /** Opens `path` as `who` with a Plan 9 mode; returns the fid. */
  async open(path: string, mode: number, who: Who = 'U'): Promise<number> {
    const f = await this.walk(path, who);
    if (this.dotl) {
      await this.c.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: this.tag(), fid: f, flags: mode & 3 });
    } else {
      await this.c.open(f, mode);
    }
    return f;
  }

  async writeCtl(name: string, text: string, who: Who = 'U'): Promise<number> {
    const f = await this.open(`${name}/ctl`, OWRITE, who);
    try {
      return await this.c.write(f, 0, text);
    } finally {
      await this.c.clunk(f);
    }
  }

  async ctl(name: string, who: Who = 'U'): Promise<string> {
    const f = await this.open(`${name}/ctl`, OREAD, who);
    try {
      return (await this.c.read(f, 0, 128)).toString('latin1');
    } finally {
      await this.c.clunk(f);
    }
  }

  async segment(name: string, va = '0x10000000 0x100000', who: Who = 'U'): Promise<void> {
    await this.mkdir(name, who);
    await this.writeCtl(name, `va ${va}\n`, who);
  }

  /** Names (and qids) of directory `path`, as this dialect lists them (no . and ..). */
  async ls(path: string): Promise<{ name: string; qid: Qid; mode?: number; uid?: string; gid?: string; length?: bigint }[]> {
    const f = await this.open(path, OREAD);
    try {
      if (this.dotl) {
        const r = await this.c.call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: this.tag(), fid: f, offset: 0n, count: 60000 });
        return decodeDirents(r.data).filter((d) => d.name !== '.' && d.name !== '..');
      }
      return decodeStats(await this.c.read(f, 0, 60000), this.dialect);
    } finally {
      await this.c.clunk(f);
    }
  }

  /** Stat in the dialect's terms: mode is Plan 9's (from getattr for .L), uid a name or a number. */
  async stat(path: string, who: Who = 'U'): Promise<{ qid: Qid; mode: number; uid: string | number; length: bigint }> {
    const f = await this.walk(path, who);
    try {
      return await this.statFid(f);
    } finally {
      await this.c.clunk(f);
    }
  }

  async statFid(f: number): Promise<{ qid: Qid; mode: number; uid: string | number; length: bigint }> {
    {
      if (this.dotl) {
        const a = await this.c.call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: this.tag(), fid: f, requestMask: 0x7ffn });
        return { qid: a.qid, mode: ((a.mode & 0o170000) === 0o040000 ? DMDIR | (a.mode & 0o777) : a.mode & 0o777) >>> 0, uid: a.uid, length: a.size };
      }
      const st = await this.c.stat(f);
      return { qid: st.qid, mode: st.mode, uid: st.uid, length: st.length };
    }
  }

  /** wstat/setattr of the mode (undefined: touch nothing). */
  async chmod(path: string, mode: number | undefined, who: Who = 'U'): Promise<void> {
    const f = await this.walk(path, who);
    try {
      if (this.dotl) {
        await this.c.call(MsgType.Rsetattr, {
          type: MsgType.Tsetattr, tag: this.tag(), fid: f, valid: mode === undefined ? 0 : 1, mode: mode ?? 0,
          uid: DONT32, gid: DONT32, size: 0n, atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
        });
        return;
      }
      await this.c.call(MsgType.Rwstat, {
        type: MsgType.Twstat, tag: this.tag(), fid: f,
        stat: {
          type: 0xffff, dev: DONT32, qid: { type: 0xff, vers: DONT32, path: DONT64 }, mode: mode ?? DONT32,
          atime: DONT32, mtime: DONT32, length: DONT64, name: '', uid: '', gid: '', muid: '',
        },
      });
    } finally {
      await this.c.clunk(f).catch(() => {});
    }
  }

  async remove(path: string, who: Who = 'U'): Promise<void> {
    const f = await this.walk(path, who);
    await this.c.remove(f);
  }
}

async function connectWith(transport: 'pair' | 'tcp', dialect: Dialect): Promise<{ s: Seg; close: () => Promise<void> }> {
  const server = new NinepServer({ dev: segmentDevice(EVE), eve: EVE, log: () => {} });
  let c: TestClient;
  if (transport === 'pair') {
    const [a, b] = duplexPair();
    server.accept(a);
    c = new TestClient(b, dialect);
  } else {
    const address = await server.listen('tcp!127.0.0.1!0');
    c = await tcpClient(address, dialect);
  }
  await c.version(65536);
  for (const who of ['U', 'O', 'E'] as Who[]) {
    const [uname, n] = UNAME[who];
    const t: Fcall = { type: MsgType.Tattach, tag: c.tag(), fid: ROOT[who], afid: NOFID, uname, aname: who === 'E' ? '#g' : '' };
    if (dialect !== '9P2000') t.nUname = n;
    await c.call(MsgType.Rattach, t);
  }
  return {
    s: new Seg(c, dialect),
    close: async () => { c.stream.destroy(); await server.close(); },
  };
}

const cases: [transport: 'pair' | 'tcp', dialect: Dialect][] = [
  ['pair', '9P2000'], ['pair', '9P2000.u'], ['pair', '9P2000.L'], ['tcp', '9P2000'], ['tcp', '9P2000.L'],
];

for (const [transport, dialect] of cases) {
  describe(`#g over 9P (${dialect}, ${transport === 'pair' ? 'in-memory pair' : 'TCP'}): rows 1–39`, () => {
    let s: Seg;
    let close: () => Promise<void>;
    beforeEach(async () => ({ s, close } = await connectWith(transport, dialect)));
    afterEach(async () => close());
    const dotl = dialect === '9P2000.L';

    it('row 1: the first mkdir gets qid path 1; the listing shows it as the creator\'s, DMDIR|0777', async () => {
      const q = await s.mkdir('ex');
      expect(q).to.deep.equal({ type: QTDIR, vers: 0, path: 1n });
      const ls = await s.ls('');
      expect(ls.map((d) => d.name)).to.deep.equal(['ex']);
      expect(ls[0]!.qid).to.deep.equal(q);
      if (!dotl) expect(ls[0]).to.include({ uid: 'glenda', gid: EVE, mode: (DMDIR | 0o777) >>> 0, length: 0n });
    });

    it('row 2: a segment dir lists ctl (path 2) then data (path 3), 0660, empty', async () => {
      await s.mkdir('ex');
      const ls = await s.ls('ex');
      expect(ls.map((d) => [d.name, d.qid.path])).to.deep.equal([['ctl', 2n], ['data', 3n]]);
      if (!dotl) for (const d of ls) expect(d).to.include({ mode: 0o660, length: 0n });
      const st = await s.stat('ex/ctl');
      expect(st.mode).to.equal(0o660);
    });

    it('row 3: create without DMDIR is bad arg', async () => {
      expect(await s.err(s.createFile('', 'ex2'))).to.equal(s.want(Ebadarg));
    });

    it('row 4: creating an existing name is file already exists', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.mkdir('ex'))).to.equal(s.want(Eexist));
    });

    it('row 5: nothing can be created inside a segment dir', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.mkdirIn('ex', 'x'))).to.equal(s.want(Eperm));
    });

    it('row 6: the name of a physical class collides', async () => {
      expect(await s.err(s.mkdir('shared'))).to.equal(s.want(Ephyscollide));
    });

    it('row 7: a 128-byte name is too long, a 127-byte one is fine', async () => {
      expect(await s.err(s.mkdir('n'.repeat(128)))).to.equal(s.want(Etoolong));
      await s.mkdir('n'.repeat(127));
      expect((await s.ls('')).map((d) => d.name)).to.deep.equal(['n'.repeat(127)]);
    });

    it('row 8: the owner opening data before va gets segment not yet allocated', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.open('ex/data', ORDWR))).to.equal(s.want(Enotalloc));
    });

    it('row 9: another user opening data before va gets permission denied (perm check first)', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.open('ex/data', ORDWR, 'O'))).to.equal(s.want(Eperm));
    });

    it('row 10: ctl opens before va; reading it says segment not yet allocated', async () => {
      await s.mkdir('ex');
      const f = await s.open('ex/ctl', OREAD);
      expect(await s.err(s.c.read(f, 0, 128))).to.equal(s.want(Enotalloc));
    });

    it('row 11: va returns the whole count; ctl reads it back; data has the length', async () => {
      await s.mkdir('ex');
      expect(await s.writeCtl('ex', 'va 0x10000000 0x100000\n')).to.equal(23);
      expect(await s.ctl('ex')).to.equal('va 0x10000000 0x100000\n');
      expect((await s.stat('ex/data')).length).to.equal(1048576n);
    });

    it('row 12: a second va is already has a virtual address', async () => {
      await s.segment('ex');
      expect(await s.err(s.writeCtl('ex', 'va 0x20000000 0x1000'))).to.equal(s.want(Ehasva));
    });

    it('row 13: va is rounded to pages', async () => {
      await s.segment('ex', '0x10000123 0x10');
      expect(await s.ctl('ex')).to.equal('va 0x10000000 0x1000\n');
    });

    for (const [row, msg, want] of [
      ['14', 'va 0 0x1000', Ebadarg], ['14', 'va 0x800 0x1000', Ebadarg], ['15', 'va 0x10000000', Ebadarg],
      ['16', 'va 0x10000000 0', Ebadarg], ['17', 'foo 1 2', Ebadctl], ['17', 'VA 1 2', Ebadctl], ['17', '', Ebadctl],
      ['17', '\n', Ebadctl], ['20', 'va -4096 4096', Ebadarg], ['21', 'va 0x7ffffffff000 0x1000', Ebadarg],
      ['22', 'va 0x10000000 0x1000000001', Enovmem],
    ] as const) {
      it(`row ${row}: ${JSON.stringify(msg)} is ${want}; the segment stays unallocated`, async () => {
        await s.mkdir('ex');
        expect(await s.err(s.writeCtl('ex', msg))).to.equal(s.want(want));
        expect(await s.err(s.ctl('ex'))).to.equal(s.want(Enotalloc));
      });
    }

    it('rows 18, 19, 21: octal, trailing garbage, the last page below USTKTOP', async () => {
      await s.segment('a', '010000000 4096');
      expect(await s.ctl('a')).to.equal('va 0x200000 0x1000\n');
      await s.segment('b', '0x10000000junk 4097');
      expect(await s.ctl('b')).to.equal('va 0x10000000 0x2000\n');
      await s.segment('c', '0x7fffffffe000 0x1000');
      expect(await s.ctl('c')).to.equal('va 0x7fffffffe000 0x1000\n');
    });

    it('row 23: fixed from a user who is not eve is permission denied', async () => {
      await s.mkdir('ex');
      await s.chmod('ex/ctl', 0o666);
      expect(await s.err(s.writeCtl('ex', 'va 0x10000000 0x1000 fixed', 'O'))).to.equal(s.want(Eperm));
    });

    it('row 24: eve makes a sticky segment', async () => {
      await s.mkdir('ex', 'E');
      expect(await s.writeCtl('ex', 'va 0x10000000 0x1000 sticky\n', 'E')).to.equal(28);
      expect(await s.ctl('ex', 'E')).to.equal('va 0x10000000 0x1000 sticky\n');
    });

    it('row 25: ctl reads honour the offset', async () => {
      await s.segment('ex');
      const f = await s.open('ex/ctl', OREAD);
      expect((await s.c.read(f, 3, 5)).toString()).to.equal('0x100');
      expect((await s.c.read(f, 23, 5)).length).to.equal(0);
    });

    it('row 26: data writes come back; untouched bytes read as zeros', async () => {
      await s.segment('ex');
      const f = await s.open('ex/data', ORDWR);
      expect(await s.c.write(f, 0, 'hi mom')).to.equal(6);
      expect((await s.c.read(f, 0, 6)).toString()).to.equal('hi mom');
      expect([...await s.c.read(f, 6, 4)]).to.deep.equal([0, 0, 0, 0]);
    });

    it('row 27: writes across or past the end fail whole; reads are truncated', async () => {
      await s.segment('ex');
      const f = await s.open('ex/data', ORDWR);
      expect(await s.err(s.c.write(f, 0xffffd, 'abcdef'))).to.equal(s.want(Ebadarg));
      expect([...await s.c.read(f, 0xffffd, 6)]).to.deep.equal([0, 0, 0]);
      expect((await s.c.read(f, 0x100000, 6)).length).to.equal(0);
      expect(await s.err(s.c.write(f, 0x100000, ''))).to.equal(s.want(Ebadarg));
    });

    if (!dotl) {
      it('row 28: OEXEC is refused by the 0660 perm', async () => {
        await s.segment('ex');
        expect(await s.err(s.open('ex/data', OEXEC))).to.equal(Eperm);
      });
    }

    it('row 29: chmod of ctl changes data too', async () => {
      await s.mkdir('ex');
      await s.chmod('ex/ctl', 0o600);
      expect((await s.stat('ex/data')).mode).to.equal(0o600);
    });

    it('row 30: wstat by another user, or of a directory, is permission denied', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.chmod('ex/ctl', 0o666, 'O'))).to.equal(s.want(Eperm));
      expect(await s.err(s.chmod('ex', (DMDIR | 0o700) >>> 0))).to.equal(s.want(Eperm));
    });

    it('row 31: a wstat that touches nothing succeeds and changes nothing', async () => {
      await s.mkdir('ex');
      await s.chmod('ex/ctl', undefined);
      expect((await s.stat('ex/ctl')).mode).to.equal(0o660);
    });

    it('row 32: ctl, data and #g cannot be removed', async () => {
      await s.segment('ex');
      for (const p of ['ex/ctl', 'ex/data', '']) expect(await s.err(s.remove(p))).to.equal(s.want(Eperm));
    });

    it('row 33: anyone may remove a segment dir', async () => {
      await s.mkdir('ex');
      await s.remove('ex', 'O');
      expect(await s.ls('')).to.deep.equal([]);
    });

    it('row 34: mkdir after remove is unallocated and gets a fresh qid path, the same walk and stat give', async () => {
      const q1 = await s.mkdir('ex');
      await s.writeCtl('ex', 'va 0x10000000 0x1000');
      await s.remove('ex', 'O');
      const q2 = await s.mkdir('ex');
      expect(q2.path).to.not.equal(q1.path);
      expect(await s.err(s.ctl('ex'))).to.equal(s.want(Enotalloc));
      const f = s.fid();
      expect((await s.c.walk(0, f, 'ex'))[0]).to.deep.equal(q2);
      expect((await s.stat('ex')).qid).to.deep.equal(q2);
    });

    it('row 35: an open data fid keeps working after its segment is removed; a walked one is gone', async () => {
      await s.segment('ex');
      const f = await s.open('ex/data', ORDWR);
      const ctl = await s.walk('ex/ctl');
      await s.c.write(f, 0, 'still here');
      await s.remove('ex');
      expect(await s.ls('')).to.deep.equal([]);
      expect((await s.c.read(f, 0, 10)).toString()).to.equal('still here');
      expect(await s.err(s.statFid(ctl))).to.equal(s.want(Egone));
    });

    it('row 36: stat of a segment dir says eve and DMDIR|0555, unlike its listing', async () => {
      await s.mkdir('ex');
      const st = await s.stat('ex');
      expect(st.mode).to.equal((DMDIR | 0o555) >>> 0);
      expect(st.uid).to.equal(dotl ? 0 : EVE);
    });

    if (!dotl) {
      it('row 37: a segment created with ORCLOSE goes away when the fid is clunked', async () => {
        await s.mkdir('t', 'U', OREAD | ORCLOSE);
        expect((await s.ls('')).map((d) => d.name)).to.deep.equal(['t']);
        await s.c.clunk(s.lastRclose);
        expect(await s.ls('')).to.deep.equal([]);
      });
    }

    it('row 38: #g and segment dirs open only for reading', async () => {
      await s.mkdir('ex');
      expect(await s.err(s.open('', OWRITE))).to.equal(s.want(Eisdir));
      expect(await s.err(s.open('ex', ORDWR))).to.equal(s.want(Eisdir));
    });

    it('row 39: the 101st segment is too many', async () => {
      for (let i = 0; i < 100; i++) await s.mkdir(`s${i}`);
      expect(await s.err(s.mkdir('s100'))).to.equal(s.want(Etoomany));
      expect(await s.ls('')).to.have.length(100);
    });

    it('regression: create\'s qid equals walk\'s and stat\'s', async () => {
      await s.mkdir('a');
      const q = await s.mkdir('b');
      const f = s.fid();
      expect((await s.c.walk(0, f, 'b'))[0]).to.deep.equal(q);
      expect((await s.stat('b')).qid).to.deep.equal(q);
    });

    it('regression: slots 64 and above are their own segments (no 6-bit aliasing)', async () => {
      for (let i = 0; i < 70; i++) await s.mkdir(`s${i}`);
      await s.writeCtl('s69', 'va 0x30000000 0x2000');
      expect(await s.ctl('s69')).to.equal('va 0x30000000 0x2000\n');
      expect(await s.err(s.ctl('s5'))).to.equal(s.want(Enotalloc));
      const ls = await s.ls('');
      const byName = new Map(ls.map((d) => [d.name, d.qid]));
      const f = s.fid();
      expect((await s.c.walk(0, f, 's69'))[0]).to.deep.equal(byName.get('s69'));
      expect(byName.get('s69')!.path).to.not.equal(byName.get('s5')!.path);
    });
  });
}

export { ServerError };

describe('#g over 9P: `echo va … > ctl` on every path a client takes', () => {
  const twstat = (c: TestClient, fid: number, length: bigint, mtime: number): Promise<unknown> => c.call(MsgType.Rwstat, {
    type: MsgType.Twstat, tag: c.tag(), fid,
    stat: {
      type: 0xffff, dev: DONT32, qid: { type: 0xff, vers: DONT32, path: DONT64 }, mode: DONT32,
      atime: DONT32, mtime, length, name: '', uid: '', gid: '', muid: '',
    },
  });

  for (const [name, dialect, steps] of [
    ['9pfuse: Topen(OWRITE), Twstat(length 0, all else untouched), Twrite', '9P2000',
      async (c: TestClient, f: number) => { await c.open(f, OWRITE); await twstat(c, f, 0n, DONT32); }],
    ['9pfuse without a file handle: Topen(OWRITE|OTRUNC), Twrite', '9P2000',
      async (c: TestClient, f: number) => { await c.open(f, OWRITE | 0x10); }],
    ['legacy Linux: Topen(OWRITE|OTRUNC), Twstat(length 0, mtime now), Twrite', '9P2000.u',
      async (c: TestClient, f: number) => { await c.open(f, OWRITE | 0x10); await twstat(c, f, 0n, Math.floor(Date.now() / 1000)); }],
    ['Linux .L: Tlopen(O_WRONLY|O_CREAT|O_LARGEFILE), Txattrwalk, Tsetattr(size 0), Twrite', '9P2000.L',
      async (c: TestClient, f: number) => {
        await c.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: c.tag(), fid: f, flags: 0o100101 });
        expect(await c.error({ type: MsgType.Txattrwalk, tag: c.tag(), fid: f, newfid: 99, name: 'security.capability' })).to.equal(61);
        await c.call(MsgType.Rsetattr, {
          type: MsgType.Tsetattr, tag: c.tag(), fid: f, valid: 0x68, mode: 0, uid: DONT32, gid: DONT32, size: 0n,
          atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
        });
      }],
  ] as const) {
    it(name, async () => {
      const { s, close } = await connectWith('pair', dialect);
      try {
        await s.mkdir('ex');
        const f = await s.walk('ex/ctl');
        await steps(s.c, f);
        expect(await s.c.write(f, 0, 'va 0x10000000 0x100000\n')).to.equal(23);
        await s.c.clunk(f);
        expect(await s.ctl('ex')).to.equal('va 0x10000000 0x100000\n');
        // 9pfuse's fsync: a wstat that touches nothing
        if (dialect !== '9P2000.L') {
          const g = await s.walk('ex/data');
          await twstat(s.c, g, DONT64, DONT32);
        }
      } finally {
        await close();
      }
    });
  }
});
