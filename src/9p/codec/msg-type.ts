// Message type numbers on the wire: 9P2000 (intro(5); R = T+1, Terror is never sent) and the
// 9P2000.L additions (diod's protocol.h). 9P2000.u reuses the 9P2000 numbers.

/** The `type[1]` byte of every 9P message. */
export enum MsgType {
  // 9P2000.L
  Tlerror = 6,
  Rlerror = 7,
  Tstatfs = 8,
  Rstatfs = 9,
  Tlopen = 12,
  Rlopen = 13,
  Tlcreate = 14,
  Rlcreate = 15,
  Tsymlink = 16,
  Rsymlink = 17,
  Tmknod = 18,
  Rmknod = 19,
  Trename = 20,
  Rrename = 21,
  Treadlink = 22,
  Rreadlink = 23,
  Tgetattr = 24,
  Rgetattr = 25,
  Tsetattr = 26,
  Rsetattr = 27,
  Txattrwalk = 30,
  Rxattrwalk = 31,
  Txattrcreate = 32,
  Rxattrcreate = 33,
  Treaddir = 40,
  Rreaddir = 41,
  Tfsync = 50,
  Rfsync = 51,
  Tlock = 52,
  Rlock = 53,
  Tgetlock = 54,
  Rgetlock = 55,
  Tlink = 70,
  Rlink = 71,
  Tmkdir = 72,
  Rmkdir = 73,
  Trenameat = 74,
  Rrenameat = 75,
  Tunlinkat = 76,
  Runlinkat = 77,
  // 9P2000
  Tversion = 100,
  Rversion = 101,
  Tauth = 102,
  Rauth = 103,
  Tattach = 104,
  Rattach = 105,
  Terror = 106,
  Rerror = 107,
  Tflush = 108,
  Rflush = 109,
  Twalk = 110,
  Rwalk = 111,
  Topen = 112,
  Ropen = 113,
  Tcreate = 114,
  Rcreate = 115,
  Tread = 116,
  Rread = 117,
  Twrite = 118,
  Rwrite = 119,
  Tclunk = 120,
  Rclunk = 121,
  Tremove = 122,
  Rremove = 123,
  Tstat = 124,
  Rstat = 125,
  Twstat = 126,
  Rwstat = 127,
}

/** The name of a type number ('Tread'), or `type N` for numbers 9P does not define. */
export function msgTypeName(type: number): string {
  const name = (MsgType as unknown as Record<number, string | undefined>)[type];
  return name ?? `type ${type}`;
}

/** True for R-messages (replies): every reply number is odd. */
export function isReply(type: number): boolean {
  return (type & 1) === 1;
}
