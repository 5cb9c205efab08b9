// What 9P2000.L speaks in Linux's terms, converted to and from Plan 9's: open flags to open
// modes, a Dir to getattr's fields, file types to d_type. The numbers are Linux's
// (include/uapi/asm-generic/fcntl.h, stat.h, net/9p's P9_GETATTR_*/P9_ATTR_*).

import { DMDIR, OREAD, ORDWR, OTRUNC, OWRITE, QTDIR } from '../../lib9/modes.js';

export const O_ACCMODE = 0o3;
export const O_TRUNC = 0o1000;

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
  const mode = acc === 1 ? OWRITE : acc === 2 ? ORDWR : OREAD;
  return (flags & O_TRUNC) !== 0 ? mode | OTRUNC : mode;
}

/** Linux st_mode for a Plan 9 mode: the file type from DMDIR, the permission bits. */
export function linuxMode(mode: number): number {
  return ((mode & DMDIR) !== 0 ? S_IFDIR : S_IFREG) | (mode & 0o777);
}

/** The d_type for a qid type. */
export function direntType(qidType: number): number {
  return (qidType & QTDIR) !== 0 ? DT_DIR : DT_REG;
}

/** st_blocks: 512-byte units. */
export function blocks512(length: bigint): bigint {
  return (length + 511n) / 512n;
}
