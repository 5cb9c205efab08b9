// The 9P client engine: one connection over any duplex byte stream. It negotiates the version
// and msize, gives every request a tag, lets requests overlap (replies are matched by tag, in
// whatever order they come), and turns an AbortSignal into Tflush.
//
// Flush rule (flush(5)): once Tflush(oldtag) is sent, oldtag stays reserved until the Rflush
// arrives. If the original reply comes first it wins (the request completes normally);
// otherwise the request fails with the signal's reason when the Rflush arrives. Either way the
// tag is released only then, so a late reply can never be taken for another request's.

import type { Duplex } from 'node:stream';
import { decode, encode, encodeHeader } from '../codec/codec.js';
import { CodecError } from '../codec/codec-error.js';
import { IOHDRSZ, NOTAG } from '../codec/constants.js';
import { isDialect, type Dialect } from '../codec/dialect.js';
import { DEFAULT_MAX_FRAME } from '../codec/framer.js';
import { takeBytes } from '../../transport/direct-read.js';
import { FramePool } from './frame-pool.js';
import { MsgType, msgTypeName } from '../codec/msg-type.js';
import type { Fcall, FcallOf, Rerror, Rlerror, Rread } from '../codec/types.js';
import { NinepError, type NinepFailureCode } from './errors.js';
import { FidPool } from './fid-pool.js';
import { ReplyReader } from './reply-reader.js';
import { TagPool } from './tag-pool.js';

/** The smallest msize the client accepts from a server (Linux's floor). */
export const MIN_MSIZE = 4096;
/** The msize asked for unless told otherwise. */
export const DEFAULT_CLIENT_MSIZE = 1 << 20;

/** Options of Client.connect. */
export interface ClientOptions {
  /** The msize to ask for; the server may answer less. Default 1 MiB, at least 4096. */
  msize?: number;
  /** The dialect to ask for: '9P2000' (default), '9P2000.u' or '9P2000.L'. */
  version?: Dialect;
  /** Trace every message (like lib9p's chatty9p): a function receiving one line per message. */
  debug?: (line: string) => void;
  /** Gives up waiting for Rversion (and, in mount, Rattach) when aborted; the stream is destroyed. */
  signal?: AbortSignal;
}

/** A request as the caller gives it: any T-message without its tag. */
export type Request = Fcall extends infer F ? (F extends Fcall ? Omit<F, 'tag'> : never) : never;

interface Pending {
  type: MsgType;
  resolve: (r: Fcall) => void;
  reject: (e: Error) => void;
  /** A Tread's destination: its Rread's data goes straight here (exactly the count asked). */
  into?: Uint8Array;
  /** Set once a Tflush went out for it: its reason, delivered when Rflush arrives first. */
  flushed?: unknown;
  /** The reply arrived (or the request failed). */
  answered: boolean;
  detach?: () => void;
}

/**
 * A 9P connection over any duplex stream: version negotiation, tags, pipelining (requests may
 * overlap; replies are matched by tag) and flush. File operations live in ClientFid and Fsys;
 * mount() does all of it for a dial string, a MessagePort or a Dev.
 *
 * @example
 * ```ts
 * import { Client, Fsys, dial } from 'segfs/9p';
 * import { serve } from 'segfs';
 * const srv = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
 * const client = await Client.connect(await dial(srv.address), { version: '9P2000.u' });
 * console.log(client.dialect, client.msize);     // 9P2000.u 1048576
 * const fs = await Fsys.attach(client, 'glenda');
 * console.log((await fs.ls('/')).length);       // 0: no segments yet
 * await fs.close();                             // clunks the root, closes the connection
 * await srv.close();
 * ```
 */
export class Client {
  /** The fid numbers in use. @internal */
  readonly fids = new FidPool();
  readonly #stream: Duplex;
  readonly #reader: ReplyReader;
  readonly #tags = new TagPool();
  readonly #pending = new Map<number, Pending>();
  readonly #trace: ((dir: string, m: Fcall) => void) | undefined;
  #msize = 0;
  #dialect: Dialect = '9P2000';
  #closed: NinepError | undefined;
  readonly #onClose: (() => void)[] = [];
  /** Buffers of large reply frames, reused once their data is given back (recycle). */
  readonly #frames = new FramePool();
  /** Where a direct socket reads what the reply reader does not place itself. */
  readonly #scratch = Buffer.allocUnsafe(64 * 1024);

  private constructor(stream: Duplex, trace?: (dir: string, m: Fcall) => void) {
    this.#stream = stream;
    this.#trace = trace;
    this.#reader = new ReplyReader({
      destination: (tag, count) => this.#destination(tag, count),
      readDone: (tag, count) => this.#readDone(tag, count),
      frame: (frame) => this.#frame(frame),
    }, DEFAULT_MAX_FRAME, (n) => this.#frames.alloc(n));
    // a socket from dial() reads where the reader says; any other stream gives 'data' chunks
    const direct = takeBytes(stream, {
      nextBuffer: () => (this.#closed ? undefined : this.#reader.nextBuffer()) ?? this.#scratch,
      take: (bytes) => this.#data(bytes, true),
    });
    if (!direct) stream.on('data', (chunk: Buffer) => this.#data(chunk, false));
    const closed = (): void => this.#fail(this.#failure('ECLOSED', 'connection closed'));
    stream.on('end', closed);
    stream.on('close', closed);
    stream.on('error', (e: Error) => this.#fail(this.#failure('ECLOSED', `connection failed: ${e.message}`)));
  }

  /**
   * Speaks 9P on `stream`: sends Tversion (tag NOTAG) and waits for Rversion.
   * @param stream - a connected duplex byte stream (a socket from dial(), …)
   * @param o - msize and dialect to ask for, a trace function, an AbortSignal to give up waiting
   * @returns the connected client
   * @throws RangeError for a bad msize or dialect name; NinepError code 'EVERSION' when the
   *   server refuses Tversion, answers `unknown`, a version this client did not ask for, or an
   *   msize below 4096 or above the one asked, 'ECLOSED' when the stream closes first, 'EPROTO'
   *   for an undecodable reply — the stream is then destroyed; the signal's reason when aborted
   */
  static async connect(stream: Duplex, o: ClientOptions = {}): Promise<Client> {
    const want = o.msize ?? DEFAULT_CLIENT_MSIZE;
    if (!Number.isInteger(want) || want < MIN_MSIZE || want > 0xffffffff) {
      throw new RangeError(`msize must be an integer of at least ${MIN_MSIZE}, got ${o.msize}`);
    }
    const version = o.version ?? '9P2000';
    if (!isDialect(version)) throw new RangeError(`unknown 9P dialect ${JSON.stringify(version)}`);
    // the formatter is loaded only when tracing: most connections never print a message
    let trace: ((dir: string, m: Fcall) => void) | undefined;
    if (o.debug !== undefined) {
      const [debug, { formatFcall }] = [o.debug, await import('../codec/fcall-format.js')];
      trace = (dir, m) => debug(`${dir} ${formatFcall(m)}`);
    }
    const c = new Client(stream, trace);
    c.#msize = want;
    let r: Fcall;
    const onAbort = (): void => c.#fail(c.#failure('ECLOSED', 'version negotiation aborted'));
    try {
      o.signal?.throwIfAborted();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      // NOTAG is reserved for Tversion: it never comes from the tag pool
      r = await new Promise<Fcall>((resolve, reject) => {
        c.#pending.set(NOTAG, { type: MsgType.Tversion, resolve, reject, answered: false });
        c.#send({ type: MsgType.Tversion, tag: NOTAG, msize: want, version });
      });
    } catch (e) {
      c.close();
      throw e;
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
    }
    const fail = (why: string): never => {
      c.close();
      throw c.#failure('EVERSION', why);
    };
    const rv = r as FcallOf<MsgType.Rversion>;
    if (rv.version === 'unknown') fail(`server does not speak ${version}`);
    if (!isDialect(rv.version) || !version.startsWith(rv.version)) fail(`server answered version ${JSON.stringify(rv.version)} to ${version}`);
    if (rv.msize < MIN_MSIZE) fail(`server msize ${rv.msize} is below ${MIN_MSIZE}`);
    if (rv.msize > want) fail(`server msize ${rv.msize} exceeds the ${want} asked for`);
    c.#msize = rv.msize;
    c.#dialect = rv.version as Dialect;
    c.#reader.maxSize = rv.msize;
    c.#frames.capacity = rv.msize;
    return c;
  }

  /** Negotiated msize: no message in either direction is larger. */
  get msize(): number {
    return this.#msize;
  }

  /** Negotiated dialect. */
  get dialect(): Dialect {
    return this.#dialect;
  }

  /** Bytes of data one Tread or Twrite can carry: msize − IOHDRSZ. */
  get iounit(): number {
    return this.msize - IOHDRSZ;
  }

  /** Requests sent and not yet answered (flushed ones count until their Rflush). */
  get outstanding(): number {
    return this.#tags.inUse;
  }

  /** True once the connection is closed or failed. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /**
   * Runs `f` when the connection closes (once), or at once if it is closed.
   * @param f - called with no arguments; it must not throw
   */
  onClose(f: () => void): void {
    if (this.#closed) f();
    else this.#onClose.push(f);
  }

  /**
   * Sends one request and resolves with its reply. An Rerror/Rlerror rejects with NinepError;
   * an aborted `signal` sends Tflush (see the file comment); a lost connection rejects with
   * NinepError with code ECLOSED. Requests may be issued concurrently; replies are matched
   * by tag.
   * @param req - any T-message without its tag
   * @param signal - aborting it sends Tflush; the call rejects with the signal's reason unless the reply came first
   * @returns the reply (R = the expected reply type)
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9
   *   string), 'ECLOSED' once the connection is gone, 'EPROTO' for a reply of the wrong type;
   *   CodecError for a request that cannot be encoded (nothing is sent)
   */
  rpc<R extends Fcall = Fcall>(req: Request, signal?: AbortSignal): Promise<R> {
    return this.#call<R>(req, signal, undefined);
  }

  /**
   * One Tread of `fid` at `offset` for `into.length` bytes (at most the iounit) whose reply's
   * data goes straight into `into`: no reply frame is kept, and from a socket made by dial()
   * most of the data is read by the kernel right into place. `into` must not be touched until
   * the call settles. Errors, flush and concurrency are as for rpc().
   * @param fid - a fid open for reading
   * @param offset - the file offset
   * @param into - where the bytes go, from its start
   * @param signal - aborting it sends Tflush; the call rejects with the signal's reason unless the reply came first
   * @returns the count read into `into`: 0 at the end of the file
   * @throws NinepError: the server's refusal, 'ECLOSED', 'EPROTO' (an Rread larger than asked)
   */
  async readInto(fid: number, offset: number | bigint, into: Uint8Array, signal?: AbortSignal): Promise<number> {
    const count = Math.min(into.length, this.iounit);
    const r = await this.#call<Rread>({ type: MsgType.Tread, fid, offset: BigInt(offset), count }, signal, into.subarray(0, count));
    return r.data.length;
  }

  async #call<R extends Fcall>(req: Request, signal: AbortSignal | undefined, into: Uint8Array | undefined): Promise<R> {
    if (this.#closed) throw this.#closed;
    signal?.throwIfAborted();
    const tag = await this.#tags.acquire();
    if (this.#closed) { this.#tags.release(tag); throw this.#closed; }
    if (signal?.aborted) { this.#tags.release(tag); throw signal.reason; }
    const msg = { ...req, tag } as Fcall;
    return new Promise<R>((resolve, reject) => {
      const p: Pending = { type: msg.type, resolve: resolve as (r: Fcall) => void, reject, answered: false, into };
      this.#pending.set(tag, p);
      if (signal !== undefined) {
        const onAbort = (): void => { this.#flush(tag, p, signal.reason); };
        signal.addEventListener('abort', onAbort, { once: true });
        p.detach = () => signal.removeEventListener('abort', onAbort);
      }
      try {
        this.#send(msg);
      } catch (e) {
        // not encodable (a field too wide, a string too long): nothing went out
        p.detach?.();
        this.#pending.delete(tag);
        this.#tags.release(tag);
        reject(e);
      }
    });
  }

  /** Closes the connection; outstanding requests fail with ECLOSED. */
  close(): void {
    this.#fail(this.#failure('ECLOSED', 'connection closed'));
  }

  #send(msg: Fcall): void {
    this.#trace?.('->', msg);
    if (msg.type === MsgType.Twrite && msg.data.length > 4096) {
      // header and payload back to back: no copy of the data into a frame
      const header = encodeHeader(msg, this.dialect);
      this.#stream.cork();
      this.#stream.write(header);
      this.#stream.write(msg.data);
      process.nextTick(() => this.#stream.uncork());
    } else {
      this.#stream.write(encode(msg, this.dialect));
    }
  }

  /**
   * A buffer of `size` bytes for readInto, from the memory of given-back replies when there
   * is some; give it back with recycle once done with it.
   * @param size - bytes (at most the msize for the memory to be reused)
   * @returns the buffer, its contents undefined
   */
  readBuffer(size: number): Buffer {
    return this.#frames.alloc(size);
  }

  /**
   * Gives back a reply's data (an Rread's `data`) or a readBuffer the caller no longer uses,
   * not even through a view, and no request still reads into: its memory is reused for a
   * later large reply. Anything else is ignored.
   * @param data - an Rread's data or a readBuffer
   */
  recycle(data: Uint8Array): void {
    this.#frames.recycle(data);
  }

  #flush(oldtag: number, p: Pending, reason: unknown): void {
    if (this.#closed || p.answered || p.flushed !== undefined || this.#pending.get(oldtag) !== p) return;
    p.flushed = reason ?? new Error('aborted');
    void (async () => {
      const tag = await this.#tags.acquire();
      if (this.#closed) { this.#tags.release(tag); return; }
      const f: Pending = {
        type: MsgType.Tflush, answered: false,
        resolve: () => this.#flushed(oldtag, p),
        reject: () => this.#flushed(oldtag, p),
      };
      this.#pending.set(tag, f);
      this.#send({ type: MsgType.Tflush, tag, oldtag });
    })();
  }

  /** Rflush for `oldtag` arrived: the original request ends now if its reply did not come. */
  #flushed(oldtag: number, p: Pending): void {
    if (this.#pending.get(oldtag) === p) this.#pending.delete(oldtag);
    if (!p.answered) {
      p.answered = true;
      p.reject(p.flushed as Error);
    }
    this.#tags.release(oldtag);
  }

  #data(chunk: Uint8Array, transient: boolean): void {
    if (this.#closed) return;
    try {
      this.#reader.push(chunk, transient);
    } catch (e) {
      this.#fail(this.#failure('EPROTO', `bad frame from server: ${(e as Error).message}`));
    }
  }

  /** The destination of the Tread `tag` is waiting on, for an Rread of `count` bytes. */
  #destination(tag: number, count: number): Uint8Array | undefined {
    const into = this.#pending.get(tag);
    if (into === undefined || into.answered || into.into === undefined) return undefined;
    if (count > into.into.length) throw new Error(`Rread of ${count} bytes to a Tread of ${into.into.length}`);
    return into.into;
  }

  /** The Rread to `tag` is all in its destination. */
  #readDone(tag: number, count: number): void {
    if (this.#closed) return;
    const into = this.#pending.get(tag)!.into!;
    this.#reply({ type: MsgType.Rread, tag, data: into.subarray(0, count) });
  }

  #frame(frame: Buffer): void {
    if (this.#closed) return;
    let r: Fcall;
    try {
      r = decode(frame, this.dialect);
    } catch (e) {
      const m = e instanceof CodecError ? e.message : String(e);
      this.#fail(this.#failure('EPROTO', `undecodable reply: ${m}`));
      return;
    }
    this.#reply(r);
  }

  #reply(r: Fcall): void {
    this.#trace?.('<-', r);
    const p = this.#pending.get(r.tag);
    if (p === undefined || p.answered) {
      this.#fail(this.#failure('EPROTO', `reply ${msgTypeName(r.type)} for unknown tag ${r.tag}`));
      return;
    }
    p.answered = true;
    p.detach?.();
    if (r.type === MsgType.Rerror || r.type === MsgType.Rlerror) p.reject(this.#refusal(p.type, r));
    else if (r.type !== p.type + 1) {
      p.reject(this.#failure('EPROTO', `${msgTypeName(p.type)} answered with ${msgTypeName(r.type)}`));
    } else p.resolve(r);
    if (p.flushed === undefined) {
      this.#pending.delete(r.tag);
      if (r.tag !== NOTAG) this.#tags.release(r.tag);
    }
    // a flushed request keeps its tag (and its entry, marked answered) until Rflush
  }

  /** The error for an Rerror/Rlerror; a refused Tversion is a failed negotiation. */
  #refusal(asked: MsgType, r: Rerror | Rlerror): NinepError {
    const e = r.type === MsgType.Rlerror
      ? NinepError.refusal(undefined, r.ecode, this.dialect)
      : NinepError.refusal(r.ename, this.dialect === '9P2000.u' ? r.errno : undefined, this.dialect);
    return asked === MsgType.Tversion ? this.#failure('EVERSION', `Tversion refused: ${e.message}`) : e;
  }

  #failure(code: NinepFailureCode, message: string): NinepError {
    return NinepError.failure(code, message, this.dialect);
  }

  #fail(e: NinepError): void {
    if (this.#closed) return;
    this.#closed = e;
    for (const [, p] of this.#pending) {
      p.detach?.();
      if (!p.answered) { p.answered = true; p.reject(e); }
    }
    this.#pending.clear();
    this.#stream.destroy();
    for (const f of this.#onClose.splice(0)) f();
  }
}
