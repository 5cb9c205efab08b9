// Protocol numbers of the 9P wire: reserved tag and fid, limits and header sizes (intro(5),
// walk(5), read(5)). File modes are Plan 9 vocabulary (src/lib9/modes.ts).

/** The tag of Tversion, which has none. */
export const NOTAG = 0xffff;
/** "No fid": the afid of an attach without authentication. */
export const NOFID = 0xffffffff;
/** Twalk carries at most this many names (walk(5)). */
export const MAXWELEM = 16;
/** Bytes of Twrite/Rread framing around the payload: size[4] type[1] tag[2] fid[4] offset[8] count[4]. */
export const IOHDRSZ = 24;
/** Plan 9's ERRMAX: error strings on the wire are cut to fit. */
export const ERRMAX = 128;

/** 9P2000.u/.L n_uname, n_uid, … when there is no numeric id (~0). */
export const NONUNAME = 0xffffffff;
/** Bytes before the payload of an Rread: size[4] type[1] tag[2] count[4]. */
export const RREAD_HDRSZ = 11;
/** The smallest message: size[4] type[1] tag[2]. */
export const MIN_MSG_SIZE = 7;
