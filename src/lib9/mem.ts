// 9front amd64's memory constants (sys/src/9/pc64/mem.h, port/portdat.h).

/** Bytes per page. */
export const BY2PG = 0x1000;
/** Top of the user stack: the end of user space. */
export const USTKTOP = 0x7ffffffff000;
/** Size of the user stack segment. */
export const USTKSIZE = 16 * 1024 * 1024;
/** Where text starts. */
export const UTZERO = 0x200000;
/** The largest segment: SEGMAPSIZE * PTEMAPMEM = 65536 * 1 MiB. */
export const SEGMAXSIZE = 0x1000000000;
