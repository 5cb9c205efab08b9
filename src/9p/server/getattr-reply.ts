// Rgetattr as a FrameReply: a device's Dir turned into the 9P2000.L attributes once, as
// numbers (no BigInt per field), and laid out straight into the connection's outgoing
// buffer when it is sent. The frame is the one encode() gives for the same Rgetattr.

import type { Dir, Qid } from '../../lib9/dir.js';
import { DMDIR } from '../../lib9/modes.js';
import { IOHDRSZ } from '../codec/constants.js';
import { linuxMode } from '../codec/linux.js';
import { encodeRgetattrBasicInto, RGETATTR_SIZE, type BasicAttrs } from '../codec/rgetattr.js';
import { FrameReply } from './reply.js';
import type { UserTable } from './users.js';

/** The Rgetattr (P9_GETATTR_BASIC) for `d`, answering the request tagged `tag` on a connection of `msize`. */
export class RgetattrReply extends FrameReply implements BasicAttrs {
  readonly frameSize = RGETATTR_SIZE;
  readonly qid: Qid;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  /** The file's length; 0 for a directory. */
  readonly size: number;
  readonly blksize: number;
  readonly blocks: number;
  readonly atimeSec: number;
  readonly mtimeSec: number;
  /** Plan 9 has no change time: the modification time stands in. */
  readonly ctimeSec: number;

  constructor(readonly tag: number, d: Dir, users: UserTable, msize: number) {
    super();
    const isDir = (d.mode & DMDIR) !== 0;
    this.qid = d.qid;
    this.mode = linuxMode(d.mode);
    this.uid = users.numberOf(d.uid);
    this.gid = users.numberOf(d.gid);
    this.nlink = isDir ? 2 : 1;
    this.size = isDir ? 0 : Number(d.length);
    this.blksize = msize - IOHDRSZ;
    this.blocks = Math.ceil(this.size / 512);
    this.atimeSec = d.atime >>> 0;
    this.mtimeSec = d.mtime >>> 0;
    this.ctimeSec = this.mtimeSec;
  }

  writeInto(buf: Buffer, at: number): void {
    encodeRgetattrBasicInto(buf, this.tag, this, at);
  }
}
