// The tests' 9P client, on the project's codec: frames bytes from a stream, sends T-messages,
// collects R-messages in arrival order (so tests can assert reply order) and waits for the
// reply to a tag. Two levels: one call per message with the fids the test picks (attach, walk,
// open…), and path-level steps on fids it numbers itself (root, walkTo, openPath, ctl…).
// Errors: `call` throws ServerError carrying the Rerror string (9P2000, .u) or the Rlerror
// errno (.L); `fails` and `error` return that code. Test-only: it concatenates chunks, which
// the server must never do.

import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Dev } from '../../src/dev/dev.js';
import { NinepServer, type ServerOptions } from '../../src/9p/server/server.js';
import { duplexPair } from './pair.js';
import { decode, encode } from '../../src/9p/codec/codec.js';
import { NOFID, NOTAG, NONUNAME } from '../../src/9p/codec/constants.js';
import type { Dialect } from '../../src/9p/codec/dialect.js';
import { MsgType, type Fcall, type FcallOf, type Qid, type Rerror, type Rlerror, type Stat } from '../../src/9p/codec/types.js';

/** Fids the path-level steps number themselves start here, above those tests pick by hand. */
const FIRST_AUTO_FID = 0x8000;

export class TestClient {
  readonly replies: Fcall[] = [];
  #buf = Buffer.alloc(0);
  #waiters = new Map<number, (f: Fcall) => void>();
  #nextTag = 1;
  #nextFid = FIRST_AUTO_FID;
  #closed = false;
  #closeWaiters: (() => void)[] = [];
  dialect: Dialect;

  constructor(readonly stream: Duplex, dialect: Dialect = '9P2000') {
    this.dialect = dialect;
    stream.on('data', (chunk: Buffer) => this.#data(chunk));
    stream.on('close', () => { this.#closed = true; for (const w of this.#closeWaiters) w(); });
    stream.on('end', () => { this.#closed = true; for (const w of this.#closeWaiters) w(); });
    stream.on('error', () => {});
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves when the server closes the connection. */
  whenClosed(): Promise<void> {
    return this.#closed ? Promise.resolve() : new Promise((r) => this.#closeWaiters.push(r));
  }

  #data(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
    while (this.#buf.length >= 4) {
      const size = this.#buf.readUInt32LE(0);
      if (this.#buf.length < size) break;
      const frame = Buffer.from(this.#buf.subarray(0, size));
      this.#buf = this.#buf.subarray(size);
      const f = decode(frame, this.dialect);
      this.replies.push(f);
      const w = this.#waiters.get(f.tag);
      if (w) { this.#waiters.delete(f.tag); w(f); }
    }
  }

  tag(): number {
    const t = this.#nextTag;
    this.#nextTag = (this.#nextTag % 60000) + 1;
    return t;
  }

  /** Sends `f` without waiting. */
  send(f: Fcall): void {
    this.stream.write(encode(f, this.dialect));
  }

  /** Sends raw bytes. */
  sendRaw(b: Uint8Array): void {
    this.stream.write(b);
  }

  /** Sends raw bytes and gives back every byte the server writes until `replies` more replies have come. */
  async rawExchange(b: Uint8Array, replies: number): Promise<Buffer> {
    const got: Buffer[] = [];
    const take = (chunk: Buffer): void => { got.push(Buffer.from(chunk)); };
    this.stream.on('data', take);
    const n = this.replies.length;
    this.sendRaw(b);
    while (this.replies.length < n + replies) await new Promise((r) => setImmediate(r));
    this.stream.off('data', take);
    return Buffer.concat(got);
  }

  /** The next reply with `tag`. */
  wait(tag: number): Promise<Fcall> {
    return new Promise((resolve) => this.#waiters.set(tag, resolve));
  }

  /** Sends `f` (tag filled in when 0 is not wanted) and waits for its reply. */
  async rpc(f: Fcall): Promise<Fcall> {
    const p = this.wait(f.tag);
    this.send(f);
    return p;
  }

  /** rpc that expects the reply type `want`; throws the server's error otherwise. */
  async call<T extends MsgType>(want: T, f: Fcall): Promise<FcallOf<T>> {
    const r = await this.rpc(f);
    if (r.type !== want) throw new ServerError(r);
    return r as FcallOf<T>;
  }

  async version(msize = 8192, version: string = this.dialect): Promise<FcallOf<MsgType.Rversion>> {
    const r = await this.call(MsgType.Rversion, { type: MsgType.Tversion, tag: NOTAG, msize, version });
    return r;
  }

  async attach(fid: number, uname: string, aname = '', nUname = NONUNAME): Promise<Qid> {
    const t: Fcall = { type: MsgType.Tattach, tag: this.tag(), fid, afid: NOFID, uname, aname };
    if (this.dialect !== '9P2000') t.nUname = nUname;
    return (await this.call(MsgType.Rattach, t)).qid;
  }

  async walk(fid: number, newfid: number, ...wname: string[]): Promise<Qid[]> {
    return (await this.call(MsgType.Rwalk, { type: MsgType.Twalk, tag: this.tag(), fid, newfid, wname })).wqid;
  }

  async open(fid: number, mode: number): Promise<FcallOf<MsgType.Ropen>> {
    return this.call(MsgType.Ropen, { type: MsgType.Topen, tag: this.tag(), fid, mode });
  }

  async create(fid: number, name: string, perm: number, mode: number): Promise<FcallOf<MsgType.Rcreate>> {
    const t: Fcall = { type: MsgType.Tcreate, tag: this.tag(), fid, name, perm, mode };
    if (this.dialect === '9P2000.u') t.extension = '';
    return this.call(MsgType.Rcreate, t);
  }

  async read(fid: number, offset: number | bigint, count: number): Promise<Buffer> {
    const r = await this.call(MsgType.Rread, { type: MsgType.Tread, tag: this.tag(), fid, offset: BigInt(offset), count });
    return Buffer.from(r.data);
  }

  async write(fid: number, offset: number | bigint, data: string | Uint8Array): Promise<number> {
    const d = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    return (await this.call(MsgType.Rwrite, { type: MsgType.Twrite, tag: this.tag(), fid, offset: BigInt(offset), data: d })).count;
  }

  async clunk(fid: number): Promise<void> {
    await this.call(MsgType.Rclunk, { type: MsgType.Tclunk, tag: this.tag(), fid });
  }

  async remove(fid: number): Promise<void> {
    await this.call(MsgType.Rremove, { type: MsgType.Tremove, tag: this.tag(), fid });
  }

  async stat(fid: number): Promise<FcallOf<MsgType.Rstat>['stat']> {
    return (await this.call(MsgType.Rstat, { type: MsgType.Tstat, tag: this.tag(), fid })).stat;
  }

  /** The error a request gets: the Rerror string (9P2000/.u) or the Rlerror errno (.L). */
  async error(f: Fcall): Promise<string | number> {
    const r = await this.rpc(f);
    if (r.type === MsgType.Rerror) return (r as Rerror).ename;
    if (r.type === MsgType.Rlerror) return (r as Rlerror).ecode;
    throw new Error(`expected an error, got ${MsgType[r.type]}`);
  }

  // ---- path-level steps: each new fid numbered by the client ----

  /** A fid number not used yet by the path-level steps. */
  newFid(): number {
    return this.#nextFid++;
  }

  /** Attaches `uname` to `aname` on a new fid; returns it. */
  async root(uname: string, aname = ''): Promise<number> {
    const fid = this.newFid();
    await this.attach(fid, uname, aname);
    return fid;
  }

  /** Walks `path` ('a/b'; '' clones) from `from` to a new fid; returns it. */
  async walkTo(from: number, path: string): Promise<number> {
    const fid = this.newFid();
    await this.walk(from, fid, ...(path === '' ? [] : path.split('/')));
    return fid;
  }

  /** Opens `fid` with Plan 9 mode `mode`: Topen, or in 9P2000.L Tlopen with the Linux access flags. */
  async lopenOrOpen(fid: number, mode: number): Promise<Qid> {
    if (this.dialect !== '9P2000.L') return (await this.open(fid, mode)).qid;
    return (await this.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: this.tag(), fid, flags: mode & 3 })).qid;
  }

  /** Walks `path` from `root` to a new fid and opens it with `mode`; returns the open fid. */
  async openPath(root: number, path: string, mode: number): Promise<number> {
    const fid = await this.walkTo(root, path);
    await this.lopenOrOpen(fid, mode);
    return fid;
  }

  /** Reads up to `count` bytes at `offset` as latin1 text. */
  async readText(fid: number, offset: number | bigint = 0, count = 8192): Promise<string> {
    return (await this.read(fid, offset, count)).toString('latin1');
  }

  /** Twstat changing only the length (what Linux sends to truncate over 9P2000/.u). */
  async truncate(fid: number): Promise<void> {
    const none = 0xffffffff;
    const stat: Stat = {
      type: 0xffff, dev: none, qid: { type: 0xff, vers: none, path: (1n << 64n) - 1n }, mode: none,
      atime: none, mtime: none, length: 0n, name: '', uid: '', gid: '', muid: '',
      extension: '', nUid: NONUNAME, nGid: NONUNAME, nMuid: NONUNAME,
    };
    await this.call(MsgType.Rwstat, { type: MsgType.Twstat, tag: this.tag(), fid, stat });
  }

  /** Writes `cmd` to the ctl file `path` under `root` on one fid and reads the result back on it. */
  async ctl(root: number, path: string, cmd: string): Promise<string> {
    const fid = await this.openPath(root, path, 2);
    try {
      await this.write(fid, 0, cmd);
      return await this.readText(fid);
    } finally {
      await this.clunk(fid);
    }
  }

  /** The error of an async call. */
  async fails(p: Promise<unknown>): Promise<string | number> {
    try {
      await p;
    } catch (e) {
      if (e instanceof ServerError) return e.code;
      throw e;
    }
    throw new Error('expected the server to answer with an error');
  }
}

/** A reply that was not the expected one. */
export class ServerError extends Error {
  readonly code: string | number;
  constructor(readonly reply: Fcall) {
    const code = reply.type === MsgType.Rerror ? (reply as Rerror).ename
      : reply.type === MsgType.Rlerror ? (reply as Rlerror).ecode : `unexpected ${MsgType[reply.type]}`;
    super(`server answered ${String(code)}`);
    this.code = code;
  }
}

/** A server for `dev` and a client connected to it over an in-memory pair. */
export function pairWith(dev: Dev, dialect: Dialect = '9P2000', o: Partial<ServerOptions> = {}): { client: TestClient; server: NinepServer } {
  const server = new NinepServer({ dev, eve: 'eve', log: () => {}, ...o });
  const [a, b] = duplexPair();
  server.accept(a);
  return { client: new TestClient(b, dialect), server };
}

/** Connects over TCP to a server listening on loopback. */
export async function tcpClient(address: string, dialect: Dialect = '9P2000'): Promise<TestClient> {
  const [, host, port] = address.split('!');
  const sock = netConnect({ host: host!, port: Number(port) });
  await new Promise<void>((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
  sock.setNoDelay(true);
  return new TestClient(sock, dialect);
}
