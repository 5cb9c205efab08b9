// Encode and decode throughput of the 9P codec for a small request (Twalk), a stat reply
// (Rstat, 9P2000.u) and a 1 MiB Rread (full-frame encode, header-only encode, and decode,
// whose data is a view).

import { decode, encode, encodeHeader } from '../src/9p/codec/codec.js';
import type { Dialect } from '../src/9p/codec/dialect.js';
import { MsgType, type Fcall, type Rread } from '../src/9p/codec/types.js';
import { fmtOps, opsPerSec } from './measure.js';

function row(name: string, msg: Fcall, dialect: Dialect): void {
  const bytes = encode(msg, dialect);
  const enc = opsPerSec(() => encode(msg, dialect));
  const dec = opsPerSec(() => decode(bytes, dialect));
  console.log(`${name.padEnd(24)} ${String(bytes.length).padStart(8)} B   encode ${fmtOps(enc).padStart(16)}   decode ${fmtOps(dec).padStart(16)}`);
}

export async function run(): Promise<void> {
  const twalk: Fcall = { type: MsgType.Twalk, tag: 7, fid: 1, newfid: 2, wname: ['seg', 'shared', 'data'] };
  const rstat: Fcall = {
    type: MsgType.Rstat, tag: 7,
    stat: {
      type: 0, dev: 0, qid: { type: 0, vers: 3, path: 0x1234n }, mode: 0o664, atime: 1700000000, mtime: 1700000001,
      length: 1n << 30n, name: 'data', uid: 'glenda', gid: 'glenda', muid: 'glenda',
      extension: '', nUid: 1000, nGid: 1000, nMuid: 1000,
    },
  };
  const data = Buffer.alloc(1 << 20, 0x5a);
  const rread: Rread = { type: MsgType.Rread, tag: 7, data };

  row('Twalk (3 names)', twalk, '9P2000.L');
  row('Rstat (9P2000.u)', rstat, '9P2000.u');
  row('Rread 1 MiB', rread, '9P2000.L');
  const hdr = opsPerSec(() => encodeHeader(rread, '9P2000.L'));
  console.log(`${'Rread 1 MiB header only'.padEnd(24)} ${String(11).padStart(8)} B   encode ${fmtOps(hdr).padStart(16)}   (payload written separately)`);
}
