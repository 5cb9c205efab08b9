// A codec-level 9P client for the #p tests: T-messages encoded with the codec, R-messages
// framed from the stream by their size[4] and decoded, replies matched by tag. Errors come
// back as the Rerror string (9P2000) or the Rlerror errno (9P2000.L). Test-only: it joins
// chunks by copying.

import type { Duplex } from 'node:stream';
import { decode, encode } from '../../src/9p/codec/codec.js';
import { NOFID, NONUNAME, NOTAG } from '../../src/9p/codec/constants.js';
import type { Dialect } from '../../src/9p/codec/dialect.js';
import { MsgType, type Fcall, type Stat } from '../../src/9p/codec/types.js';
import type { Dev } from '../../src/dev/dev.js';
import { NinepServer } from '../../src/9p/server/server.js';
import { duplexPair } from '../helpers/pair.js';

type Request = Fcall extends infer F ? (F extends Fcall ? Omit<F, 'tag'> : never) : never;

/** An error reply: `ename` for 9P2000, `errno` for 9P2000.L. */
export class WireFail extends Error {
  constructor(readonly ename: string | undefined, readonly errno: number | undefined) {
    super(ename ?? `errno ${errno}`);
  }
}

export class Wire {
  #buf = Buffer.alloc(0);
  #waiting = new Map<number, (f: Fcall) => void>();
  #tag = 1;
  #fid = 1;

  constructor(readonly stream: Duplex, readonly dialect: Dialect) {
    stream.on('data', (chunk: Buffer) => this.#data(chunk));
    stream.on('error', () => {});
  }

  #data(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
    while (this.#buf.length >= 4 && this.#buf.length >= this.#buf.readUInt32LE(0)) {
      const size = this.#buf.readUInt32LE(0);
      const f = decode(Buffer.from(this.#buf.subarray(0, size)), this.dialect);
      this.#buf = this.#buf.subarray(size);
      const w = this.#waiting.get(f.tag);
      this.#waiting.delete(f.tag);
      w?.(f);
    }
  }

  /** Sends `req` and resolves with its reply; an Rerror/Rlerror rejects with WireFail. */
  rpc(req: Request, tag = this.#nextTag()): Promise<Fcall> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(tag, (f) => {
        if (f.type === MsgType.Rerror) reject(new WireFail(f.ename, f.errno));
        else if (f.type === MsgType.Rlerror) reject(new WireFail(undefined, f.ecode));
        else resolve(f);
      });
      this.stream.write(encode({ ...req, tag } as Fcall, this.dialect));
    });
  }

  #nextTag(): number {
    const t = this.#tag;
    this.#tag = (this.#tag % 60000) + 1;
    return t;
  }

  newFid(): number {
    return this.#fid++;
  }

  async version(): Promise<void> {
    await this.rpc({ type: MsgType.Tversion, msize: 65536, version: this.dialect }, NOTAG);
  }

  /** Attaches `uname` to aname `#p`; returns the root fid. */
  async attach(uname: string, aname = '#p'): Promise<number> {
    const fid = this.newFid();
    await this.rpc({ type: MsgType.Tattach, fid, afid: NOFID, uname, aname, nUname: NONUNAME });
    return fid;
  }

  /** Walks `path` from `from`; returns the new fid. */
  async walk(from: number, path: string): Promise<number> {
    const fid = this.newFid();
    await this.rpc({ type: MsgType.Twalk, fid: from, newfid: fid, wname: path === '' ? [] : path.split('/') });
    return fid;
  }

  /** Opens `fid` with Plan 9 mode `mode` (Tlopen with the Linux flags for .L); returns the qid path. */
  async open(fid: number, mode: number): Promise<bigint> {
    const r = this.dialect === '9P2000.L'
      ? await this.rpc({ type: MsgType.Tlopen, fid, flags: mode & 3 })
      : await this.rpc({ type: MsgType.Topen, fid, mode });
    return (r as { qid: { path: bigint } }).qid.path;
  }

  async read(fid: number, offset = 0, count = 8192): Promise<string> {
    const r = await this.rpc({ type: MsgType.Tread, fid, offset: BigInt(offset), count });
    return Buffer.from((r as { data: Uint8Array }).data).toString('latin1');
  }

  async write(fid: number, text: string, offset = 0): Promise<number> {
    const r = await this.rpc({ type: MsgType.Twrite, fid, offset: BigInt(offset), data: Buffer.from(text, 'latin1') });
    return (r as { count: number }).count;
  }

  async clunk(fid: number): Promise<void> {
    await this.rpc({ type: MsgType.Tclunk, fid });
  }

  async stat(fid: number): Promise<Stat> {
    return ((await this.rpc({ type: MsgType.Tstat, fid })) as { stat: Stat }).stat;
  }

  /** Twstat changing only the length (what Linux sends to truncate over 9P2000/.u). */
  async truncate(fid: number): Promise<void> {
    const none = 0xffffffff;
    const stat: Stat = {
      type: 0xffff, dev: none, qid: { type: 0xff, vers: none, path: (1n << 64n) - 1n }, mode: none,
      atime: none, mtime: none, length: 0n, name: '', uid: '', gid: '', muid: '',
      extension: '', nUid: NONUNAME, nGid: NONUNAME, nMuid: NONUNAME,
    };
    await this.rpc({ type: MsgType.Twstat, fid, stat });
  }

  /** Opens `path` under `root` with `mode`; returns the open fid. */
  async openPath(root: number, path: string, mode: number): Promise<number> {
    const fid = await this.walk(root, path);
    await this.open(fid, mode);
    return fid;
  }

  /** Writes `cmd` to `path` (a ctl) on one fid and reads the result back on it. */
  async ctl(root: number, path: string, cmd: string): Promise<string> {
    const fid = await this.openPath(root, path, 2);
    try {
      await this.write(fid, cmd);
      return await this.read(fid);
    } finally {
      await this.clunk(fid);
    }
  }

  /** The error of `p`: the string for 9P2000, the errno for .L. */
  static async failure(p: Promise<unknown>): Promise<string | number> {
    try {
      await p;
    } catch (e) {
      if (e instanceof WireFail) return e.ename ?? e.errno!;
      throw e;
    }
    throw new Error('expected an error reply');
  }
}

/** `dev` served by a NinepServer with eve `eve` over an in-memory pair; a versioned client. */
export async function connect(dev: Dev, eve: string, dialect: Dialect = '9P2000'): Promise<[Wire, NinepServer]> {
  const server = new NinepServer({ dev, eve, log: () => {} });
  const [a, b] = duplexPair();
  server.accept(a);
  const w = new Wire(b, dialect);
  await w.version();
  return [w, server];
}
