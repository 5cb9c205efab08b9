// Plan 9's file-mode words (intro(5), open(5), stat(5)): qid types, Dir.mode bits and open modes.

/** Qid.type bit: the file is a directory. */
export const QTDIR = 0x80;
/** Qid.type bit: append-only file. */
export const QTAPPEND = 0x40;
/** Qid.type bit: exclusive use: one open at a time. */
export const QTEXCL = 0x20;
/** Qid.type bit: a mount point. */
export const QTMOUNT = 0x10;
/** Qid.type bit: an authentication file. */
export const QTAUTH = 0x08;
/** Qid.type bit: not backed up. */
export const QTTMP = 0x04;
/** Qid.type bit: a symbolic link (9P2000.u). */
export const QTSYMLINK = 0x02;
/** Qid.type of a plain file: no bit set. */
export const QTFILE = 0x00;

/** Dir.mode bit: directory. */
export const DMDIR = 0x80000000;
/** Dir.mode bit: append-only. */
export const DMAPPEND = 0x40000000;
/** Dir.mode bit: exclusive use. */
export const DMEXCL = 0x20000000;
/** Dir.mode bit: mounted channel. */
export const DMMOUNT = 0x10000000;
/** Dir.mode bit: authentication file. */
export const DMAUTH = 0x08000000;
/** Dir.mode bit: not backed up. */
export const DMTMP = 0x04000000;
/** Dir.mode bit: symbolic link (9P2000.u). */
export const DMSYMLINK = 0x02000000;
/** Dir.mode bit: hard link (9P2000.u). */
export const DMLINK = 0x01000000;
/** Dir.mode bit: device file (9P2000.u). */
export const DMDEVICE = 0x00800000;
/** Dir.mode bit: named pipe (9P2000.u). */
export const DMNAMEDPIPE = 0x00200000;
/** Dir.mode bit: socket (9P2000.u). */
export const DMSOCKET = 0x00100000;
/** Dir.mode bit: set-user-id (9P2000.u). */
export const DMSETUID = 0x00080000;
/** Dir.mode bit: set-group-id (9P2000.u). */
export const DMSETGID = 0x00040000;
/** Dir.mode bit: sticky bit (9P2000.u). */
export const DMSETVTX = 0x00010000;

/** Open mode (Topen, Tcreate): open for reading. */
export const OREAD = 0;
/** Open mode (Topen, Tcreate): open for writing. */
export const OWRITE = 1;
/** Open mode (Topen, Tcreate): open for reading and writing. */
export const ORDWR = 2;
/** Open mode (Topen, Tcreate): open for execution (read permission is checked as execute). */
export const OEXEC = 3;
/** Open mode (Topen, Tcreate): or'ed in: truncate the file on open. */
export const OTRUNC = 0x10;
/** Open mode (Topen, Tcreate): or'ed in: close on exec. */
export const OCEXEC = 0x20;
/** Open mode (Topen, Tcreate): or'ed in: remove the file when the fid is clunked. */
export const ORCLOSE = 0x40;
