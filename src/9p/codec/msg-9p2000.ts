// The 9P2000 messages (intro(5) … wstat(5)) with the 9P2000.u changes folded in as optional
// tails, the way Linux's protocol.c marks them with '?': Tauth/Tattach n_uname[4] (.u and
// .L), Rerror errno[4] (.u), Tcreate extension[s] (.u) and the stat extension fields (.u).

import { NONUNAME } from './constants.js';
import { CodecError } from './codec-error.js';
import { hasNUname, type Dialect } from './dialect.js';
import { isBytes, MsgRegistry, needItems } from './msg-codec.js';
import { MsgType } from './msg-type.js';
import { readStat, writeStat } from './stat.js';
import type { Reader } from './reader.js';
import type { Qid, Stat } from './types.js';
import type { Writer } from './writer.js';

/** Rstat/Twstat: n[2] then the stat, whose own size[2] comes first, so n = size + 2. */
function writeWrappedStat(w: Writer, st: Stat, dialect: Dialect): void {
  const at = w.pos;
  w.u16(0, 'n');
  writeStat(w, st, dialect);
  w.buf.writeUInt16LE(w.pos - at - 2, at);
}

function payloadOf(data: unknown, what: string): Uint8Array {
  if (!isBytes(data)) throw new CodecError('E9P_BAD_VALUE', `cannot encode ${what}.data: not a Uint8Array`);
  return data;
}

export const base = new MsgRegistry();

base.def(MsgType.Tversion, {
  enc(w, m) { w.u32(m.msize, 'msize'); w.str(m.version, 'version'); },
  dec(r, tag) { return { type: MsgType.Tversion, tag, msize: r.u32('msize'), version: r.str('version') }; },
});
base.def(MsgType.Rversion, {
  enc(w, m) { w.u32(m.msize, 'msize'); w.str(m.version, 'version'); },
  dec(r, tag) { return { type: MsgType.Rversion, tag, msize: r.u32('msize'), version: r.str('version') }; },
});
base.def(MsgType.Tauth, {
  enc(w, m, d) {
    w.u32(m.afid, 'afid'); w.str(m.uname, 'uname'); w.str(m.aname, 'aname');
    if (hasNUname(d)) w.u32(m.nUname ?? NONUNAME, 'nUname');
  },
  dec(r, tag, d) {
    const afid = r.u32('afid'), uname = r.str('uname'), aname = r.str('aname');
    if (!hasNUname(d)) return { type: MsgType.Tauth, tag, afid, uname, aname };
    return { type: MsgType.Tauth, tag, afid, uname, aname, nUname: r.u32('nUname') };
  },
});
base.def(MsgType.Rauth, {
  enc(w, m) { w.qid(m.aqid, 'aqid'); },
  dec(r, tag) { return { type: MsgType.Rauth, tag, aqid: r.qid('aqid') }; },
});
base.def(MsgType.Tattach, {
  enc(w, m, d) {
    w.u32(m.fid, 'fid'); w.u32(m.afid, 'afid'); w.str(m.uname, 'uname'); w.str(m.aname, 'aname');
    if (hasNUname(d)) w.u32(m.nUname ?? NONUNAME, 'nUname');
  },
  dec(r, tag, d) {
    const fid = r.u32('fid'), afid = r.u32('afid'), uname = r.str('uname'), aname = r.str('aname');
    if (!hasNUname(d)) return { type: MsgType.Tattach, tag, fid, afid, uname, aname };
    return { type: MsgType.Tattach, tag, fid, afid, uname, aname, nUname: r.u32('nUname') };
  },
});
base.def(MsgType.Rattach, {
  enc(w, m) { w.qid(m.qid, 'qid'); },
  dec(r, tag) { return { type: MsgType.Rattach, tag, qid: r.qid('qid') }; },
});
base.def(MsgType.Rerror, {
  enc(w, m, d) {
    w.str(m.ename, 'ename');
    if (d === '9P2000.u') w.u32(m.errno ?? 0, 'errno');
  },
  dec(r, tag, d) {
    const ename = r.str('ename');
    if (d !== '9P2000.u') return { type: MsgType.Rerror, tag, ename };
    return { type: MsgType.Rerror, tag, ename, errno: r.u32('errno') };
  },
});
base.def(MsgType.Tflush, {
  enc(w, m) { w.u16(m.oldtag, 'oldtag'); },
  dec(r, tag) { return { type: MsgType.Tflush, tag, oldtag: r.u16('oldtag') }; },
});
base.def(MsgType.Rflush, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rflush, tag }; },
});
base.def(MsgType.Twalk, {
  enc(w, m) {
    w.u32(m.fid, 'fid'); w.u32(m.newfid, 'newfid');
    if (!Array.isArray(m.wname)) throw new CodecError('E9P_BAD_VALUE', 'cannot encode Twalk.wname: not an array');
    w.u16(m.wname.length, 'nwname');
    for (let i = 0; i < m.wname.length; i++) w.str(m.wname[i]!, `wname[${i}]`);
  },
  dec(r, tag) {
    const fid = r.u32('fid'), newfid = r.u32('newfid'), n = r.u16('nwname');
    needItems(r, n, 2, 'nwname');
    const wname: string[] = [];
    for (let i = 0; i < n; i++) wname.push(r.str(`wname[${i}]`));
    return { type: MsgType.Twalk, tag, fid, newfid, wname };
  },
});
base.def(MsgType.Rwalk, {
  enc(w, m) {
    if (!Array.isArray(m.wqid)) throw new CodecError('E9P_BAD_VALUE', 'cannot encode Rwalk.wqid: not an array');
    w.u16(m.wqid.length, 'nwqid');
    for (let i = 0; i < m.wqid.length; i++) w.qid(m.wqid[i]!, `wqid[${i}]`);
  },
  dec(r, tag) {
    const n = r.u16('nwqid');
    needItems(r, n, 13, 'nwqid');
    const wqid: Qid[] = [];
    for (let i = 0; i < n; i++) wqid.push(r.qid(`wqid[${i}]`));
    return { type: MsgType.Rwalk, tag, wqid };
  },
});
base.def(MsgType.Topen, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u8(m.mode, 'mode'); },
  dec(r, tag) { return { type: MsgType.Topen, tag, fid: r.u32('fid'), mode: r.u8('mode') }; },
});
base.def(MsgType.Ropen, {
  enc(w, m) { w.qid(m.qid, 'qid'); w.u32(m.iounit, 'iounit'); },
  dec(r, tag) { return { type: MsgType.Ropen, tag, qid: r.qid('qid'), iounit: r.u32('iounit') }; },
});
base.def(MsgType.Tcreate, {
  enc(w, m, d) {
    w.u32(m.fid, 'fid'); w.str(m.name, 'name'); w.u32(m.perm, 'perm'); w.u8(m.mode, 'mode');
    if (d === '9P2000.u') w.str(m.extension ?? '', 'extension');
  },
  dec(r, tag, d) {
    const fid = r.u32('fid'), name = r.str('name'), perm = r.u32('perm'), mode = r.u8('mode');
    if (d !== '9P2000.u') return { type: MsgType.Tcreate, tag, fid, name, perm, mode };
    return { type: MsgType.Tcreate, tag, fid, name, perm, mode, extension: r.str('extension') };
  },
});
base.def(MsgType.Rcreate, {
  enc(w, m) { w.qid(m.qid, 'qid'); w.u32(m.iounit, 'iounit'); },
  dec(r, tag) { return { type: MsgType.Rcreate, tag, qid: r.qid('qid'), iounit: r.u32('iounit') }; },
});
base.def(MsgType.Tread, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u64(m.offset, 'offset'); w.u32(m.count, 'count'); },
  dec(r, tag) { return { type: MsgType.Tread, tag, fid: r.u32('fid'), offset: r.u64('offset'), count: r.u32('count') }; },
});
base.def(MsgType.Rread, {
  enc(w, m) { w.u32(payloadOf(m.data, 'Rread').length, 'count'); },
  dec(r, tag) {
    const count = r.u32('count');
    return { type: MsgType.Rread, tag, data: r.bytes(count, 'data') };
  },
  payload(m) { return m.data; },
});
base.def(MsgType.Twrite, {
  enc(w, m) {
    w.u32(m.fid, 'fid'); w.u64(m.offset, 'offset'); w.u32(payloadOf(m.data, 'Twrite').length, 'count');
  },
  dec(r, tag) {
    const fid = r.u32('fid'), offset = r.u64('offset'), count = r.u32('count');
    return { type: MsgType.Twrite, tag, fid, offset, data: r.bytes(count, 'data') };
  },
  payload(m) { return m.data; },
});
base.def(MsgType.Rwrite, {
  enc(w, m) { w.u32(m.count, 'count'); },
  dec(r, tag) { return { type: MsgType.Rwrite, tag, count: r.u32('count') }; },
});
base.def(MsgType.Tclunk, {
  enc(w, m) { w.u32(m.fid, 'fid'); },
  dec(r, tag) { return { type: MsgType.Tclunk, tag, fid: r.u32('fid') }; },
});
base.def(MsgType.Rclunk, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rclunk, tag }; },
});
base.def(MsgType.Tremove, {
  enc(w, m) { w.u32(m.fid, 'fid'); },
  dec(r, tag) { return { type: MsgType.Tremove, tag, fid: r.u32('fid') }; },
});
base.def(MsgType.Rremove, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rremove, tag }; },
});
base.def(MsgType.Tstat, {
  enc(w, m) { w.u32(m.fid, 'fid'); },
  dec(r, tag) { return { type: MsgType.Tstat, tag, fid: r.u32('fid') }; },
});
base.def(MsgType.Rstat, {
  enc(w, m, d) { writeWrappedStat(w, m.stat, d); },
  dec(r, tag, d) {
    const n = r.u16('n');
    const stat = readWrappedStat(r, n, d);
    return { type: MsgType.Rstat, tag, stat };
  },
});
base.def(MsgType.Twstat, {
  enc(w, m, d) { w.u32(m.fid, 'fid'); writeWrappedStat(w, m.stat, d); },
  dec(r, tag, d) {
    const fid = r.u32('fid');
    const n = r.u16('n');
    return { type: MsgType.Twstat, tag, fid, stat: readWrappedStat(r, n, d) };
  },
});
base.def(MsgType.Rwstat, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rwstat, tag }; },
});

function readWrappedStat(r: Reader, n: number, d: Dialect): Stat {
  if (n > r.remaining) {
    throw r.error('E9P_BAD_STAT', `bad stat: n ${n} runs past the end of the message (${r.remaining} bytes left)`);
  }
  if (n < 2) throw r.error('E9P_BAD_STAT', `bad stat: n ${n} is too small to hold the stat's size[2]`);
  const size = r.buf.readUInt16LE(r.pos);
  if (size + 2 !== n) {
    throw r.error('E9P_BAD_STAT', `bad stat: n ${n} must be the stat's size[2] (${size}) + 2`);
  }
  return readStat(r, d);
}

/** The 9P2000 message types (Terror is never sent and has no layout). */
export const TYPES_9P2000: readonly MsgType[] = [
  MsgType.Tversion, MsgType.Rversion, MsgType.Tauth, MsgType.Rauth, MsgType.Tattach, MsgType.Rattach,
  MsgType.Rerror, MsgType.Tflush, MsgType.Rflush, MsgType.Twalk, MsgType.Rwalk, MsgType.Topen, MsgType.Ropen,
  MsgType.Tcreate, MsgType.Rcreate, MsgType.Tread, MsgType.Rread, MsgType.Twrite, MsgType.Rwrite,
  MsgType.Tclunk, MsgType.Rclunk, MsgType.Tremove, MsgType.Rremove, MsgType.Tstat, MsgType.Rstat,
  MsgType.Twstat, MsgType.Rwstat,
];
