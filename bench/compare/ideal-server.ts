// The "ideal" Node 9P server: `net` only, no file system behind it, every reply precomputed or
// a header plus a view of one buffer that holds the file. It answers version, attach, walk,
// lopen, open, getattr, read and clunk well enough for the load generator, so it measures what
// any Node 9P server can reach on this machine. A Tread gets the file's bytes at its offset,
// as from any file server; IDEAL_FIRST_BYTES=1 answers every Tread with the file's first bytes
// instead (the buffer then stays in the CPU's cache, which saves the kernel's copy a few µs).
// Run as a child process:
//   node ideal-server.js [PORT] [FILE_SIZE]   → prints "listening tcp!127.0.0.1!PORT"

import { createServer, type Socket } from 'node:net';

const port = Number(process.argv[2] ?? 0);
const fileSize = Number(process.argv[3] ?? 64 << 20);
const MAX_MSIZE = (4 << 20) + 24;
const IOHDRSZ = 24;
const QTDIR = 0x80;

const T = {
  lopen: 12, getattr: 24, version: 100, attach: 104, walk: 110, open: 112, read: 116, clunk: 120,
} as const;
const R = { lerror: 7, error: 107 } as const;

const FIRST_BYTES = process.env.IDEAL_FIRST_BYTES === '1';
/** The file: every Rread payload is a view of it. */
const DATA = Buffer.alloc(FIRST_BYTES ? Math.min(fileSize, MAX_MSIZE) : fileSize);
for (let i = 0; i < DATA.length; i++) DATA[i] = (i * 7 + 3) & 0xff;

function qid(b: Buffer, at: number, type: number, path: number): void {
  b[at] = type;
  b.writeUInt32LE(0, at + 1);
  b.writeBigUInt64LE(BigInt(path), at + 5);
}

/** A frame with size, type and a zero tag; the body is filled by `fill`. */
function frame(type: number, bodyLen: number, fill: (b: Buffer) => void = () => {}): Buffer {
  const b = Buffer.alloc(7 + bodyLen);
  b.writeUInt32LE(b.length, 0);
  b[4] = type;
  fill(b);
  return b;
}

const RATTACH = frame(T.attach + 1, 13, (b) => qid(b, 7, QTDIR, 1));
const RLOPEN = frame(T.lopen + 1, 17, (b) => qid(b, 7, 0, 2));
const ROPEN = frame(T.open + 1, 17, (b) => qid(b, 7, 0, 2));
const RCLUNK = frame(T.clunk + 1, 0);
const RGETATTR = frame(T.getattr + 1, 153, (b) => {
  let o = 7;
  b.writeBigUInt64LE(0x7ffn, o); o += 8; // valid: the basic set
  qid(b, o, 0, 2); o += 13;
  b.writeUInt32LE(0o100660, o); o += 4; // regular file, rw-rw----
  o += 8; // uid, gid 0
  b.writeBigUInt64LE(1n, o); o += 8; // nlink
  o += 8; // rdev
  b.writeBigUInt64LE(BigInt(fileSize), o); o += 8;
  b.writeBigUInt64LE(BigInt(8192), o); o += 8; // blksize
  b.writeBigUInt64LE(BigInt(Math.ceil(fileSize / 512)), o); // blocks; times, gen, version 0
});
const RLERROR = frame(R.lerror, 4, (b) => b.writeUInt32LE(95, 7)); // EOPNOTSUPP
const RERROR = frame(R.error, 2 + 13, (b) => { b.writeUInt16LE(13, 7); b.write('not supported', 9); });
const FILE_QIDS = Buffer.alloc(13 * 16);
for (let i = 0; i < 16; i++) qid(FILE_QIDS, i * 13, i === 15 ? 0 : QTDIR, 10 + i);

/** A copy of a static reply with TAG, so a queued write never sees a later tag. */
function tagged(r: Buffer, tag: number): Buffer {
  const b = Buffer.allocUnsafe(r.length);
  r.copy(b);
  b.writeUInt16LE(tag, 5);
  return b;
}

class Conn {
  #pending: Buffer | null = null;
  #msize = 8192;
  #dotl = true;

  constructor(readonly sock: Socket) {
    sock.setNoDelay(true);
    sock.on('data', (chunk: Buffer) => this.#data(chunk));
    sock.on('error', () => sock.destroy());
  }

  #data(chunk: Buffer): void {
    let buf = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.sock.cork();
    while (buf.length >= 4) {
      const size = buf.readUInt32LE(0);
      if (size < 7 || size > this.#msize + 4096) { this.sock.destroy(); return; }
      if (buf.length < size) break;
      this.#request(buf.subarray(0, size));
      buf = buf.subarray(size);
    }
    this.#pending = buf.length > 0 ? Buffer.from(buf) : null;
    this.sock.uncork();
  }

  #request(f: Buffer): void {
    const type = f[4]!;
    const tag = f.readUInt16LE(5);
    const s = this.sock;
    switch (type) {
      case T.read: {
        const offset = Number(f.readBigUInt64LE(11));
        const want = f.readUInt32LE(19);
        const n = Math.max(0, Math.min(want, this.#msize - IOHDRSZ, DATA.length, fileSize - offset));
        const h = Buffer.allocUnsafe(11);
        h.writeUInt32LE(11 + n, 0);
        h[4] = T.read + 1;
        h.writeUInt16LE(tag, 5);
        h.writeUInt32LE(n, 7);
        s.write(h);
        if (n > 0) s.write(FIRST_BYTES ? DATA.subarray(0, n) : DATA.subarray(offset, offset + n));
        return;
      }
      case T.getattr: s.write(tagged(RGETATTR, tag)); return;
      case T.walk: {
        const nw = Math.min(f.readUInt16LE(15), 16);
        const r = Buffer.allocUnsafe(9 + 13 * nw);
        r.writeUInt32LE(r.length, 0);
        r[4] = T.walk + 1;
        r.writeUInt16LE(tag, 5);
        r.writeUInt16LE(nw, 7);
        FILE_QIDS.copy(r, 9, (16 - nw) * 13);
        s.write(r);
        return;
      }
      case T.clunk: s.write(tagged(RCLUNK, tag)); return;
      case T.lopen: s.write(tagged(RLOPEN, tag)); return;
      case T.open: s.write(tagged(ROPEN, tag)); return;
      case T.attach: s.write(tagged(RATTACH, tag)); return;
      case T.version: {
        this.#msize = Math.min(f.readUInt32LE(7), MAX_MSIZE);
        const asked = f.toString('latin1', 13, 13 + f.readUInt16LE(11));
        const v = asked.startsWith('9P2000.L') ? '9P2000.L' : asked.startsWith('9P2000') ? '9P2000' : 'unknown';
        this.#dotl = v === '9P2000.L';
        const r = Buffer.alloc(13 + v.length);
        r.writeUInt32LE(r.length, 0);
        r[4] = T.version + 1;
        r.writeUInt16LE(tag, 5);
        r.writeUInt32LE(this.#msize, 7);
        r.writeUInt16LE(v.length, 11);
        r.write(v, 13, 'latin1');
        s.write(r);
        return;
      }
      default: s.write(tagged(this.#dotl ? RLERROR : RERROR, tag));
    }
  }
}

const server = createServer((sock) => new Conn(sock));
server.on('error', (e) => {
  process.stderr.write(`ideal-server: ${e.message}\n`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no TCP address');
  process.stdout.write(`listening tcp!127.0.0.1!${a.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
