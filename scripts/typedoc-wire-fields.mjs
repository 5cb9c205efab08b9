// TypeDoc plugin: the fields of the 9P message interfaces (src/9p/codec/types.ts) are named
// after the manual pages and repeat across messages, so their descriptions live here once, by
// name (with per-message overrides), instead of on each of ~360 one-line declarations; so do
// those of DialAddress's one-line variants. A field missing from the glossary stays
// undocumented and `npm run docs` lists it.

import { Comment, Converter, ReflectionKind } from 'typedoc';

const byField = {
  type: 'The message type (MsgType).',
  tag: 'The tag: chosen by the client, unique among its outstanding requests, echoed by the reply (NOTAG for Tversion).',
  fid: 'The fid the request acts on: a client-chosen number for a file on the server.',
  newfid: 'The fid the request makes (walk(5), Txattrwalk); may equal fid for a walk in place.',
  afid: 'The authentication fid, or NOFID when there is none.',
  dfid: 'The fid of the directory acted in.',
  dirfid: 'The fid of the directory acted in.',
  olddirfid: 'The fid of the directory holding the old name.',
  newdirfid: 'The fid of the directory to hold the new name.',
  msize: 'The largest message, in bytes, the sender will send or accept (the reply\'s is at most the request\'s).',
  version: "The protocol: '9P2000', '9P2000.u', '9P2000.L', or 'unknown' in a refusal.",
  uname: 'The user name the client acts for.',
  aname: 'The tree to attach (the attach specifier).',
  nUname: '9P2000.u/.L numeric user; encoded as NONUNAME (~0) when absent.',
  qid: 'The qid of the file acted on or made.',
  aqid: 'The qid of the authentication file.',
  wqid: 'The qid of each name walked, in order; fewer than asked when the walk stopped early.',
  wname: 'The path elements to walk, at most 16.',
  oldtag: 'The tag of the request to flush.',
  ename: 'The Plan 9 error string.',
  errno: '9P2000.u errno; 0 means "use the string".',
  ecode: 'The Linux errno.',
  iounit: 'The most bytes one read or write may carry without splitting (0: msize − 24).',
  mode: 'The open mode (OREAD, OWRITE, ORDWR, OEXEC, with OTRUNC, ORCLOSE).',
  perm: 'Permission bits of the new file, with DMDIR for a directory.',
  name: 'The file name (one path element).',
  offset: 'The file offset; 64-bit on the wire.',
  count: 'The number of bytes asked for or written.',
  data: 'The bytes, a view into the decoded frame (not a copy); its length is the count.',
  stat: 'The directory entry (stat(5)).',
  extension: '9P2000.u: symlink target or device spec; encoded as \'\' when absent.',
  gid: 'The numeric group of the new file.',
  flags: 'Linux open(2) flags (O_RDONLY, O_WRONLY, O_RDWR, O_TRUNC, …).',
  symtgt: 'The symbolic link\'s target.',
  target: 'The symbolic link\'s target.',
  major: 'The device\'s major number.',
  minor: 'The device\'s minor number.',
  oldname: 'The name to rename.',
  newname: 'The new name.',
  requestMask: 'P9_GETATTR_* bits: the attributes asked for.',
  valid: 'Bits saying which of the attribute fields are set.',
  uid: 'The numeric owner.',
  nlink: 'The number of hard links.',
  rdev: 'The device number, for a device file.',
  size: 'The file\'s size in bytes.',
  blksize: 'The preferred I/O size.',
  blocks: 'The number of 512-byte blocks allocated.',
  atimeSec: 'Last access: seconds.',
  atimeNsec: 'Last access: nanoseconds.',
  mtimeSec: 'Last modification: seconds.',
  mtimeNsec: 'Last modification: nanoseconds.',
  ctimeSec: 'Last status change: seconds.',
  ctimeNsec: 'Last status change: nanoseconds.',
  btimeSec: 'Creation: seconds (reserved).',
  btimeNsec: 'Creation: nanoseconds (reserved).',
  gen: 'Inode generation (reserved).',
  dataVersion: 'Data version (reserved).',
  fsType: 'The file system type (f_type), V9FS_MAGIC from segfs.',
  bsize: 'The block size.',
  bfree: 'Free blocks.',
  bavail: 'Free blocks available to unprivileged users.',
  files: 'Total file nodes.',
  ffree: 'Free file nodes.',
  fsid: 'The file system id.',
  namelen: 'The longest file name.',
  attrSize: 'The size of the extended attribute to write.',
  datasync: 'Non-zero: flush data only (fdatasync).',
  lockType: 'P9_LOCK_TYPE_RDLCK 0, WRLCK 1, UNLCK 2.',
  start: 'The first byte of the locked range.',
  length: 'The length of the locked range (0: to the end of the file).',
  procId: 'The process id of the lock holder.',
  clientId: 'The name of the client holding the lock.',
  status: 'P9_LOCK_SUCCESS 0, BLOCKED 1, ERROR 2, GRACE 3.',
};

const byMessage = {
  'Rxattrwalk.size': 'The size of the extended attribute.',
  'Tlcreate.mode': 'Permission bits of the new file.',
  'Tmkdir.mode': 'Permission bits of the new directory.',
  'Tmknod.mode': 'File type and permission bits of the new node.',
  'Tsetattr.mode': 'The new st_mode bits.',
  'Rgetattr.mode': 'The st_mode bits: file type and permissions.',
  'Rgetattr.gid': 'The numeric group.',
  'Tsetattr.gid': 'The new numeric group.',
  'Tsetattr.uid': 'The new numeric owner.',
  'Tsetattr.size': 'The new size in bytes.',
  'Tunlinkat.flags': 'AT_REMOVEDIR 0x200 to remove a directory.',
  'Txattrcreate.flags': 'XATTR_CREATE or XATTR_REPLACE.',
  'Tlock.flags': 'P9_LOCK_FLAGS_BLOCK 1: wait for the lock.',
  'Treaddir.offset': 'The cookie to resume after: 0, or an entry\'s offset from an earlier Rreaddir.',
  'Treaddir.count': 'The most bytes of entries to return.',
  'Rwrite.count': 'The number of bytes written.',
};

const dialAddress = {
  net: "'tcp' or 'unix'.",
  host: "A host name or an IPv4 or IPv6 address ('0.0.0.0' for `*`).",
  port: 'The TCP port (0: a free one, when listening).',
  path: "The unix socket's file.",
};

const isMessage = (name) => /^[TR][a-z]+$/.test(name);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const r of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      const parent = r.parent;
      if (r.comment !== undefined || parent === undefined) continue;
      if (parent.parent?.name === 'DialAddress' && dialAddress[r.name] !== undefined) {
        r.comment = new Comment([{ kind: 'text', text: dialAddress[r.name] }]);
        continue;
      }
      if (r.name === 'type' && parent.parent?.name === 'FcallOf') {
        r.comment = new Comment([{ kind: 'text', text: byField.type }]);
        continue;
      }
      if (!parent.kindOf(ReflectionKind.Interface) || !isMessage(parent.name)) continue;
      if (!r.sources?.some((s) => s.fullFileName.endsWith('src/9p/codec/types.ts'))) continue;
      const text = byMessage[`${parent.name}.${r.name}`] ?? byField[r.name];
      if (text !== undefined) r.comment = new Comment([{ kind: 'text', text }]);
    }
  });
}
