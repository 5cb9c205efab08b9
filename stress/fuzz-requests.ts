// Valid requests of every T-message type of a dialect, with plausible fields (small fids, the
// fuzz segments' names, real ctl messages) or, when `wild`, extreme ones (any fid, tag,
// offset or count, huge counts, overlong names): the raw material the wire fuzz mutates.

import { MsgType, NOFID, NONUNAME, NOTAG, type Dialect, type Fcall } from '../src/public/9p.js';
import { DMDIR } from '../src/lib9/modes.js';
import { pick, randInt } from './context.js';

/** The T-messages of 9P2000 and 9P2000.u. */
const T_9P2000: readonly MsgType[] = [
  MsgType.Tversion, MsgType.Tauth, MsgType.Tattach, MsgType.Tflush, MsgType.Twalk, MsgType.Topen,
  MsgType.Tcreate, MsgType.Tread, MsgType.Twrite, MsgType.Tclunk, MsgType.Tremove, MsgType.Tstat, MsgType.Twstat,
];

/** The T-messages of a 9P2000.L session. */
const T_9P2000L: readonly MsgType[] = [
  MsgType.Tversion, MsgType.Tauth, MsgType.Tattach, MsgType.Tflush, MsgType.Twalk, MsgType.Tread,
  MsgType.Twrite, MsgType.Tclunk, MsgType.Tremove, MsgType.Tstatfs, MsgType.Tlopen, MsgType.Tlcreate,
  MsgType.Tsymlink, MsgType.Tmknod, MsgType.Trename, MsgType.Treadlink, MsgType.Tgetattr, MsgType.Tsetattr,
  MsgType.Txattrwalk, MsgType.Txattrcreate, MsgType.Treaddir, MsgType.Tfsync, MsgType.Tlock,
  MsgType.Tgetlock, MsgType.Tlink, MsgType.Tmkdir, MsgType.Trenameat, MsgType.Tunlinkat,
];

export function requestTypes(dialect: Dialect): readonly MsgType[] {
  return dialect === '9P2000.L' ? T_9P2000L : T_9P2000;
}

/** The segments the fuzz connections work on (they may remove and re-create them). */
export const FUZZ_SEGMENTS = ['fz-a', 'fz-b', 'fz-c'];

/** A request generator for one dialect, seeded by the suite's RNG. */
export class RequestMaker {
  constructor(readonly rng: () => number, readonly dialect: Dialect, readonly eve: string) {}

  #int(n: number): number {
    return randInt(this.rng, n);
  }

  #u32(): number {
    return (this.rng() * 0x100000000) >>> 0;
  }

  #u64(): bigint {
    return (BigInt(this.#u32()) << 32n) | BigInt(this.#u32());
  }

  #fid(wild: boolean): number {
    if (wild && this.rng() < 0.5) return pick(this.rng, [this.#u32(), NOFID, 0xfffffffe, 65535, 65536]);
    return this.#int(10);
  }

  tag(wild: boolean): number {
    if (wild && this.rng() < 0.3) return pick(this.rng, [NOTAG, 0, this.#int(0x10000)]);
    return this.#int(0xfffe);
  }

  #offset(wild: boolean): bigint {
    if (wild) return pick(this.rng, [this.#u64(), 1n << 63n, (1n << 64n) - 1n, (1n << 53n) + 1n, BigInt(this.#u32())]);
    return BigInt(this.#int(70000));
  }

  #count(wild: boolean): number {
    if (wild) return pick(this.rng, [this.#u32(), 0xffffffff, 0, 1 << 20, (1 << 20) + 1]);
    return pick(this.rng, [0, 1, 16, 4096, 8192, 65536, this.#int(9000)]);
  }

  #name(wild: boolean): string {
    const r = this.rng();
    if (wild && r < 0.3) return pick(this.rng, ['', '.', '..', '/', 'a/b', '\u0000x', 'n'.repeat(this.#int(300)), '\u00e9'.repeat(70)]);
    if (r < 0.5) return pick(this.rng, FUZZ_SEGMENTS);
    if (r < 0.8) return pick(this.rng, ['ctl', 'data', '..', '.', 'fz-new', '#g']);
    return `fz-${this.#int(8)}`;
  }

  #names(wild: boolean): string[] {
    const n = wild ? this.#int(20) : this.#int(3);
    return Array.from({ length: n }, () => this.#name(wild));
  }

  #uname(wild: boolean): string {
    const names = [this.eve, 'alice', 'bob', 'none', ''];
    if (wild) names.push('u'.repeat(300), 'u'.repeat(this.#int(2000)));
    return pick(this.rng, names);
  }

  #data(wild: boolean): Buffer {
    const r = this.rng();
    if (r < 0.3) return Buffer.from(pick(this.rng, ['va 0x10000000 0x10000', 'va 0x20000000 0x1000 sticky', 'va 0 0', 'va 0xfffffffffffff000 0x2000', 'bogus', '']));
    const n = wild ? this.#int(9000) : this.#int(600);
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.#int(256);
    return b;
  }

  #mode(wild: boolean): number {
    return wild ? this.#int(256) : pick(this.rng, [0, 1, 2, 3, 0x10, 0x40]);
  }

  /** One valid request of a random type of the dialect. */
  make(wild = false): Fcall {
    return this.makeOf(pick(this.rng, requestTypes(this.dialect)), wild);
  }

  /** One valid request of type `type`. */
  makeOf(type: MsgType, wild = false): Fcall {
    const tag = this.tag(wild);
    const w = wild;
    const fid = this.#fid(w);
    const nU = w ? pick(this.rng, [NONUNAME, 0, this.#u32()]) : NONUNAME;
    switch (type) {
      case MsgType.Tversion:
        return { type, tag: NOTAG, msize: pick(this.rng, [256, 4096, 8192, 65536, w ? this.#u32() : 8192, 100]), version: pick(this.rng, ['9P2000', '9P2000.u', '9P2000.L', this.dialect, '9P2000.x', '9P', 'unknown']) };
      case MsgType.Tauth:
        return { type, tag, afid: fid, uname: this.#uname(w), aname: pick(this.rng, ['', '#g']), nUname: nU };
      case MsgType.Tattach:
        return { type, tag, fid, afid: pick(this.rng, [NOFID, NOFID, fid]), uname: this.#uname(w), aname: pick(this.rng, ['', '/', '#g', '#p', 'bogus']), nUname: nU };
      case MsgType.Tflush:
        return { type, tag, oldtag: this.tag(w) };
      case MsgType.Twalk:
        return { type, tag, fid, newfid: this.#fid(w), wname: this.#names(w) };
      case MsgType.Topen:
        return { type, tag, fid, mode: this.#mode(w) };
      case MsgType.Tcreate:
        return { type, tag, fid, name: this.#name(w), perm: (pick(this.rng, [DMDIR | 0o777, 0o666, DMDIR]) | (w ? this.#u32() : 0)) >>> 0, mode: this.#mode(w), extension: '' };
      case MsgType.Tread:
        return { type, tag, fid, offset: this.#offset(w), count: this.#count(w) };
      case MsgType.Twrite:
        return { type, tag, fid, offset: this.#offset(w), data: this.#data(w) };
      case MsgType.Tclunk:
      case MsgType.Tremove:
      case MsgType.Tstat:
      case MsgType.Tstatfs:
      case MsgType.Treadlink:
        return { type, tag, fid };
      case MsgType.Twstat:
        return { type, tag, fid, stat: this.#stat(w) };
      case MsgType.Tlopen:
        return { type, tag, fid, flags: w ? this.#u32() : pick(this.rng, [0, 1, 2, 0o1000, 0o100]) };
      case MsgType.Tlcreate:
        return { type, tag, fid, name: this.#name(w), flags: pick(this.rng, [0, 2, 0o100]), mode: 0o644, gid: nU };
      case MsgType.Tsymlink:
        return { type, tag, fid, name: this.#name(w), symtgt: 'target', gid: nU };
      case MsgType.Tmknod:
        return { type, tag, dfid: fid, name: this.#name(w), mode: 0o20644, major: 1, minor: 3, gid: nU };
      case MsgType.Trename:
        return { type, tag, fid, dfid: this.#fid(w), name: this.#name(w) };
      case MsgType.Tgetattr:
        return { type, tag, fid, requestMask: w ? this.#u64() : 0x7ffn };
      case MsgType.Tsetattr:
        return {
          type, tag, fid, valid: w ? this.#u32() : pick(this.rng, [1, 2, 4, 8, 1 | 8]), mode: w ? this.#u32() : pick(this.rng, [0o600, 0o666, 0o40777]),
          uid: nU, gid: nU, size: this.#offset(w), atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
        };
      case MsgType.Txattrwalk:
        return { type, tag, fid, newfid: this.#fid(w), name: pick(this.rng, ['', 'user.x', 'security.capability']) };
      case MsgType.Txattrcreate:
        return { type, tag, fid, name: 'user.x', attrSize: this.#offset(w), flags: 0 };
      case MsgType.Treaddir:
        return { type, tag, fid, offset: w ? this.#u64() : BigInt(this.#int(5)), count: this.#count(w) };
      case MsgType.Tfsync:
        return { type, tag, fid, datasync: this.#int(2) };
      case MsgType.Tlock:
        return { type, tag, fid, lockType: this.#int(3), flags: 0, start: 0n, length: this.#offset(w), procId: 1, clientId: 'stress' };
      case MsgType.Tgetlock:
        return { type, tag, fid, lockType: this.#int(3), start: 0n, length: 0n, procId: 1, clientId: 'stress' };
      case MsgType.Tlink:
        return { type, tag, dfid: fid, fid: this.#fid(w), name: this.#name(w) };
      case MsgType.Tmkdir:
        return { type, tag, dfid: fid, name: this.#name(w), mode: 0o777, gid: nU };
      case MsgType.Trenameat:
        return { type, tag, olddirfid: fid, oldname: this.#name(w), newdirfid: this.#fid(w), newname: this.#name(w) };
      case MsgType.Tunlinkat:
        return { type, tag, dirfid: fid, name: this.#name(w), flags: pick(this.rng, [0, 0x200]) };
      default:
        throw new Error(`no maker for ${MsgType[type]}`);
    }
  }

  #stat(wild: boolean) {
    const keep = !wild || this.rng() < 0.5;
    return {
      type: 0xffff, dev: 0xffffffff, qid: { type: 0xff, vers: 0xffffffff, path: 0xffffffffffffffffn },
      mode: keep ? pick(this.rng, [0o600, 0o666, 0xffffffff, (DMDIR | 0o777) >>> 0]) : this.#u32(),
      atime: 0xffffffff, mtime: 0xffffffff, length: keep ? 0xffffffffffffffffn : this.#u64(),
      name: keep ? '' : this.#name(true), uid: keep ? '' : this.#uname(true), gid: '', muid: '',
      extension: '', nUid: NONUNAME, nGid: NONUNAME, nMuid: NONUNAME,
    };
  }
}
