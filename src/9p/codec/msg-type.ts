// Message type numbers on the wire: 9P2000 (intro(5); R = T+1, Terror is never sent) and the
// 9P2000.L additions (diod's protocol.h). 9P2000.u reuses the 9P2000 numbers.

/** The `type[1]` byte of every 9P message. */
export enum MsgType {
  // 9P2000.L
  /** Reserved by 9P2000.L; never sent. */
  Tlerror = 6,
  /** 9P2000.L error reply: a Linux errno. */
  Rlerror = 7,
  /** 9P2000.L statfs(2) request. */
  Tstatfs = 8,
  /** 9P2000.L statfs(2) reply. */
  Rstatfs = 9,
  /** 9P2000.L open request, with Linux open flags. */
  Tlopen = 12,
  /** 9P2000.L open reply. */
  Rlopen = 13,
  /** 9P2000.L create request: create `name` in directory `fid` and open it. */
  Tlcreate = 14,
  /** 9P2000.L create reply. */
  Rlcreate = 15,
  /** 9P2000.L symlink request. */
  Tsymlink = 16,
  /** 9P2000.L symlink reply. */
  Rsymlink = 17,
  /** 9P2000.L mknod request. */
  Tmknod = 18,
  /** 9P2000.L mknod reply. */
  Rmknod = 19,
  /** 9P2000.L rename request: move `fid` to `name` in `dfid`. */
  Trename = 20,
  /** 9P2000.L rename reply. */
  Rrename = 21,
  /** 9P2000.L readlink request. */
  Treadlink = 22,
  /** 9P2000.L readlink reply. */
  Rreadlink = 23,
  /** 9P2000.L getattr request (stat(2)). */
  Tgetattr = 24,
  /** 9P2000.L getattr reply: the attributes, times in seconds and nanoseconds. */
  Rgetattr = 25,
  /** 9P2000.L setattr request: change the attributes `valid` names. */
  Tsetattr = 26,
  /** 9P2000.L setattr reply. */
  Rsetattr = 27,
  /** 9P2000.L xattrwalk request: `newfid` for reading attribute `name` (or the list, for ''). */
  Txattrwalk = 30,
  /** 9P2000.L xattrwalk reply. */
  Rxattrwalk = 31,
  /** 9P2000.L xattrcreate request: `fid` becomes attribute `name` to write. */
  Txattrcreate = 32,
  /** 9P2000.L xattrcreate reply. */
  Rxattrcreate = 33,
  /** 9P2000.L readdir request: entries of directory `fid` after cookie `offset`. */
  Treaddir = 40,
  /** 9P2000.L readdir reply: packed directory entries. */
  Rreaddir = 41,
  /** 9P2000.L fsync request. */
  Tfsync = 50,
  /** 9P2000.L fsync reply. */
  Rfsync = 51,
  /** 9P2000.L lock request (fcntl F_SETLK). */
  Tlock = 52,
  /** 9P2000.L lock reply. */
  Rlock = 53,
  /** 9P2000.L getlock request (fcntl F_GETLK). */
  Tgetlock = 54,
  /** 9P2000.L getlock reply: the lock that would block, or UNLCK. */
  Rgetlock = 55,
  /** 9P2000.L link request: a hard link `name` in `dfid` to `fid`. */
  Tlink = 70,
  /** 9P2000.L link reply. */
  Rlink = 71,
  /** 9P2000.L mkdir request. */
  Tmkdir = 72,
  /** 9P2000.L mkdir reply. */
  Rmkdir = 73,
  /** 9P2000.L renameat request. */
  Trenameat = 74,
  /** 9P2000.L renameat reply. */
  Rrenameat = 75,
  /** 9P2000.L unlinkat request: remove `name` from `dirfid`. */
  Tunlinkat = 76,
  /** 9P2000.L unlinkat reply. */
  Runlinkat = 77,
  // 9P2000
  /** version(5) request: negotiates the protocol and msize; resets the session. */
  Tversion = 100,
  /** version(5) reply: the msize and protocol the server accepts. */
  Rversion = 101,
  /** attach(5) Tauth: asks for an authentication file (segfs needs none). */
  Tauth = 102,
  /** attach(5) Rauth: the authentication file's qid. */
  Rauth = 103,
  /** attach(5) request: a fid for the root of tree `aname`, for user `uname`. */
  Tattach = 104,
  /** attach(5) reply: the root's qid. */
  Rattach = 105,
  /** Reserved by 9P2000; never sent. */
  Terror = 106,
  /** error(5): the reply to a refused request (9P2000, 9P2000.u). */
  Rerror = 107,
  /** flush(5) request: abandon request `oldtag`. */
  Tflush = 108,
  /** flush(5) reply: `oldtag` is answered or abandoned; its tag may be reused. */
  Rflush = 109,
  /** walk(5) request: walk `newfid` from `fid` through `wname`. */
  Twalk = 110,
  /** walk(5) reply. */
  Rwalk = 111,
  /** open(5) request: open `fid` with `mode`. */
  Topen = 112,
  /** open(5) reply. */
  Ropen = 113,
  /** open(5) Tcreate: create `name` in directory `fid` and open it. */
  Tcreate = 114,
  /** open(5) Rcreate. */
  Rcreate = 115,
  /** read(5) request: `count` bytes at `offset` of `fid`. */
  Tread = 116,
  /** read(5) reply. */
  Rread = 117,
  /** read(5) Twrite: `data` at `offset` of `fid`. */
  Twrite = 118,
  /** read(5) Rwrite. */
  Rwrite = 119,
  /** clunk(5) request: forget `fid`. */
  Tclunk = 120,
  /** clunk(5) reply. */
  Rclunk = 121,
  /** remove(5) request: remove the file of `fid` and clunk it. */
  Tremove = 122,
  /** remove(5) reply. */
  Rremove = 123,
  /** stat(5) request. */
  Tstat = 124,
  /** stat(5) reply. */
  Rstat = 125,
  /** stat(5) Twstat: change the fields of `stat` that are not "don't touch". */
  Twstat = 126,
  /** stat(5) Rwstat. */
  Rwstat = 127,
}

/**
 * The name of a type number, for traces and errors.
 * @param type - a type number
 * @returns 'Tread' for 116, or `type N` for numbers 9P does not define
 */
export function msgTypeName(type: number): string {
  const name = (MsgType as unknown as Record<number, string | undefined>)[type];
  return name ?? `type ${type}`;
}

/**
 * True for R-messages (replies): every reply number is odd.
 * @param type - a type number
 * @returns whether it is a reply
 */
export function isReply(type: number): boolean {
  return (type & 1) === 1;
}
