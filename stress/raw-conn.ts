// A raw 9P connection over TCP loopback, built only from the codec (encode, decode, Framer)
// and none of the project's client library, so a client bug cannot hide a server bug.
// Every reply is checked as it arrives: it must decode in the session's dialect and be no
// longer than the session's msize; anything else is recorded as a malformed reply.

import { connect, type Socket } from 'node:net';
import {
  decode, encode, Framer, isDialect, MsgType, NOTAG, type Dialect, type Fcall,
} from '../src/public/9p.js';

/** Where every connection records the malformed replies it saw. */
export class ReplyAudit {
  replies = 0;
  /** Count of malformed replies (the kept list stops at 20). */
  malformedCount = 0;
  readonly malformed: string[] = [];

  add(what: string): void {
    if (this.malformed.length < 20) this.malformed.push(what);
    else if (this.malformed.length === 20) this.malformed.push('… (more not kept)');
  }

}

/** A request without its tag: rpc() picks a free one. */
export type Request = Fcall extends infer F ? (F extends Fcall ? Omit<F, 'tag'> : never) : never;

/** One reply as it arrived, numbered in arrival order on its connection. */
export interface Arrival { seq: number; tag: number; type: number }

/** The largest msize the server offers (segfs serve's default). */
export const SERVER_MSIZE = 1 << 20;

interface Waiter { resolve: (f: Fcall) => void; reject: (e: Error) => void; timer: NodeJS.Timeout | undefined }

export class RawConn {
  readonly socket: Socket;
  /** The dialect replies are decoded in: the last Rversion's, '9P2000' before one. */
  dialect: Dialect;
  /** The reply size limit: the last Rversion's msize. */
  msize: number;
  /** Called with every well-formed reply, after the checks. */
  onReply: ((f: Fcall) => void) | undefined;
  /** Replies in arrival order, when `log` is set. */
  readonly log: Arrival[] = [];
  logging = false;
  replies = 0;
  closed = false;
  readonly closedPromise: Promise<void>;
  readonly #audit: ReplyAudit;
  readonly #waiters = new Map<number, Waiter>();
  #nextTag = 1;

  private constructor(socket: Socket, audit: ReplyAudit, dialect: Dialect) {
    this.socket = socket;
    this.#audit = audit;
    this.dialect = dialect;
    this.msize = SERVER_MSIZE;
    const framer = new Framer((frame) => this.#frame(frame), { maxSize: 64 << 20 });
    socket.on('data', (chunk: Buffer) => {
      if (this.closed) return;
      try {
        framer.push(chunk);
      } catch (e) {
        this.#bad(`unframeable reply stream: ${(e as Error).message}`);
        socket.destroy();
      }
    });
    this.closedPromise = new Promise((resolve) => {
      socket.once('close', () => {
        this.closed = true;
        for (const w of this.#waiters.values()) { clearTimeout(w.timer); w.reject(new Error('connection closed')); }
        this.#waiters.clear();
        resolve();
      });
    });
    socket.on('error', () => {});
  }

  /** Connects to 127.0.0.1:port; `dialect` is only how replies are decoded until an Rversion. */
  static connect(port: number, audit: ReplyAudit, dialect: Dialect = '9P2000'): Promise<RawConn> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port, noDelay: true });
      s.once('connect', () => { s.removeListener('error', reject); resolve(new RawConn(s, audit, dialect)); });
      s.once('error', reject);
    });
  }

  /** Requests sent with rpc() and not yet answered. */
  get outstanding(): number {
    return this.#waiters.size;
  }

  /** Writes one message as is (its tag included), encoded in `dialect` (default: the session's). */
  send(f: Fcall, dialect: Dialect = this.dialect): boolean {
    if (this.closed) return false;
    return this.socket.write(encode(f, dialect));
  }

  /** Writes raw bytes. */
  write(bytes: Uint8Array): boolean {
    if (this.closed) return false;
    return this.socket.write(bytes);
  }

  /** A tag no rpc() is waiting on (never NOTAG). */
  freeTag(): number {
    for (let i = 0; i < 0xffff; i++) {
      const t = this.#nextTag;
      this.#nextTag = (this.#nextTag + 1) % NOTAG;
      if (!this.#waiters.has(t)) return t;
    }
    throw new Error('no free tag');
  }

  /** Sends `req` with a free tag (or `tag`) and resolves with its reply; rejects on close or after `timeoutMs`. */
  rpc(req: Request, timeoutMs = 20000, tag = this.freeTag()): Promise<Fcall> {
    return new Promise((resolve, reject) => {
      if (this.closed) { reject(new Error('connection closed')); return; }
      const timer = timeoutMs > 0
        ? setTimeout(() => { this.#waiters.delete(tag); reject(new Error(`no reply to ${MsgType[req.type]} in ${timeoutMs} ms`)); }, timeoutMs)
        : undefined;
      this.#waiters.set(tag, { resolve, reject, timer });
      this.send({ ...req, tag } as Fcall);
    });
  }

  /** Negotiates `version` at `msize` (tag NOTAG, as version(5) says); resolves with the Rversion. */
  async version(version: string, msize: number): Promise<Fcall> {
    const r = await this.rpc({ type: MsgType.Tversion, msize, version }, 20000, NOTAG);
    return r;
  }

  /** Closes the socket at once. */
  destroy(): void {
    this.socket.destroy();
  }

  #bad(what: string): void {
    this.#audit.malformedCount++;
    this.#audit.add(what);
  }

  #frame(frame: Buffer): void {
    this.replies++;
    this.#audit.replies++;
    let f: Fcall;
    try {
      f = decode(frame, this.dialect);
    } catch (e) {
      this.#bad(`${this.dialect} reply does not decode (${(e as Error).message}): ${hex(frame)}`);
      return;
    }
    if (frame.length > this.msize) {
      this.#bad(`${this.dialect} ${MsgType[f.type]} of ${frame.length} bytes exceeds msize ${this.msize}`);
    }
    if ((f.type & 1) === 0) this.#bad(`${this.dialect} server sent a T-message ${MsgType[f.type]}`);
    if (f.type === MsgType.Rversion) {
      if (isDialect(f.version)) {
        this.dialect = f.version;
        this.msize = f.msize;
      } else {
        this.dialect = '9P2000';
        this.msize = SERVER_MSIZE;
      }
    }
    if (this.logging) this.log.push({ seq: this.log.length, tag: f.tag, type: f.type });
    this.onReply?.(f);
    const w = this.#waiters.get(f.tag);
    if (w !== undefined) {
      this.#waiters.delete(f.tag);
      clearTimeout(w.timer);
      w.resolve(f);
    }
  }
}

function hex(b: Uint8Array): string {
  const s = Buffer.from(b.subarray(0, 32)).toString('hex');
  return b.length > 32 ? `${s}… (${b.length} bytes)` : s;
}
