// The file's identity (Qid) and its directory entry (Dir) as intro(5) and stat(5) define them,
// before any dialect's encoding.

/** A file's unique identity on its server (intro(5)): two files are the same file if and only if their qids are. */
export interface Qid {
  /** QT* bits (QTDIR, QTAPPEND, …): the top byte of the file's mode. */
  type: number;
  /** Version: changes when the file changes (0 for files that do not track it). */
  vers: number;
  /** The file's number on its server, unique among its files; a bigint because it is 64-bit on the wire. */
  path: bigint;
}

/** A directory entry as stat(5) describes it, before any dialect's encoding. */
export interface Dir {
  /** For kernel use: the device type (0 from a 9P server). */
  type: number;
  /** For kernel use: the device instance. */
  dev: number;
  /** The file's identity. */
  qid: Qid;
  /** DM* bits | permission bits. */
  mode: number;
  /** Last access, seconds since the epoch. */
  atime: number;
  /** Last modification, seconds since the epoch. */
  mtime: number;
  /**
   * The file's length in bytes: a bigint, because it is 64-bit on the wire (convert with
   * `Number(d.length)` when it is known to be below 2^53).
   */
  length: bigint;
  /** The last element of the file's path ('/' for a root). */
  name: string;
  /** The owner. */
  uid: string;
  /** The group. */
  gid: string;
  /** The user who last modified the file. */
  muid: string;
}

/** What a wstat asks to change; an absent field is "don't touch" (stat(5)'s ~0 and ""). */
export interface DirChanges {
  /** New DM* bits | permission bits (DMDIR cannot change). */
  mode?: number;
  /** New name, in the same directory. */
  name?: string;
  /** New length in bytes (64-bit on the wire, hence a bigint). */
  length?: bigint;
  /** New owner. */
  uid?: string;
  /** New group. */
  gid?: string;
  /** New access time, seconds since the epoch. */
  atime?: number;
  /** New modification time, seconds since the epoch. */
  mtime?: number;
}
