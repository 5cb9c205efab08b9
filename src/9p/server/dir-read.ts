// Directory reads, whole entries only. 9P2000 (read(5)): the data is stat records, a read
// starts at offset 0 or where the previous one ended ("bad offset in directory read"
// otherwise), and a count too small for even one record is an error, not an empty (EOF)
// reply. 9P2000.L (Treaddir): entries qid offset type name, each offset a small resume cookie
// (entry index + 1), with `.` and `..` first as Linux expects.

import type { Dir, Qid } from '../../lib9/dir.js';
import { Ebadoffset, Eshort, Enotdir, error } from '../../lib9/errors.js';
import { then, type Maybe } from './maybe.js';
import { MsgType } from '../codec/msg-type.js';
import { encodeStatInto } from '../codec/stat.js';
import { encodeDirentInto } from '../codec/dirent.js';
import type { Fid } from './fid.js';
import { closeChan } from './fid.js';
import { toStat } from './wire-stat.js';
import { direntType } from '../codec/linux.js';
import { PAYLOAD_HDRSZ, rawPayloadReply, type Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';

/** A 9P2000 Tread on a directory fid; `count` is already clamped to msize − IOHDRSZ. */
export function readdir9p(s: Session, req: Req, fid: Fid, offset: bigint, count: number): Maybe<Reply> {
  if (offset !== 0n && offset !== fid.dirOffset) error(Ebadoffset);
  if (offset !== 0n && fid.dirEntries !== undefined) return pack9p(s, req, fid, offset, count, fid.dirEntries, fid.dirIndex);
  return then(s.dev.readdir(fid.chan), (entries) => pack9p(s, req, fid, offset, count, entries, 0));
}

function pack9p(s: Session, req: Req, fid: Fid, offset: bigint, count: number, entries: Dir[], index: number): Reply {
  const buf = s.takeBuffer(PAYLOAD_HDRSZ + count);
  const limit = PAYLOAD_HDRSZ + count;
  let pos = PAYLOAD_HDRSZ;
  while (index < entries.length) {
    const next = encodeStatInto(toStat(s, entries[index]!), s.dialect, buf, pos, limit);
    if (next < 0) break;
    pos = next;
    index++;
  }
  if (pos === PAYLOAD_HDRSZ && index < entries.length) error(Eshort);
  if (!req.cancelled) {
    fid.dirEntries = entries;
    fid.dirIndex = index;
    fid.dirOffset = offset + BigInt(pos - PAYLOAD_HDRSZ);
  }
  return rawPayloadReply(buf, MsgType.Rread, req.tag, pos - PAYLOAD_HDRSZ);
}

/** A 9P2000.L Treaddir; `count` is already clamped to msize − IOHDRSZ. */
export function readdirL(s: Session, req: Req, fid: Fid, offset: bigint, count: number): Maybe<Reply> {
  if (!fid.isDir) error(Enotdir);
  if (offset !== 0n && fid.dirL !== undefined) return packL(req, s, offset, count, fid.dirL);
  return then(s.dev.readdir(fid.chan), (list) => then(s.dev.walk(fid.chan, ['..']), (up) => {
    if (up.chan !== undefined) closeChan(up.chan);
    const parent = up.qids[0] ?? fid.chan.qid;
    const entries: DirentL[] = [{ qid: fid.chan.qid, name: '.' }, { qid: parent, name: '..' }];
    for (const d of list) entries.push({ qid: d.qid, name: d.name });
    if (!req.cancelled) fid.dirL = entries;
    return packL(req, s, offset, count, entries);
  }));
}

type DirentL = { qid: Qid; name: string };

function packL(req: Req, s: Session, offset: bigint, count: number, entries: DirentL[]): Reply {
  const buf = s.takeBuffer(PAYLOAD_HDRSZ + count);
  const limit = PAYLOAD_HDRSZ + count;
  let pos = PAYLOAD_HDRSZ;
  let i = offset > BigInt(entries.length) ? entries.length : Number(offset);
  for (; i < entries.length; i++) {
    const e = entries[i]!;
    const next = encodeDirentInto({ qid: e.qid, offset: BigInt(i + 1), type: direntType(e.qid.type), name: e.name }, buf, pos, limit);
    if (next < 0) break;
    pos = next;
  }
  if (pos === PAYLOAD_HDRSZ && i < entries.length) error(Eshort);
  return rawPayloadReply(buf, MsgType.Rreaddir, req.tag, pos - PAYLOAD_HDRSZ);
}
