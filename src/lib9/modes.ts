// Plan 9's file-mode words (intro(5), open(5), stat(5)): qid types, Dir.mode bits and open modes.

/** qid.type bits: the top byte of a file's mode. */
export const QTDIR = 0x80;
export const QTAPPEND = 0x40;
export const QTEXCL = 0x20;
export const QTMOUNT = 0x10;
export const QTAUTH = 0x08;
export const QTTMP = 0x04;
export const QTSYMLINK = 0x02; // 9P2000.u
export const QTFILE = 0x00;

/** Dir.mode bits. */
export const DMDIR = 0x80000000;
export const DMAPPEND = 0x40000000;
export const DMEXCL = 0x20000000;
export const DMMOUNT = 0x10000000;
export const DMAUTH = 0x08000000;
export const DMTMP = 0x04000000;
// 9P2000.u extension bits
export const DMSYMLINK = 0x02000000;
export const DMLINK = 0x01000000;
export const DMDEVICE = 0x00800000;
export const DMNAMEDPIPE = 0x00200000;
export const DMSOCKET = 0x00100000;
export const DMSETUID = 0x00080000;
export const DMSETGID = 0x00040000;
export const DMSETVTX = 0x00010000;

/** Open modes (Topen/Tcreate mode byte). */
export const OREAD = 0;
export const OWRITE = 1;
export const ORDWR = 2;
export const OEXEC = 3;
export const OTRUNC = 0x10;
export const OCEXEC = 0x20;
export const ORCLOSE = 0x40;
