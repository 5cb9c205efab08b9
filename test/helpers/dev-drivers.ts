// The two ways the Dev acceptance suite (dev-suite.ts) reaches a device: its methods called
// directly, and a 9P server in front of it driven by the test client in one dialect. Both
// answer the same small file-system interface, so every rule is written once and checked
// both ways. The direct driver also checks the rules only a caller of the Dev can see (a walk
// never changes its chan and returns a new, unopened one; open and create leave the chan open).

import { expect } from 'chai';
import type { Chan, Dev } from '../../src/dev/dev.js';
import type { Qid } from '../../src/lib9/dir.js';
import { Plan9Error } from '../../src/lib9/errors.js';
import { DMDIR, QTDIR } from '../../src/lib9/modes.js';
import type { Dialect } from '../../src/9p/codec/dialect.js';
import { decodeDirents } from '../../src/9p/codec/dirent.js';
import { decodeStats } from '../../src/9p/codec/stat.js';
import { MsgType } from '../../src/9p/codec/types.js';
import type { NinepServer } from '../../src/9p/server/server.js';
import { pairWith, ServerError, type TestClient } from './ninep-wire.js';

/** One reference to one file: a Chan, or a fid. Opaque to the suite. */
export type Handle = { readonly file: true };

/** What the suite compares of a file's stat. `name` is absent where the dialect has none (getattr). */
export interface FileInfo {
  qid: Qid;
  isDir: boolean;
  name?: string;
}

/** One directory entry as listed. */
export interface Entry {
  name: string;
  qid: Qid;
}

/** How a call failed: the Plan 9 string where the dialect carries it, else the errno. */
export interface Failure {
  ename?: string;
  errno?: number;
}

export interface Driver {
  /** 'Dev', or the 9P dialect. */
  readonly name: string;
  /** The server checks a fid's open mode on read and write (a Dev leaves that to its caller). */
  readonly checksOpenMode: boolean;
  attach(): Promise<Handle>;
  /** Walks `names` from `h` to a new handle; `h` is set only when every name was walked. */
  walk(h: Handle, names: readonly string[]): Promise<{ qids: Qid[]; h?: Handle }>;
  stat(h: Handle): Promise<FileInfo>;
  open(h: Handle, omode: number): Promise<Qid>;
  /** Creates `name` in directory `h`; afterwards `h` is the new file, open. */
  create(h: Handle, name: string, perm: number, omode: number): Promise<Qid>;
  read(h: Handle, offset: number, count: number): Promise<Buffer>;
  write(h: Handle, offset: number, data: string): Promise<number>;
  /** The entries of open directory `h`, in the order they are read. */
  readdir(h: Handle): Promise<Entry[]>;
  /** Removes the file of `h`; `h` is gone afterwards whatever happens. */
  remove(h: Handle): Promise<void>;
  close(h: Handle): Promise<void>;
  /**
   * Ends the client's side as `how` says — a new Tversion, or a hang-up — and resolves once
   * the server has let go of the connection's fids; absent where there is no connection.
   */
  reset?(how: 'version' | 'hangup'): Promise<void>;
  /** How `p` fails; a test failure if it succeeds. */
  failure(p: Promise<unknown>): Promise<Failure>;
  /** Ends the connection, if any. */
  finish(): Promise<void>;
}

/** What the drivers need of a device under test. */
export interface Served {
  dev: Dev;
  aname: string;
  /** Attach names the server accepts; default: the server's own default. */
  anames?: readonly string[];
  user: string;
  eve: string;
}

// ---------------------------------------------------------------------------------------
// Direct calls

type ChanHandle = Handle & { chan: Chan };

const chanOf = (h: Handle): Chan => (h as ChanHandle).chan;
const handleOf = (chan: Chan): Handle => ({ file: true, chan }) as ChanHandle;

/** The device's methods, called as the kernel's sysfile layer would. */
export function directDriver(s: Served): Driver {
  const { dev } = s;
  return {
    name: 'Dev',
    checksOpenMode: false,
    async attach() {
      const c = await dev.attach(s.aname, s.user);
      expect(c.open, 'attach gives an unopened chan').to.equal(false);
      return handleOf(c);
    },
    async walk(h, names) {
      const c = chanOf(h);
      const before = { ...c.qid };
      const r = await dev.walk(c, names);
      expect(c.qid, 'walk leaves its chan as it was').to.deep.equal(before);
      expect(r.qids.length).to.be.at.most(names.length);
      if (r.chan === undefined) return { qids: r.qids };
      expect(r.qids.length, 'a chan only for a whole walk').to.equal(names.length);
      expect(r.chan, 'walk returns a new chan').to.not.equal(c);
      expect(r.chan.open, 'a walked chan is not open').to.equal(false);
      expect(r.chan.qid).to.deep.equal(names.length === 0 ? c.qid : r.qids[r.qids.length - 1]);
      return { qids: r.qids, h: handleOf(r.chan) };
    },
    async stat(h) {
      const d = await dev.stat(chanOf(h));
      return { qid: d.qid, isDir: (d.mode & DMDIR) !== 0, name: d.name };
    },
    async open(h, omode) {
      const c = await dev.open(chanOf(h), omode);
      expect(c.open, 'open leaves the chan open').to.equal(true);
      (h as ChanHandle).chan = c;
      return c.qid;
    },
    async create(h, name, perm, omode) {
      const c = chanOf(h);
      await dev.create(c, name, omode, perm);
      expect(c.open, 'create leaves the chan open').to.equal(true);
      return { ...c.qid };
    },
    async read(h, offset, count) {
      const buf = Buffer.alloc(count);
      const n = await dev.read(chanOf(h), buf, offset);
      return buf.subarray(0, n);
    },
    async write(h, offset, data) {
      return dev.write(chanOf(h), Buffer.from(data, 'latin1'), offset);
    },
    async readdir(h) {
      return (await dev.readdir(chanOf(h))).map((d) => ({ name: d.name, qid: d.qid }));
    },
    async remove(h) {
      try {
        await dev.remove(chanOf(h));
      } finally {
        dev.close(chanOf(h));
      }
    },
    async close(h) {
      dev.close(chanOf(h));
    },
    async failure(p) {
      try {
        await p;
      } catch (e) {
        if (e instanceof Plan9Error) return { ename: e.message };
        throw e;
      }
      throw new Error('expected a Plan9Error, but the call succeeded');
    },
    async finish() {},
  };
}

// ---------------------------------------------------------------------------------------
// Through the 9P server

type FidHandle = Handle & { fid: number };

const fidOf = (h: Handle): number => (h as FidHandle).fid;
const fidHandle = (fid: number): Handle => ({ file: true, fid }) as FidHandle;

/** Linux's S_IFDIR in a getattr mode. */
const S_IFDIR = 0o040000;
/** Linux open flags for O_RDONLY (Tlopen of a directory). */
const O_RDONLY = 0;
/** Directory reads in small pieces, so that a listing takes several requests. */
const DIR_CHUNK = 160;

/** A server in front of the device and a client in `dialect`; connected by `start`. */
export function wireDriver(s: Served, dialect: Dialect): Driver & { start(): Promise<void> } {
  let client!: TestClient;
  let server!: NinepServer;
  const dotl = dialect === '9P2000.L';
  const call = <T extends MsgType>(want: T, f: Parameters<TestClient['call']>[1]) => client.call(want, f);

  return {
    name: dialect,
    checksOpenMode: true,
    async start() {
      ({ client, server } = pairWith(s.dev, dialect, { eve: s.eve, ...(s.anames ? { anames: s.anames } : {}) }));
      await client.version(65536);
    },
    async attach() {
      return fidHandle(await client.root(s.user, s.aname));
    },
    async walk(h, names) {
      const newfid = client.newFid();
      const r = await client.rpc({ type: MsgType.Twalk, tag: client.tag(), fid: fidOf(h), newfid, wname: [...names] });
      if (r.type !== MsgType.Rwalk) throw new ServerError(r);
      if (r.wqid.length === names.length) return { qids: r.wqid, h: fidHandle(newfid) };
      // walk(5): a partial walk does not make newfid
      const e = await client.error({ type: MsgType.Tclunk, tag: client.tag(), fid: newfid });
      expect(e, 'a partial walk leaves newfid unused').to.not.equal(undefined);
      return { qids: r.wqid };
    },
    async stat(h) {
      if (!dotl) {
        const st = await client.stat(fidOf(h));
        return { qid: st.qid, isDir: (st.mode & DMDIR) !== 0, name: st.name };
      }
      const a = await call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: client.tag(), fid: fidOf(h), requestMask: 0x7ffn });
      return { qid: a.qid, isDir: (a.mode & S_IFDIR) !== 0 };
    },
    async open(h, omode) {
      return client.lopenOrOpen(fidOf(h), omode);
    },
    async create(h, name, perm, omode) {
      const fid = fidOf(h);
      if (!dotl) return (await client.create(fid, name, perm, omode)).qid;
      if ((perm & DMDIR) === 0) {
        const r = await call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: client.tag(), fid, name, flags: omode & 3, mode: perm & 0o777, gid: 0 });
        return r.qid;
      }
      // Linux's mkdir: Tmkdir leaves dfid where it is; the suite's handle becomes the new directory, open
      const r = await call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: client.tag(), dfid: fid, name, mode: perm & 0o777, gid: 0 });
      const nf = client.newFid();
      await client.walk(fid, nf, name);
      await call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: client.tag(), fid: nf, flags: O_RDONLY });
      await client.clunk(fid);
      (h as FidHandle).fid = nf;
      return r.qid;
    },
    async read(h, offset, count) {
      return client.read(fidOf(h), offset, count);
    },
    async write(h, offset, data) {
      return client.write(fidOf(h), offset, data);
    },
    async readdir(h) {
      const fid = fidOf(h);
      const out: Entry[] = [];
      if (!dotl) {
        for (let off = 0n; ;) {
          const data = await client.read(fid, off, DIR_CHUNK);
          if (data.length === 0) return out;
          for (const st of decodeStats(data, dialect)) out.push({ name: st.name, qid: st.qid });
          off += BigInt(data.length);
        }
      }
      const self = (await this.stat(h)).qid;
      const up = await this.walk(h, ['..']);
      if (up.h) await this.close(up.h);
      for (let cookie = 0n; ;) {
        const r = await call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: client.tag(), fid, offset: cookie, count: DIR_CHUNK });
        const ents = decodeDirents(r.data);
        if (ents.length === 0) break;
        for (const e of ents) {
          // Linux expects `.` and `..` first: this directory and its parent
          if (e.name === '.') expect(e.qid, '. in Treaddir').to.deep.equal(self);
          else if (e.name === '..') expect(e.qid, '.. in Treaddir').to.deep.equal(up.qids[0]);
          else out.push({ name: e.name, qid: e.qid });
          expect((e.type === 4) === ((e.qid.type & QTDIR) !== 0), `d_type of ${e.name}`).to.equal(true);
        }
        cookie = ents[ents.length - 1]!.offset;
      }
      return out;
    },
    async remove(h) {
      await client.remove(fidOf(h));
    },
    async close(h) {
      await client.clunk(fidOf(h));
    },
    async reset(how) {
      if (how === 'version') {
        // version(5): a successful Tversion clunks every fid before it is answered
        await client.version(65536);
        return;
      }
      client.stream.destroy();
      await client.whenClosed();
      for (let i = 0; i < 100 && server.connections > 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(server.connections, 'the server noticed the hang-up').to.equal(0);
    },
    async failure(p) {
      try {
        await p;
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        return typeof e.code === 'string' ? { ename: e.code } : { errno: e.code };
      }
      throw new Error('expected an error reply, but the call succeeded');
    },
    async finish() {
      await server.close();
    },
  };
}
