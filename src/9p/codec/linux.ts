// What 9P2000.L speaks in Linux's terms, converted to and from Plan 9's, for the server and the
// client alike: open flags and open modes both ways, st_mode and Plan 9 modes both ways,
// getattr/setattr masks, d_type. The numbers are Linux's (include/uapi/asm-generic/fcntl.h,
// stat.h, net/9p's P9_GETATTR_*/P9_ATTR_*).

import { DMDIR, OREAD, ORDWR, OTRUNC, OWRITE, QTDIR } from '../../lib9/modes.js';

export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_ACCMODE = 0o3;
export const O_TRUNC = 0o1000;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

export const DT_DIR = 4;
export const DT_REG = 8;

/** getattr request_mask / valid: P9_GETATTR_BASIC (mode … blocks). */
export const GETATTR_BASIC = 0x7ffn;

export const SETATTR_MODE = 0x1;
export const SETATTR_UID = 0x2;
export const SETATTR_GID = 0x4;
export const SETATTR_SIZE = 0x8;
export const SETATTR_ATIME = 0x10;
export const SETATTR_MTIME = 0x20;
export const SETATTR_ATIME_SET = 0x80;
export const SETATTR_MTIME_SET = 0x100;

/** Linux's statfs f_type for v9fs (V9FS_MAGIC), what diod answers. */
export const V9FS_MAGIC = 0x01021997;

/** AT_REMOVEDIR in Tunlinkat flags. */
export const AT_REMOVEDIR = 0x200;

/** The 32-bit "don't touch" / "unset" value of stat and setattr fields. */
export const NOVAL32 = 0xffffffff;

/**
 * Plan 9 open mode for Linux open `flags` (Tlopen, Tlcreate): the access mode, and OTRUNC for
 * O_TRUNC. Everything else (O_CREAT, O_EXCL, O_LARGEFILE, O_DIRECTORY, O_NONBLOCK, …) is
 * ignored: Linux passes O_CREAT to Tlopen for `echo > existing`, and Tlopen never creates.
 * The access mode 3 (no read, no write: ioctl-only opens) asks for nothing and opens OREAD.
 */
export function omodeFromLinux(flags: number): number {
  const acc = flags & O_ACCMODE;
  const mode = acc === O_WRONLY ? OWRITE : acc === O_RDWR ? ORDWR : OREAD;
  return (flags & O_TRUNC) !== 0 ? mode | OTRUNC : mode;
}

/**
 * Linux open flags for a Plan 9 open `mode` (what a client sends in Tlopen, Tlcreate): OWRITE
 * and ORDWR as O_WRONLY and O_RDWR, OTRUNC as O_TRUNC; OREAD and OEXEC read.
 */
export function linuxOpenFlags(mode: number): number {
  const acc = mode & 3;
  const flags = acc === OWRITE ? O_WRONLY : acc === ORDWR ? O_RDWR : O_RDONLY;
  return (mode & OTRUNC) !== 0 ? flags | O_TRUNC : flags;
}

/** Linux st_mode for a Plan 9 mode: the file type from DMDIR, the permission bits. */
export function linuxMode(mode: number): number {
  return ((mode & DMDIR) !== 0 ? S_IFDIR : S_IFREG) | (mode & 0o777);
}

/** The Plan 9 mode for a Linux st_mode: DMDIR for a directory, the permission bits. */
export function modeFromLinux(stMode: number): number {
  return ((stMode & S_IFMT) === S_IFDIR ? DMDIR : 0) | (stMode & 0o777);
}

/** The d_type for a qid type. */
export function direntType(qidType: number): number {
  return (qidType & QTDIR) !== 0 ? DT_DIR : DT_REG;
}

/** st_blocks: 512-byte units. */
export function blocks512(length: bigint): bigint {
  return (length + 511n) / 512n;
}
