// Well-formed 9P sessions over a RawConn, in any of the three dialects: version and attach,
// walk, open (Topen or Tlopen), create a #g segment (Tcreate or Tmkdir), give it an address,
// read and write its data, list and remove segments. Every step checks its reply type and
// throws NinepError with the server's error (string, or errno for 9P2000.L) otherwise.

import { MsgType, NOFID, NONUNAME, decodeStats, type Dialect, type Fcall } from '../src/public/9p.js';
import { DMDIR, OREAD } from '../src/lib9/modes.js';
import { RawConn, ReplyAudit, type Request } from './raw-conn.js';

/** The server answered an error: `ename` (9P2000, .u) or `errno N` (.L; `errno` set). */
export class NinepError extends Error {
  constructor(readonly ename: string, readonly errno: number | undefined) {
    super(ename);
  }
}

/** Linux errno numbers the suite looks for in Rlerror. */
export const EACCES = 13;
export const EPERM = 1;

/** The base address every stress segment gets (any page-aligned address below USTKTOP). */
export const SEG_VA = 0x10000000;

/** A session: a connection, its dialect, and the fid of its attach (0). */
export class Session {
  #nextFid = 1;
  constructor(readonly conn: RawConn, readonly dialect: Dialect, readonly user: string) {}

  /** Opens a session: connect, Tversion `dialect` at `msize`, Tattach fid 0 as `user` to `aname`. */
  static async open(port: number, audit: ReplyAudit, dialect: Dialect, user: string, msize = 65536, aname = ''): Promise<Session> {
    const conn = await RawConn.connect(port, audit, dialect);
    try {
      const rv = await conn.version(dialect, msize);
      if (rv.type !== MsgType.Rversion || rv.version !== dialect) throw new Error(`Tversion ${dialect}: ${describe(rv)}`);
      const s = new Session(conn, dialect, user);
      await s.call({ type: MsgType.Tattach, fid: 0, afid: NOFID, uname: user, aname, nUname: NONUNAME }, MsgType.Rattach);
      return s;
    } catch (e) {
      conn.destroy();
      throw e;
    }
  }

  /** A fid this session has not used. */
  fid(): number {
    return this.#nextFid++;
  }

  /** Sends `req`, expects reply type `want`, throws NinepError for an error reply. */
  async call<T extends MsgType>(req: Request, want: T, timeoutMs?: number): Promise<Extract<Fcall, { type: T }>> {
    const r = await this.conn.rpc(req, timeoutMs);
    return expect(r, want);
  }

  /** Walks from `fid` (default the root) to a new fid; throws unless every name was walked. */
  async walk(names: string[], from = 0): Promise<number> {
    const newfid = this.fid();
    const r = await this.call({ type: MsgType.Twalk, fid: from, newfid, wname: names }, MsgType.Rwalk);
    if (r.wqid.length !== names.length) throw new NinepError(`walk stopped after ${r.wqid.length} of ${names.join('/')}`, undefined);
    return newfid;
  }

  /** Opens `fid` with Plan 9 mode `omode` (OREAD 0, OWRITE 1, ORDWR 2): Topen, or Tlopen in .L. */
  async open(fid: number, omode: number): Promise<void> {
    if (this.dialect === '9P2000.L') await this.call({ type: MsgType.Tlopen, fid, flags: omode & 3 }, MsgType.Rlopen);
    else await this.call({ type: MsgType.Topen, fid, mode: omode }, MsgType.Ropen);
  }

  /** Walks to #g/NAME/FILE and opens it; returns the fid. */
  async openFile(seg: string, file: 'ctl' | 'data', omode: number): Promise<number> {
    const fid = await this.walk([seg, file]);
    try {
      await this.open(fid, omode);
    } catch (e) {
      await this.clunk(fid);
      throw e;
    }
    return fid;
  }

  async read(fid: number, offset: number, count: number): Promise<Uint8Array> {
    const r = await this.call({ type: MsgType.Tread, fid, offset: BigInt(offset), count }, MsgType.Rread);
    return r.data;
  }

  async write(fid: number, offset: number, data: Uint8Array): Promise<number> {
    const r = await this.call({ type: MsgType.Twrite, fid, offset: BigInt(offset), data }, MsgType.Rwrite);
    return r.count;
  }

  async clunk(fid: number): Promise<void> {
    await this.call({ type: MsgType.Tclunk, fid }, MsgType.Rclunk);
  }

  /** Creates segment #g/NAME (Tcreate of a directory, or Tmkdir in .L). */
  async createSegment(name: string): Promise<void> {
    if (this.dialect === '9P2000.L') {
      await this.call({ type: MsgType.Tmkdir, dfid: 0, name, mode: 0o777, gid: NONUNAME }, MsgType.Rmkdir);
      return;
    }
    const fid = await this.walk([]);
    try {
      await this.call({ type: MsgType.Tcreate, fid, name, perm: (DMDIR | 0o777) >>> 0, mode: OREAD }, MsgType.Rcreate);
    } finally {
      await this.clunk(fid);
    }
  }

  /** Writes `va SEG_VA LEN` to NAME's ctl. */
  async setAddress(name: string, length: number, extra = ''): Promise<void> {
    const fid = await this.openFile(name, 'ctl', 1);
    try {
      const msg = Buffer.from(`va 0x${SEG_VA.toString(16)} 0x${length.toString(16)}${extra}`);
      await this.write(fid, 0, msg);
    } finally {
      await this.clunk(fid);
    }
  }

  /** Creates NAME with an address and `length` bytes. */
  async makeSegment(name: string, length: number): Promise<void> {
    await this.createSegment(name);
    await this.setAddress(name, length);
  }

  /** Removes #g/NAME (Tremove of its directory). */
  async removeSegment(name: string): Promise<void> {
    const fid = await this.walk([name]);
    await this.call({ type: MsgType.Tremove, fid }, MsgType.Rremove);
  }

  /** Sets the mode of NAME's files: Twstat with everything else "don't touch", or Tsetattr MODE in .L. */
  async chmod(seg: string, mode: number): Promise<void> {
    const fid = await this.walk([seg, 'ctl']);
    try {
      if (this.dialect === '9P2000.L') {
        await this.call({
          type: MsgType.Tsetattr, fid, valid: 1, mode, uid: 0, gid: 0, size: 0n,
          atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
        }, MsgType.Rsetattr);
      } else {
        await this.call({ type: MsgType.Twstat, fid, stat: dontTouch(mode) }, MsgType.Rwstat);
      }
    } finally {
      await this.clunk(fid);
    }
  }

  /** The names in #g, read as a 9P2000/.u directory (use a 9P2000 session). */
  async listSegments(): Promise<string[]> {
    if (this.dialect === '9P2000.L') throw new Error('listSegments needs a 9P2000 or .u session');
    const fid = await this.walk([]);
    try {
      await this.open(fid, OREAD);
      const names: string[] = [];
      for (let off = 0; ;) {
        const data = await this.read(fid, off, this.conn.msize - 24);
        if (data.length === 0) break;
        off += data.length;
        for (const st of decodeStats(data, this.dialect)) names.push(st.name);
      }
      return names;
    } finally {
      await this.clunk(fid);
    }
  }

  close(): void {
    this.conn.destroy();
  }
}

/** A stat whose every field is "don't touch" except `mode` (wstat(5)). */
function dontTouch(mode: number) {
  return {
    type: 0xffff, dev: 0xffffffff, qid: { type: 0xff, vers: 0xffffffff, path: 0xffffffffffffffffn },
    mode, atime: 0xffffffff, mtime: 0xffffffff, length: 0xffffffffffffffffn, name: '', uid: '', gid: '', muid: '',
  };
}

/** `r` if it is of type `want`; NinepError for Rerror/Rlerror; Error for anything else. */
export function expect<T extends MsgType>(r: Fcall, want: T): Extract<Fcall, { type: T }> {
  if (r.type === want) return r as Extract<Fcall, { type: T }>;
  if (r.type === MsgType.Rerror) throw new NinepError(r.ename, r.errno);
  if (r.type === MsgType.Rlerror) throw new NinepError(`errno ${r.ecode}`, r.ecode);
  throw new Error(`expected ${MsgType[want]}, got ${describe(r)}`);
}

/** A reply in one line, for messages. */
export function describe(r: Fcall): string {
  if (r.type === MsgType.Rerror) return `Rerror "${r.ename}"`;
  if (r.type === MsgType.Rlerror) return `Rlerror ${r.ecode}`;
  return MsgType[r.type] ?? `type ${r.type}`;
}

/** True for a "permission denied" answer in any dialect. */
export function isPermissionDenied(e: unknown): boolean {
  return e instanceof NinepError && (e.ename === 'permission denied' || e.errno === EACCES || e.errno === EPERM);
}
