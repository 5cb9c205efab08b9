// One fid of a Client, with the file operations of intro(5) in each dialect. 9P2000 and .u use
// Topen/Tcreate/Tstat/Twstat and directory reads of stat records; 9P2000.L uses Tlopen,
// Tlcreate/Tmkdir, Tgetattr/Tsetattr and Treaddir, and its results are converted to the
// same Stat shape. Reads and writes larger than the iounit are split (readAt/writeAt) and
// pipelined, a few requests in flight at once.

import { Enonexist } from '../../lib9/errors.js';
import { ENOENT, EOPNOTSUPP } from '../../lib9/errno.js';
import { DMDIR, OEXEC, ORCLOSE, QTDIR } from '../../lib9/modes.js';
import { U64 } from '../../lib9/uarg.js';
import { IOHDRSZ, MAXWELEM, NONUNAME } from '../codec/constants.js';
import { decodeDirents } from '../codec/dirent.js';
import {
  GETATTR_BASIC, linuxOpenFlags, modeFromLinux, SETATTR_ATIME, SETATTR_ATIME_SET, SETATTR_MODE, SETATTR_MTIME,
  SETATTR_MTIME_SET, SETATTR_SIZE,
} from '../codec/linux.js';
import { MsgType } from '../codec/msg-type.js';
import { decodeStats } from '../codec/stat.js';
import type {
  Qid, Rcreate, Rgetattr, Rlcreate, Rlopen, Rmkdir, Ropen, Rread, Rreaddir, Rstat, Rwalk, Rwrite, Stat,
} from '../codec/types.js';
import type { Client } from './client.js';
import { NinepError } from './errors.js';

/** Bytes in flight at once when a transfer is split (at least 4 and at most 16 requests). */
const WINDOW_BYTES = 2 << 20;

function windowFor(unit: number, length: number): number {
  return Math.min(Math.ceil(length / unit), Math.max(4, Math.min(16, Math.floor(WINDOW_BYTES / unit))));
}

/** What a wstat changes; an absent field is left alone (stat(5)'s ~0 and ""). */
export interface StatChanges {
  /** New name, in the same directory. */
  name?: string;
  /** New DM* and permission bits (DMDIR cannot change). */
  mode?: number;
  /** New length in bytes: a bigint, as it is 64-bit on the wire. */
  length?: bigint;
  /** New modification time, seconds since the epoch. */
  mtime?: number;
  /** New access time, seconds since the epoch. */
  atime?: number;
  /** New owner. */
  uid?: string;
  /** New group. */
  gid?: string;
}

/** The "file does not exist" refusal, for a walk that stopped short. */
function notFound(c: Client): NinepError {
  return NinepError.refusal(Enonexist, ENOENT, c.dialect);
}

/**
 * A fid: a handle on one file of the server. Made by Fsys.attach or walk; given back with
 * clunk (or remove). Methods may run concurrently except clunk/remove, which end the fid.
 */
export class ClientFid {
  /** Set by open/create: bytes per Tread/Twrite (the server's iounit, or msize − IOHDRSZ). */
  iounit: number;
  /** True once open or create succeeded. */
  opened = false;
  #gone = false;

  /**
   * Made by Fsys.attach and walk; not for direct use.
   * @internal
   */
  constructor(
    /** The connection the fid belongs to. */
    readonly client: Client,
    /** The fid number on the wire. */
    readonly fid: number,
    /** The qid of the file (the last one walked, or the created file's). */
    public qid: Qid,
    /** The last path element walked to ('/' for the root): the name a .L stat reports. */
    public name: string,
  ) {
    this.iounit = client.msize - IOHDRSZ;
  }

  /** True for a directory. */
  get isDir(): boolean {
    return (this.qid.type & QTDIR) !== 0;
  }

  /**
   * A new fid for the file `names` leads to (none: a clone). More than 16 names are walked
   * in steps of 16, the later ones in place on the new fid (walk(5): at most MAXWELEM names). A walk that stops
   * short fails with "file does not exist" (ENOENT in 9P2000.L) and leaves no new fid.
   * @param names - path elements ([] clones)
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the new fid, not open; the caller clunks it
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async walk(names: readonly string[], signal?: AbortSignal): Promise<ClientFid> {
    this.#check();
    const c = this.client;
    const newfid = c.fids.alloc();
    let made = false;
    try {
      let qid = this.qid;
      let from = this.fid;
      let i = 0;
      do {
        const chunk = names.slice(i, i + MAXWELEM);
        const r = await c.rpc<Rwalk>({ type: MsgType.Twalk, fid: from, newfid, wname: chunk }, signal);
        if (r.wqid.length !== chunk.length) throw notFound(c);
        made = true;
        if (r.wqid.length > 0) qid = r.wqid[r.wqid.length - 1]!;
        from = newfid;
        i += chunk.length;
      } while (i < names.length);
      const name = names.length > 0 ? names[names.length - 1]! : this.name;
      return new ClientFid(c, newfid, qid, name);
    } catch (e) {
      if (made) await this.#clunkNumber(newfid);
      else c.fids.free(newfid);
      throw e;
    }
  }

  /**
   * Opens the file (Topen; Tlopen in 9P2000.L).
   * @param mode - OREAD, OWRITE, ORDWR or OEXEC, with OTRUNC or ORCLOSE
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns this fid, open
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async open(mode: number, signal?: AbortSignal): Promise<this> {
    this.#check();
    const c = this.client;
    let r: Ropen | Rlopen;
    if (c.dialect === '9P2000.L') {
      if ((mode & ORCLOSE) !== 0) throw NinepError.refusal(undefined, EOPNOTSUPP, c.dialect);
      r = await c.rpc<Rlopen>({ type: MsgType.Tlopen, fid: this.fid, flags: linuxOpenFlags((mode & 3) === OEXEC ? 0 : mode) }, signal);
    } else {
      r = await c.rpc<Ropen>({ type: MsgType.Topen, fid: this.fid, mode }, signal);
    }
    this.#opened(r.qid, r.iounit);
    return this;
  }

  /**
   * Creates `name` in this directory with `perm` (DMDIR for a directory) and opens it with
   * `mode`; afterwards this fid is the new file (create(5)). In 9P2000.L a directory is made
   * with Tmkdir and then walked to and opened, a file with Tlcreate.
   * @param name - the new file's name
   * @param perm - permission bits, with DMDIR for a directory
   * @param mode - the open mode
   * @param extension - 9P2000.u: a symlink target or device spec
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns this fid, now the new file, open
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async create(name: string, perm: number, mode: number, extension?: string, signal?: AbortSignal): Promise<this> {
    this.#check();
    const c = this.client;
    if (c.dialect !== '9P2000.L') {
      const r = await c.rpc<Rcreate>({ type: MsgType.Tcreate, fid: this.fid, name, perm, mode, extension }, signal);
      this.name = name;
      this.#opened(r.qid, r.iounit);
      return this;
    }
    if ((perm & DMDIR) !== 0) {
      await c.rpc<Rmkdir>({ type: MsgType.Tmkdir, dfid: this.fid, name, mode: perm & 0o777, gid: NONUNAME }, signal);
      const r = await c.rpc<Rwalk>({ type: MsgType.Twalk, fid: this.fid, newfid: this.fid, wname: [name] }, signal);
      if (r.wqid.length !== 1) throw notFound(c);
      this.qid = r.wqid[0]!;
      this.name = name;
      return this.open(mode, signal);
    }
    const r = await c.rpc<Rlcreate>({
      type: MsgType.Tlcreate, fid: this.fid, name, flags: linuxOpenFlags(mode), mode: perm & 0o777, gid: NONUNAME,
    }, signal);
    this.name = name;
    this.#opened(r.qid, r.iounit);
    return this;
  }

  /**
   * One Tread of at most `count` bytes (clamped to the iounit) at `offset`.
   * @param offset - the file offset
   * @param count - bytes asked for
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the bytes (a view of the reply), empty at the end of the file
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async read(offset: number | bigint, count: number, signal?: AbortSignal): Promise<Uint8Array> {
    this.#check();
    const r = await this.client.rpc<Rread>({
      type: MsgType.Tread, fid: this.fid, offset: BigInt(offset), count: Math.min(count, this.iounit),
    }, signal);
    return r.data;
  }

  /**
   * One Tread at `offset` for `into.length` bytes (at most the iounit), its data going
   * straight into `into` (no reply frame is kept); `into` must not be touched until it settles.
   * @param offset - the file offset
   * @param into - where the bytes go, from its start
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the count read: 0 at the end of the file
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async readInto(offset: number | bigint, into: Uint8Array, signal?: AbortSignal): Promise<number> {
    this.#check();
    return this.client.readInto(this.fid, offset, into.length > this.iounit ? into.subarray(0, this.iounit) : into, signal);
  }

  /**
   * One Twrite of at most the iounit's bytes of `data` at `offset`.
   * @param offset - the file offset
   * @param data - the bytes (only the first iounit are sent)
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the count the server wrote
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async write(offset: number | bigint, data: Uint8Array, signal?: AbortSignal): Promise<number> {
    this.#check();
    const chunk = data.length > this.iounit ? data.subarray(0, this.iounit) : data;
    const r = await this.client.rpc<Rwrite>({ type: MsgType.Twrite, fid: this.fid, offset: BigInt(offset), data: chunk }, signal);
    return r.count;
  }

  /**
   * Reads up to `length` bytes from `offset` into a new buffer, split at the iounit with a few
   * requests in flight; stops at the first short read (the end).
   * @param offset - the first byte
   * @param length - the most bytes to read
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the bytes read
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async readAt(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    const end = await this.#inPieces(length, async (at, n) => {
      const data = await this.read(offset + at, n, signal);
      out.set(data, at);
      return data.length;
    });
    return end === length ? out : out.subarray(0, end);
  }

  /**
   * Writes all of `data` at `offset`, split at the iounit with a few requests in flight.
   * @param offset - the first byte
   * @param data - the bytes
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the bytes written: less than data.length only if the server wrote less
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async writeAt(offset: number, data: Uint8Array, signal?: AbortSignal): Promise<number> {
    if (data.length === 0) return this.write(offset, data, signal);
    return this.#inPieces(data.length, (at, n) => this.write(offset + at, data.subarray(at, at + n), signal));
  }

  /**
   * Runs `io(at, n)` over [0, length) in iounit-sized pieces with a few in flight; a piece that
   * moves fewer than n bytes ends the range there. Returns the end reached.
   */
  async #inPieces(length: number, io: (at: number, n: number) => Promise<number>): Promise<number> {
    const unit = this.iounit;
    let end = length;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < end) {
        const at = next;
        const n = Math.min(unit, end - at);
        next += n;
        const moved = await io(at, n);
        if (moved < n) end = Math.min(end, at + moved);
      }
    };
    await Promise.all(Array.from({ length: windowFor(unit, length) }, worker));
    return end;
  }

  /**
   * Reads from offset 0 to the end into memory (sequentially: the length is not known in
   * advance). For a large file use readStream(fid).
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns all the bytes
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async readAll(signal?: AbortSignal): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let off = 0;
    for (;;) {
      const data = await this.read(off, this.iounit, signal);
      if (data.length === 0) break;
      parts.push(Uint8Array.from(data));
      off += data.length;
    }
    return Buffer.concat(parts);
  }

  /**
   * The file's stat (9P2000.L: Tgetattr, converted: DMDIR from S_IFDIR, numeric uid and gid).
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the directory entry; its `length` is a bigint (64-bit on the wire)
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async stat(signal?: AbortSignal): Promise<Stat> {
    this.#check();
    const c = this.client;
    if (c.dialect !== '9P2000.L') return (await c.rpc<Rstat>({ type: MsgType.Tstat, fid: this.fid }, signal)).stat;
    const a = await c.rpc<Rgetattr>({ type: MsgType.Tgetattr, fid: this.fid, requestMask: GETATTR_BASIC }, signal);
    return {
      type: 0, dev: 0, qid: a.qid,
      mode: modeFromLinux(a.mode),
      atime: Number(a.atimeSec), mtime: Number(a.mtimeSec), length: a.size,
      name: this.name, uid: String(a.uid), gid: String(a.gid), muid: '',
    };
  }

  /**
   * Changes what `changes` names and nothing else. 9P2000.L (Tsetattr) can change mode,
   * length and times only; a name, uid or gid change there fails with EOPNOTSUPP.
   * @param changes - the fields to change
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async wstat(changes: StatChanges, signal?: AbortSignal): Promise<void> {
    this.#check();
    const c = this.client;
    if (c.dialect !== '9P2000.L') {
      const st: Stat = {
        type: 0xffff, dev: 0xffffffff, qid: { type: 0xff, vers: 0xffffffff, path: U64 },
        mode: changes.mode ?? 0xffffffff, atime: changes.atime ?? 0xffffffff, mtime: changes.mtime ?? 0xffffffff,
        length: changes.length ?? U64, name: changes.name ?? '', uid: changes.uid ?? '', gid: changes.gid ?? '', muid: '',
      };
      if (c.dialect === '9P2000.u') Object.assign(st, { extension: '', nUid: NONUNAME, nGid: NONUNAME, nMuid: NONUNAME });
      await c.rpc({ type: MsgType.Twstat, fid: this.fid, stat: st }, signal);
      return;
    }
    if (changes.name !== undefined || changes.uid !== undefined || changes.gid !== undefined) {
      throw NinepError.refusal(undefined, EOPNOTSUPP, c.dialect);
    }
    let valid = 0;
    if (changes.mode !== undefined) valid |= SETATTR_MODE;
    if (changes.length !== undefined) valid |= SETATTR_SIZE;
    if (changes.atime !== undefined) valid |= SETATTR_ATIME | SETATTR_ATIME_SET;
    if (changes.mtime !== undefined) valid |= SETATTR_MTIME | SETATTR_MTIME_SET;
    await c.rpc({
      type: MsgType.Tsetattr, fid: this.fid, valid, mode: (changes.mode ?? 0) & 0o7777, uid: NONUNAME, gid: NONUNAME,
      size: changes.length ?? 0n, atimeSec: BigInt(changes.atime ?? 0), atimeNsec: 0n,
      mtimeSec: BigInt(changes.mtime ?? 0), mtimeNsec: 0n,
    }, signal);
  }

  /**
   * The entries of this directory, which must be open for reading. 9P2000/.u: directory reads
   * of whole stat records from offset 0 to the end. 9P2000.L: Treaddir with its cookies, then
   * a Tgetattr per entry (`.` and `..` are left out).
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @returns the entries, in the server's order
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async readdir(signal?: AbortSignal): Promise<Stat[]> {
    this.#check();
    const c = this.client;
    const out: Stat[] = [];
    if (c.dialect !== '9P2000.L') {
      let off = 0n;
      for (;;) {
        const data = await this.read(off, this.iounit, signal);
        if (data.length === 0) return out;
        out.push(...decodeStats(data, c.dialect));
        off += BigInt(data.length);
      }
    }
    const names: string[] = [];
    let cookie = 0n;
    for (;;) {
      const r = await c.rpc<Rreaddir>({ type: MsgType.Treaddir, fid: this.fid, offset: cookie, count: this.iounit }, signal);
      const ents = decodeDirents(r.data);
      if (ents.length === 0) break;
      for (const e of ents) if (e.name !== '.' && e.name !== '..') names.push(e.name);
      cookie = ents[ents.length - 1]!.offset;
    }
    // walking from the open directory fid to a new fid is allowed (Linux does it; so do servers)
    return Promise.all(names.map(async (n) => {
      const f = await this.walk([n], signal);
      try {
        return await f.stat(signal);
      } finally {
        await f.clunk();
      }
    }));
  }

  /**
   * Removes the file; the fid is gone afterwards even if the remove failed (remove(5)).
   * @param signal - aborting it flushes the request (Tflush); the call then rejects with the signal's reason
   * @throws NinepError: the server's refusal (code the errno name, message the Plan 9 string) or
   *   'ECLOSED'; RangeError once the fid is clunked
   */
  async remove(signal?: AbortSignal): Promise<void> {
    this.#check();
    this.#gone = true;
    try {
      await this.client.rpc({ type: MsgType.Tremove, fid: this.fid }, signal);
    } finally {
      this.client.fids.free(this.fid);
    }
  }

  /** Lets the fid go; it is gone afterwards even if Tclunk fails (clunk(5)). Idempotent. */
  async clunk(): Promise<void> {
    if (this.#gone) return;
    this.#gone = true;
    await this.#clunkNumber(this.fid);
  }

  async #clunkNumber(fid: number): Promise<void> {
    try {
      await this.client.rpc({ type: MsgType.Tclunk, fid });
    } catch (e) {
      if (this.client.closed) return;
      throw e;
    } finally {
      this.client.fids.free(fid);
    }
  }

  #opened(qid: Qid, iounit: number): void {
    this.qid = qid;
    this.opened = true;
    const max = this.client.msize - IOHDRSZ;
    this.iounit = iounit > 0 && iounit < max ? iounit : max;
  }

  #check(): void {
    if (this.#gone) throw new RangeError(`fid ${this.fid} was clunked`);
  }
}
