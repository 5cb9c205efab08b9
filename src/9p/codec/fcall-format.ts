// One line of text per message for protocol traces, in lib9p's chatty9p style (fcallfmt):
// `Tread tag 5 fid 2 offset 0 count 8192`, `Rwalk tag 3 nwqid 1 0:(0000000000000002 0 d)`.
// Payloads show their count and the first bytes, as text when printable, else as hex.

import { hex } from '../../lib9/fmt.js';
import { DMAPPEND, DMAUTH, DMDIR, DMEXCL, QTAPPEND, QTAUTH, QTDIR, QTEXCL, QTSYMLINK, QTTMP } from '../../lib9/modes.js';
import { MsgType } from './msg-type.js';
import type { Fcall, Qid, Stat } from './types.js';

const DUMP_MAX = 32;

/**
 * A qid as lib9p prints it: (path vers type-letters).
 * @param q - the qid
 * @returns the text
 */
export function formatQid(q: Qid): string {
  let t = '';
  if (q.type & QTDIR) t += 'd';
  if (q.type & QTAPPEND) t += 'a';
  if (q.type & QTEXCL) t += 'l';
  if (q.type & QTAUTH) t += 'A';
  if (q.type & QTTMP) t += 't';
  if (q.type & QTSYMLINK) t += 'L';
  return `(${q.path.toString(16).padStart(16, '0')} ${q.vers} ${t})`;
}

/**
 * A Plan 9 mode as ls(1) prints it: d-rwxr-xr-x (first d/a/A, second l for DMEXCL).
 * @param perm - DM* and permission bits
 * @returns ten characters
 */
export function formatPerm(perm: number): string {
  let s = perm & DMDIR ? 'd' : perm & DMAPPEND ? 'a' : perm & DMAUTH ? 'A' : '-';
  s += perm & DMEXCL ? 'l' : '-';
  const rwx = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) s += perm & (0o400 >> i) ? rwx[i] : '-';
  return s;
}

function formatStat(d: Stat): string {
  let s = `'${d.name}' '${d.uid}' '${d.gid}' '${d.muid}' q ${formatQid(d.qid)} m ${d.mode.toString(8).padStart(11, '0')}`
    + ` at ${d.atime} mt ${d.mtime} l ${d.length} t ${d.type} d ${d.dev}`;
  if (d.extension !== undefined) s += ` ext '${d.extension}' nuid ${d.nUid} ngid ${d.nGid} nmuid ${d.nMuid}`;
  return s;
}

/** The first bytes of a payload: quoted text if printable, else hex. */
function dump(data: Uint8Array): string {
  const n = Math.min(data.length, DUMP_MAX);
  let printable = true;
  for (let i = 0; i < n; i++) {
    const c = data[i]!;
    if ((c < 0x20 && c !== 0x0a && c !== 0x09) || c >= 0x7f) { printable = false; break; }
  }
  const more = data.length > n ? '...' : '';
  if (printable) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(data[i]!);
    return `'${s.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}${more}'`;
  }
  return Buffer.from(data.buffer, data.byteOffset, n).toString('hex') + more;
}

const oct = (v: number): string => `0${v.toString(8)}`;

/**
 * One line describing `f`, as a server's or client's debug trace prints it (no trailing newline).
 * @param f - the message
 * @returns the line
 */
export function formatFcall(f: Fcall): string {
  const t = `tag ${f.tag}`;
  switch (f.type) {
    case MsgType.Tversion: return `Tversion ${t} msize ${f.msize} version '${f.version}'`;
    case MsgType.Rversion: return `Rversion ${t} msize ${f.msize} version '${f.version}'`;
    case MsgType.Tauth:
      return `Tauth ${t} afid ${f.afid} uname ${f.uname} aname ${f.aname}` + (f.nUname !== undefined ? ` n_uname ${f.nUname}` : '');
    case MsgType.Rauth: return `Rauth ${t} qid ${formatQid(f.aqid)}`;
    case MsgType.Tattach:
      return `Tattach ${t} fid ${f.fid} afid ${f.afid} uname ${f.uname} aname ${f.aname}` + (f.nUname !== undefined ? ` n_uname ${f.nUname}` : '');
    case MsgType.Rattach: return `Rattach ${t} qid ${formatQid(f.qid)}`;
    case MsgType.Rerror: return `Rerror ${t} ename ${f.ename}` + (f.errno !== undefined ? ` errno ${f.errno}` : '');
    case MsgType.Tflush: return `Tflush ${t} oldtag ${f.oldtag}`;
    case MsgType.Rflush: return `Rflush ${t}`;
    case MsgType.Twalk:
      return `Twalk ${t} fid ${f.fid} newfid ${f.newfid} nwname ${f.wname.length}` + f.wname.map((n, i) => ` ${i}:${n}`).join('');
    case MsgType.Rwalk:
      return `Rwalk ${t} nwqid ${f.wqid.length}` + f.wqid.map((q, i) => ` ${i}:${formatQid(q)}`).join('');
    case MsgType.Topen: return `Topen ${t} fid ${f.fid} mode ${f.mode}`;
    case MsgType.Ropen: return `Ropen ${t} qid ${formatQid(f.qid)} iounit ${f.iounit}`;
    case MsgType.Tcreate:
      return `Tcreate ${t} fid ${f.fid} name ${f.name} perm ${formatPerm(f.perm)} mode ${f.mode}` + (f.extension !== undefined ? ` ext '${f.extension}'` : '');
    case MsgType.Rcreate: return `Rcreate ${t} qid ${formatQid(f.qid)} iounit ${f.iounit}`;
    case MsgType.Tread: return `Tread ${t} fid ${f.fid} offset ${f.offset} count ${f.count}`;
    case MsgType.Rread: return `Rread ${t} count ${f.data.length} ${dump(f.data)}`;
    case MsgType.Twrite: return `Twrite ${t} fid ${f.fid} offset ${f.offset} count ${f.data.length} ${dump(f.data)}`;
    case MsgType.Rwrite: return `Rwrite ${t} count ${f.count}`;
    case MsgType.Tclunk: return `Tclunk ${t} fid ${f.fid}`;
    case MsgType.Rclunk: return `Rclunk ${t}`;
    case MsgType.Tremove: return `Tremove ${t} fid ${f.fid}`;
    case MsgType.Rremove: return `Rremove ${t}`;
    case MsgType.Tstat: return `Tstat ${t} fid ${f.fid}`;
    case MsgType.Rstat: return `Rstat ${t} stat ${formatStat(f.stat)}`;
    case MsgType.Twstat: return `Twstat ${t} fid ${f.fid} stat ${formatStat(f.stat)}`;
    case MsgType.Rwstat: return `Rwstat ${t}`;
    case MsgType.Rlerror: return `Rlerror ${t} ecode ${f.ecode}`;
    case MsgType.Tstatfs: return `Tstatfs ${t} fid ${f.fid}`;
    case MsgType.Rstatfs:
      return `Rstatfs ${t} type ${hex(f.fsType)} bsize ${f.bsize} blocks ${f.blocks} bfree ${f.bfree} bavail ${f.bavail}`
        + ` files ${f.files} ffree ${f.ffree} fsid ${f.fsid} namelen ${f.namelen}`;
    case MsgType.Tlopen: return `Tlopen ${t} fid ${f.fid} flags ${oct(f.flags)}`;
    case MsgType.Rlopen: return `Rlopen ${t} qid ${formatQid(f.qid)} iounit ${f.iounit}`;
    case MsgType.Tlcreate:
      return `Tlcreate ${t} fid ${f.fid} name ${f.name} flags ${oct(f.flags)} mode ${oct(f.mode)} gid ${f.gid}`;
    case MsgType.Rlcreate: return `Rlcreate ${t} qid ${formatQid(f.qid)} iounit ${f.iounit}`;
    case MsgType.Tsymlink: return `Tsymlink ${t} fid ${f.fid} name ${f.name} symtgt ${f.symtgt} gid ${f.gid}`;
    case MsgType.Rsymlink: return `Rsymlink ${t} qid ${formatQid(f.qid)}`;
    case MsgType.Tmknod:
      return `Tmknod ${t} dfid ${f.dfid} name ${f.name} mode ${oct(f.mode)} major ${f.major} minor ${f.minor} gid ${f.gid}`;
    case MsgType.Rmknod: return `Rmknod ${t} qid ${formatQid(f.qid)}`;
    case MsgType.Trename: return `Trename ${t} fid ${f.fid} dfid ${f.dfid} name ${f.name}`;
    case MsgType.Rrename: return `Rrename ${t}`;
    case MsgType.Treadlink: return `Treadlink ${t} fid ${f.fid}`;
    case MsgType.Rreadlink: return `Rreadlink ${t} target ${f.target}`;
    case MsgType.Tgetattr: return `Tgetattr ${t} fid ${f.fid} request_mask ${hex(f.requestMask)}`;
    case MsgType.Rgetattr:
      return `Rgetattr ${t} valid ${hex(f.valid)} qid ${formatQid(f.qid)} mode ${oct(f.mode)} uid ${f.uid} gid ${f.gid}`
        + ` nlink ${f.nlink} rdev ${f.rdev} size ${f.size} blksize ${f.blksize} blocks ${f.blocks}`
        + ` atime ${f.atimeSec}.${f.atimeNsec} mtime ${f.mtimeSec}.${f.mtimeNsec} ctime ${f.ctimeSec}.${f.ctimeNsec}`
        + ` btime ${f.btimeSec}.${f.btimeNsec} gen ${f.gen} data_version ${f.dataVersion}`;
    case MsgType.Tsetattr:
      return `Tsetattr ${t} fid ${f.fid} valid ${hex(f.valid)} mode ${oct(f.mode)} uid ${f.uid} gid ${f.gid} size ${f.size}`
        + ` atime ${f.atimeSec}.${f.atimeNsec} mtime ${f.mtimeSec}.${f.mtimeNsec}`;
    case MsgType.Rsetattr: return `Rsetattr ${t}`;
    case MsgType.Txattrwalk: return `Txattrwalk ${t} fid ${f.fid} newfid ${f.newfid} name ${f.name}`;
    case MsgType.Rxattrwalk: return `Rxattrwalk ${t} size ${f.size}`;
    case MsgType.Txattrcreate: return `Txattrcreate ${t} fid ${f.fid} name ${f.name} attr_size ${f.attrSize} flags ${f.flags}`;
    case MsgType.Rxattrcreate: return `Rxattrcreate ${t}`;
    case MsgType.Treaddir: return `Treaddir ${t} fid ${f.fid} offset ${f.offset} count ${f.count}`;
    case MsgType.Rreaddir: return `Rreaddir ${t} count ${f.data.length}`;
    case MsgType.Tfsync: return `Tfsync ${t} fid ${f.fid} datasync ${f.datasync}`;
    case MsgType.Rfsync: return `Rfsync ${t}`;
    case MsgType.Tlock:
      return `Tlock ${t} fid ${f.fid} type ${f.lockType} flags ${f.flags} start ${f.start} length ${f.length}`
        + ` proc_id ${f.procId} client_id ${f.clientId}`;
    case MsgType.Rlock: return `Rlock ${t} status ${f.status}`;
    case MsgType.Tgetlock:
      return `Tgetlock ${t} fid ${f.fid} type ${f.lockType} start ${f.start} length ${f.length} proc_id ${f.procId} client_id ${f.clientId}`;
    case MsgType.Rgetlock:
      return `Rgetlock ${t} type ${f.lockType} start ${f.start} length ${f.length} proc_id ${f.procId} client_id ${f.clientId}`;
    case MsgType.Tlink: return `Tlink ${t} dfid ${f.dfid} fid ${f.fid} name ${f.name}`;
    case MsgType.Rlink: return `Rlink ${t}`;
    case MsgType.Tmkdir: return `Tmkdir ${t} dfid ${f.dfid} name ${f.name} mode ${oct(f.mode)} gid ${f.gid}`;
    case MsgType.Rmkdir: return `Rmkdir ${t} qid ${formatQid(f.qid)}`;
    case MsgType.Trenameat:
      return `Trenameat ${t} olddirfid ${f.olddirfid} oldname ${f.oldname} newdirfid ${f.newdirfid} newname ${f.newname}`;
    case MsgType.Rrenameat: return `Rrenameat ${t}`;
    case MsgType.Tunlinkat: return `Tunlinkat ${t} dirfid ${f.dirfid} name ${f.name} flags ${hex(f.flags)}`;
    case MsgType.Runlinkat: return `Runlinkat ${t}`;
  }
}
