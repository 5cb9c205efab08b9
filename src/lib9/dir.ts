// The file's identity (Qid) and its directory entry (Dir) as intro(5) and stat(5) define them,
// before any dialect's encoding.

export interface Qid {
  /** QT* bits (modes.ts). */
  type: number;
  vers: number;
  /** 64-bit on the wire. */
  path: bigint;
}

/** A directory entry as stat(5) describes it, before any dialect's encoding. */
export interface Dir {
  type: number;
  dev: number;
  qid: Qid;
  /** DM* bits | permission bits. */
  mode: number;
  /** seconds since the epoch */
  atime: number;
  mtime: number;
  length: bigint;
  name: string;
  uid: string;
  gid: string;
  muid: string;
}

/** What a wstat asks to change; an absent field is "don't touch" (stat(5)'s ~0 and ""). */
export interface DirChanges {
  mode?: number;
  name?: string;
  length?: bigint;
  uid?: string;
  gid?: string;
  atime?: number;
  mtime?: number;
}
