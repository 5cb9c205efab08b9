// Path-level file operations on an attached tree, like plan9port's lib9pclient (fsopen,
// fscreate, fsdirreadall, …): every call walks from the root fid, does its work, and clunks
// what it walked, so an Fsys holds exactly one fid (the root) between calls.

import { NOFID } from '../codec/constants.js';
import { DMDIR, OREAD, OTRUNC, OWRITE } from '../../lib9/modes.js';
import { MsgType } from '../codec/msg-type.js';
import type { Rattach, Stat } from '../codec/types.js';
import type { Client } from './client.js';
import { ClientFid, type StatChanges } from './fid.js';
import type { Readable, Writable } from 'node:stream';
import { readableOf, writableTo, type FileWriteStreamOptions } from './path-stream.js';
import { readWhole } from './read-whole.js';
import {
  readStream as readFid, writeStream as writeFid, type ReadStreamOptions, type WriteStreamOptions,
} from './stream.js';

/**
 * Splits a slash-separated path into walk names ('' and '.' dropped).
 * @param path - a path relative to a root ('a/b', '/a/./b')
 * @returns the names (['a', 'b'])
 */
export function pathNames(path: string): string[] {
  return path.split('/').filter((n) => n !== '' && n !== '.');
}

/**
 * An attached file tree of a 9P server, with path operations like plan9port's lib9pclient:
 * each call walks from the root, does its work and clunks what it walked. Calls may run
 * concurrently. Every call rejects with NinepError for a refusal of the server (its `code`
 * the errno name, 'ENOENT' …; its message the Plan 9 string) or a lost connection
 * ('ECLOSED'). Namespace (from mount) is an Fsys.
 */
export class Fsys {
  /**
   * Use Fsys.attach (or mount) to make one.
   * @param client - the connection
   * @param root - the attach fid
   * @param user - the user attached as
   */
  constructor(
    /** The 9P connection. */
    readonly client: Client,
    /** The attach fid: the root of the tree. */
    readonly root: ClientFid,
    /** The user the tree was attached as. */
    readonly user: string,
  ) {}

  /**
   * Attaches `uname` to the tree `aname`. `nUname` is the numeric user of 9P2000.u/.L
   * (default: none, ~0). With `secret`, first proves knowledge of it through Tauth and attaches
   * with that afid (docs/security.md); without, attaches with afid NOFID.
   * @param client - a connected client
   * @param uname - the user name
   * @param aname - the tree to attach
   * @param nUname - the numeric user (9P2000.u/.L)
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @param secret - the shared secret of segfs's authentication, when the server requires it
   * @returns the attached tree
   * @throws NinepError: the server's refusal (code 'ENOENT' for an unknown aname, 'EACCES' for `authentication failed` or `authentication required`, …), or 'ECLOSED'
   */
  static async attach(client: Client, uname: string, aname = '', nUname?: number, signal?: AbortSignal,
    secret?: Uint8Array): Promise<Fsys> {
    // loaded only to authenticate: most attaches never need the crypto behind it
    const auth = secret === undefined ? undefined : await import('./auth.js');
    const afid = auth === undefined ? NOFID : await auth.authenticate(client, secret!, uname, aname, nUname, signal);
    const fid = client.fids.alloc();
    try {
      const r = await client.rpc<Rattach>({ type: MsgType.Tattach, fid, afid, uname, aname, nUname }, signal);
      return new Fsys(client, new ClientFid(client, fid, r.qid, '/'), uname);
    } catch (e) {
      client.fids.free(fid);
      throw e;
    } finally {
      if (afid !== NOFID) await auth!.clunkAfid(client, afid);
    }
  }

  /**
   * A new fid for `path` (relative to the root); the caller clunks it.
   * @param path - the file
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the fid, not open
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  walk(path: string, signal?: AbortSignal): Promise<ClientFid> {
    return this.root.walk(pathNames(path), signal);
  }

  /**
   * `path` opened with `mode`; the caller clunks it. For a large file, read it in pieces with
   * readStream(fid) or fid.readAt, write with writeStream(fid).
   * @param path - the file
   * @param mode - OREAD, OWRITE, ORDWR or OEXEC, with OTRUNC or ORCLOSE
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the open fid
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async open(path: string, mode: number, signal?: AbortSignal): Promise<ClientFid> {
    const f = await this.walk(path, signal);
    try {
      return await f.open(mode, signal);
    } catch (e) {
      await f.clunk();
      throw e;
    }
  }

  /**
   * Creates `path` with `perm` and opens it with `mode`; the caller clunks it.
   * @param path - the new file
   * @param perm - permission bits, with DMDIR for a directory
   * @param mode - the open mode
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the open fid of the new file
   * @throws RangeError for a path without a name; NinepError: the server's refusal (code
   *   'EEXIST' for `file already exists`, 'EACCES', …), or 'ECLOSED'
   */
  async create(path: string, perm: number, mode: number, signal?: AbortSignal): Promise<ClientFid> {
    const names = pathNames(path);
    const name = names.pop();
    if (name === undefined) throw new RangeError(`create: no name in path ${JSON.stringify(path)}`);
    const f = await this.root.walk(names, signal);
    try {
      return await f.create(name, perm, mode, undefined, signal);
    } catch (e) {
      await f.clunk();
      throw e;
    }
  }

  /**
   * The whole contents of `path`, several reads in flight. A file larger than one Buffer can
   * hold (buffer.constants.MAX_LENGTH) is refused with a RangeError (code
   * ERR_FS_FILE_TOO_LARGE) before its bytes are read: stream it with createReadStream.
   * @param path - the file
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns its bytes
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async readFile(path: string, signal?: AbortSignal): Promise<Uint8Array> {
    const f = await this.open(path, OREAD, signal);
    try {
      return await readWhole(f, path, { signal });
    } finally {
      await f.clunk();
    }
  }

  /**
   * The bytes of `path` from `start` to `end` (default: its end) as they arrive, `depth`
   * reads in flight (default 8); memory stays bounded by depth × iounit whatever the size.
   * Each chunk stays valid. Ending the iteration early clunks the file.
   * @param path - the file
   * @param o - start, end, depth, and a signal (or a function giving one per request)
   * @returns an async iterable of the file's chunks, in order
   * @throws NinepError (the server's refusal, 'ECLOSED') or the signal's reason, from the iteration
   */
  async *readStream(path: string, o: ReadStreamOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
    const f = await this.open(path, OREAD, typeof o.signal === 'function' ? undefined : o.signal);
    try {
      yield* readFid(f, { ...o, recycle: false });
    } finally {
      await f.clunk();
    }
  }

  /**
   * A Node Readable of `path` from `start` to `end` (readStream with backpressure).
   * @param path - the file
   * @param o - start, end, depth, signal
   * @returns the stream; a failure is its 'error' event (NinepError)
   */
  createReadStream(path: string, o: ReadStreamOptions = {}): Readable {
    return readableOf(this.readStream(path, o));
  }

  /**
   * Writes every chunk of `source` to `path` from `start` (opened OWRITE, not truncated),
   * `depth` writes in flight, taking from the source only when there is room.
   * @param path - the file
   * @param source - chunks (bytes or strings), sync or async
   * @param o - start, depth, perChunk, signal
   * @returns the bytes written
   * @throws NinepError (the server's refusal, 'ECLOSED'); Error `short write: …` when the server wrote less
   */
  async writeStream(path: string, source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
    o: WriteStreamOptions = {}): Promise<number> {
    const f = await this.open(path, OWRITE, typeof o.signal === 'function' ? undefined : o.signal);
    try {
      return await writeFid(f, source, o);
    } finally {
      await f.clunk();
    }
  }

  /**
   * A Node Writable to `path` from `start` (opened OWRITE, not truncated), with backpressure.
   * @param path - the file
   * @param o - start, depth
   * @returns the stream; a failure is its 'error' event (NinepError)
   */
  createWriteStream(path: string, o: FileWriteStreamOptions = {}): Writable {
    return writableTo(this.open(path, OWRITE, o.signal), o);
  }

  /**
   * Writes `data` to `path` from offset 0 (opened OWRITE, with OTRUNC unless
   * `truncate: false`), split at the iounit. A string is written as UTF-8. For a ctl file
   * each write is one command: write one command per call.
   * @param path - the file
   * @param data - the bytes or text
   * @param o - `truncate: false` keeps the rest of the file; `signal` as for the other calls
   * @returns the bytes written
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async writeFile(path: string, data: Uint8Array | string, o: { truncate?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const f = await this.open(path, OWRITE | (o.truncate === false ? 0 : OTRUNC), o.signal);
    try {
      return await f.writeAt(0, bytes, o.signal);
    } finally {
      await f.clunk();
    }
  }

  /**
   * The stat of `path` (its `length` is a bigint: 64-bit on the wire).
   * @param path - the file
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns its directory entry
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async stat(path: string, signal?: AbortSignal): Promise<Stat> {
    const f = await this.walk(path, signal);
    try {
      return await f.stat(signal);
    } finally {
      await f.clunk();
    }
  }

  /**
   * Changes the stat of `path` (absent fields untouched).
   * @param path - the file
   * @param changes - the fields to change
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @throws NinepError: the server's refusal ('EACCES', …), code 'EOPNOTSUPP' for a name,
   *   uid or gid change in 9P2000.L, or 'ECLOSED'
   */
  async wstat(path: string, changes: StatChanges, signal?: AbortSignal): Promise<void> {
    const f = await this.walk(path, signal);
    try {
      await f.wstat(changes, signal);
    } finally {
      await f.clunk();
    }
  }

  /**
   * The entries of directory `path`, or the stat of `path` alone when it is a file (like ls).
   * @param path - a directory or a file
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the entries, in the server's order
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async ls(path: string, signal?: AbortSignal): Promise<Stat[]> {
    const f = await this.walk(path, signal);
    try {
      if (!f.isDir) return [await f.stat(signal)];
      await f.open(OREAD, signal);
      return await f.readdir(signal);
    } finally {
      await f.clunk();
    }
  }

  /**
   * Makes directory `path` (Tcreate with DMDIR, or Tmkdir in 9P2000.L). On #g this makes a segment.
   * @param path - the new directory
   * @param perm - permission bits (default 0o777)
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @throws NinepError: the server's refusal (code 'EEXIST' for `file already exists`, 'EACCES', …), or 'ECLOSED'
   */
  async mkdir(path: string, perm = 0o777, signal?: AbortSignal): Promise<void> {
    const f = await this.create(path, (DMDIR | (perm & 0o777)) >>> 0, OREAD, signal);
    await f.clunk();
  }

  /**
   * Removes `path`.
   * @param path - the file
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @throws NinepError: the server's refusal (code 'ENOENT' for `file does not exist`, 'EACCES'
   *   for `permission denied`, …), or code 'ECLOSED' once the connection is gone
   */
  async remove(path: string, signal?: AbortSignal): Promise<void> {
    const f = await this.walk(path, signal);
    await f.remove(signal);
  }

  /** Clunks the root and closes the connection; outstanding requests fail with code 'ECLOSED'. Never throws. */
  async close(): Promise<void> {
    await this.root.clunk().catch(() => {});
    this.client.close();
  }
}
