// Large transfers through the client as a user makes them: streaming reads of a segment larger
// than one message return exactly its bytes at every offset boundary, a write stream holds its
// writer back while the server is busy, readFile and writeFile keep several requests in
// flight, and 64-bit offsets work past 4 GiB while readFile refuses what no Buffer can hold.

import { expect } from 'chai';
import { constants } from 'node:buffer';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from '../../../src/9p/client/client.js';
import { Fsys } from '../../../src/9p/client/fsys.js';
import { readStream } from '../../../src/9p/client/stream.js';
import { OREAD } from '../../../src/lib9/modes.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { SegmentDev } from '../../../src/devseg/segment-dev.js';
import { Kernel } from '../../../src/kernel/kernel.js';
import type { Chan, Dev, WalkResult } from '../../../src/dev/dev.js';
import type { Dir, DirChanges } from '../../../src/lib9/dir.js';
import { duplexPair } from '../../helpers/pair.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServeHandle } from '../../../src/serve/serve.js';
import { dial } from '../../../src/transport/dial.js';

const MSIZE = 8192;
const IOUNIT = MSIZE - 24;

/** #g behind a wrapper whose reads and writes answer on a later turn (or when released), counting how many wait at once. */
class SlowDev implements Dev {
  readonly dc = 'g';
  readonly name = 'slow';
  waiting = 0;
  maxWaiting = 0;
  /** While set, writes wait for release(). */
  hold = false;
  readonly #held: (() => void)[] = [];

  constructor(readonly inner: Dev) {}

  release(): void {
    this.hold = false;
    for (const go of this.#held.splice(0)) go();
  }

  async #later<T>(f: () => T | Promise<T>, held = false): Promise<T> {
    this.waiting++;
    this.maxWaiting = Math.max(this.maxWaiting, this.waiting);
    try {
      await new Promise<void>((r) => (held ? this.#held.push(r) : setImmediate(r)));
      return await f();
    } finally {
      this.waiting--;
    }
  }

  attach(spec: string, user: string): Chan | Promise<Chan> {
    return this.inner.attach(spec, user);
  }
  walk(c: Chan, names: readonly string[]): WalkResult | Promise<WalkResult> {
    return this.inner.walk(c, names);
  }
  stat(c: Chan): Dir | Promise<Dir> {
    return this.inner.stat(c);
  }
  open(c: Chan, omode: number): Chan | Promise<Chan> {
    return this.inner.open(c, omode);
  }
  create(c: Chan, name: string, omode: number, perm: number): void | Promise<void> {
    return this.inner.create(c, name, omode, perm);
  }
  read(c: Chan, buf: Uint8Array, offset: number): Promise<number> {
    return this.#later(() => this.inner.read(c, buf, offset));
  }
  readdir(c: Chan): Dir[] | Promise<Dir[]> {
    return this.inner.readdir(c);
  }
  write(c: Chan, data: Uint8Array, offset: number): Promise<number> {
    const copy = Uint8Array.from(data);
    return this.#later(() => this.inner.write(c, copy, offset), this.hold);
  }
  remove(c: Chan): void | Promise<void> {
    return this.inner.remove(c);
  }
  wstat(c: Chan, changes: DirChanges): void | Promise<void> {
    return this.inner.wstat(c, changes);
  }
  close(c: Chan): void {
    this.inner.close(c);
  }
}

function pattern(n: number, seed = 3): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed + (i >> 13)) & 0xff;
  return b;
}

/** A client of a fresh #g (optionally behind SlowDev) at msize 8192, with segment `seg` of `size` bytes. */
async function withSegment(size: number, slow = false, msize = MSIZE): Promise<{ fs: Fsys; dev: SlowDev | undefined; fids: () => number; done: () => Promise<void> }> {
  const seg = new SegmentDev(new Kernel(), 'glenda');
  const dev = slow ? new SlowDev(seg) : undefined;
  const server = new NinepServer({ dev: dev ?? seg, eve: 'glenda', log: () => {} });
  const [a, b] = duplexPair();
  const conn = server.accept(a)!;
  const client = await Client.connect(b, { msize });
  const fs = await Fsys.attach(client, 'glenda');
  await fs.mkdir('seg');
  await fs.writeFile('seg/ctl', `va 0x10000000 ${size}`);
  return { fs, dev, fids: () => conn.session.fids.size, done: async () => { await fs.close(); await server.close(); } };
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('9P client: streams', () => {
  const SIZE = 64 * 1024;

  it('readStream returns exactly the bytes of [start, end) at every boundary, depth 1 and 8', async () => {
    const { fs, done } = await withSegment(SIZE);
    try {
      const want = pattern(SIZE);
      expect(await fs.writeFile('seg/data', want, { truncate: false })).to.equal(SIZE);
      const points = [0, 1, IOUNIT - 1, IOUNIT, IOUNIT + 1, 3 * IOUNIT, SIZE - 1, SIZE];
      for (const depth of [1, 8]) {
        for (const start of points) {
          for (const end of points) {
            if (end < start) continue;
            const got = await collect(fs.readStream('seg/data', { start, end, depth }));
            expect(got.equals(want.subarray(start, end)), `[${start}, ${end}) depth ${depth}`).to.equal(true);
          }
          const rest = await collect(fs.readStream('seg/data', { start, depth }));
          expect(rest.equals(want.subarray(start)), `[${start}, end) depth ${depth}`).to.equal(true);
        }
      }
    } finally {
      await done();
    }
  });

  it('createReadStream is a Readable of the same bytes; destroying it early lets go of the file', async () => {
    const { fs, fids, done } = await withSegment(SIZE);
    try {
      const want = pattern(SIZE, 11);
      await fs.writeFile('seg/data', want, { truncate: false });
      const got = await collect(fs.createReadStream('seg/data', { start: 5, end: SIZE - 5 }));
      expect(got.equals(want.subarray(5, SIZE - 5))).to.equal(true);
      const early = fs.createReadStream('seg/data');
      for await (const c of early) { expect(c.length).to.be.greaterThan(0); break; }
      expect(early.destroyed).to.equal(true);
      await new Promise((r) => early.once('close', r));
      for (let i = 0; i < 50 && fids() > 1; i++) await new Promise((r) => setImmediate(r));
      // only the root fid is left: the stream's fid was clunked
      expect(fids()).to.equal(1);
    } finally {
      await done();
    }
  });

  it('writeStream takes from its source only while the window has room', async () => {
    const { fs, dev, done } = await withSegment(SIZE, true);
    try {
      const want = pattern(SIZE, 5);
      let produced = 0;
      async function* source(): AsyncGenerator<Uint8Array> {
        for (let at = 0; at < SIZE; at += IOUNIT) {
          produced++;
          yield want.subarray(at, Math.min(SIZE, at + IOUNIT));
        }
      }
      dev!.hold = true;
      const writing = fs.writeStream('seg/data', source(), { depth: 2 });
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      // two writes wait in the device; the source gave at most one more chunk
      expect(dev!.waiting).to.equal(2);
      expect(produced).to.be.at.most(3);
      dev!.release();
      expect(await writing).to.equal(SIZE);
      expect(Buffer.from(await fs.readFile('seg/data')).equals(want)).to.equal(true);
    } finally {
      await done();
    }
  });

  it('createWriteStream says wait (write() false) while the server holds its writes, and writes every byte', async () => {
    const { fs, dev, done } = await withSegment(SIZE, true);
    try {
      const want = pattern(SIZE, 9);
      dev!.hold = true;
      const ws = fs.createWriteStream('seg/data', { depth: 2 });
      let sent = 0;
      while (sent < SIZE) {
        const n = Math.min(4096, SIZE - sent);
        const ok = ws.write(want.subarray(sent, sent + n));
        sent += n;
        if (!ok) break;
      }
      expect(sent).to.be.lessThan(SIZE);
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(dev!.waiting).to.be.at.most(2);
      dev!.release();
      await pipeline(Readable.from([want.subarray(sent)]), ws);
      expect(Buffer.from(await fs.readFile('seg/data')).equals(want)).to.equal(true);
      expect(ws).to.be.instanceOf(Writable);
    } finally {
      await done();
    }
  });

  it('readFile and writeFile keep more than one request in flight', async () => {
    const { fs, dev, done } = await withSegment(SIZE, true);
    try {
      const want = pattern(SIZE, 1);
      await fs.writeFile('seg/data', want, { truncate: false });
      expect(dev!.maxWaiting, 'writeFile').to.be.greaterThan(1);
      dev!.maxWaiting = 0;
      expect(Buffer.from(await fs.readFile('seg/data')).equals(want)).to.equal(true);
      expect(dev!.maxWaiting, 'readFile').to.be.greaterThan(1);
    } finally {
      await done();
    }
  });
});

describe('9P client: large replies', () => {
  it('short reads in the middle of a file: speculation past them is dropped, its memory never reused while a reply may land in it', async () => {
    const SIZE = 2 << 20;
    // replies of 128 KiB: large enough for their memory to be pooled and reused
    const { fs, dev, done } = await withSegment(SIZE, true, 128 * 1024);
    try {
      const want = pattern(SIZE, 41);
      await fs.writeFile('seg/data', want, { truncate: false });
      // every read starting in an odd 300,000-byte stretch answers at most 777 bytes
      const inner = dev!.read.bind(dev);
      dev!.read = (c, buf, offset) => inner(c, Math.floor(offset / 300_000) % 2 === 1 ? buf.subarray(0, 777) : buf, offset);
      const f = await fs.open('seg/data', OREAD);
      try {
        for (const depth of [2, 8]) {
          const parts: Buffer[] = [];
          for await (const c of readStream(f, { depth })) parts.push(Buffer.from(c));
          expect(Buffer.concat(parts).equals(want), `depth ${depth}`).to.equal(true);
        }
      } finally {
        await f.clunk();
      }
    } finally {
      await done();
    }
  });

  it('a fid readStream reusing reply memory still hands out exactly the file, chunk after chunk', async () => {
    const SIZE = 4 << 20;
    const { fs, done } = await withSegment(SIZE, false, 256 * 1024);
    try {
      const want = pattern(SIZE, 17);
      await fs.writeFile('seg/data', want, { truncate: false });
      const f = await fs.open('seg/data', OREAD);
      try {
        for (const depth of [1, 8]) {
          const parts: Buffer[] = [];
          for await (const c of readStream(f, { depth, start: 3, end: SIZE - 2 })) parts.push(Buffer.from(c));
          expect(Buffer.concat(parts).equals(want.subarray(3, SIZE - 2)), `depth ${depth}`).to.equal(true);
        }
      } finally {
        await f.clunk();
      }
      expect(Buffer.from(await fs.readFile('seg/data')).equals(want)).to.equal(true);
    } finally {
      await done();
    }
  });
});

describe('9P client: files past 4 GiB', () => {
  const SIZE = 5 * 2 ** 30;

  it('reads and writes at offsets past 2^32, and readFile refuses what one Buffer cannot hold', async () => {
    const { fs, done } = await withSegment(SIZE);
    try {
      const at = SIZE - 3 * IOUNIT - 7;
      const bytes = pattern(3 * IOUNIT + 7, 13);
      expect(await fs.writeStream('seg/data', [bytes], { start: at })).to.equal(bytes.length);
      const got = await collect(fs.readStream('seg/data', { start: at - 1, depth: 4 }));
      expect(got.length).to.equal(bytes.length + 1);
      expect(got[0]).to.equal(0);
      expect(got.subarray(1).equals(bytes)).to.equal(true);
      let err: (Error & { code?: string }) | undefined;
      try {
        await fs.readFile('seg/data');
      } catch (e) {
        err = e as Error & { code?: string };
      }
      expect(SIZE).to.be.greaterThan(constants.MAX_LENGTH);
      expect(err).to.be.instanceOf(RangeError);
      expect(err!.code).to.equal('ERR_FS_FILE_TOO_LARGE');
      expect(err!.message).to.include('seg/data').and.include('createReadStream');
    } finally {
      await done();
    }
  });
});

describe('9P client: streams over sockets (reads placed by the kernel)', () => {
  // 3 MiB and a page (segments are whole pages): several messages of either msize, a short last one
  const SIZE = 3 * 2 ** 20 + 4096;
  let h: ServeHandle;
  let path: string;
  before(async () => {
    path = join(tmpdir(), `segfs-streams-${process.pid}.sock`);
    h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
  });
  after(async () => { await h.close(); });

  for (const net of ['tcp', 'unix'] as const) {
    for (const msize of [8192, 1 << 20]) {
      it(`${net}, msize ${msize}: readStream, createReadStream and readFile give exactly the bytes at every boundary`, async function () {
        this.timeout(20000);
        const unixServer = net === 'unix' ? await serve({ listen: `unix!${path}`, eve: 'glenda' }) : undefined;
        const fs = await Fsys.attach(await Client.connect(await dial((unixServer ?? h).address), { msize }), 'glenda');
        try {
          const seg = `s${net}${msize}`;
          await fs.mkdir(seg);
          await fs.writeFile(`${seg}/ctl`, `va 0x10000000 ${SIZE}`);
          const want = pattern(SIZE, 29);
          await fs.writeFile(`${seg}/data`, want, { truncate: false });
          const unit = msize - 24;
          const points = [0, 1, unit - 1, unit, unit + 1, 2 * unit + 3, SIZE - 1, SIZE];
          const f = await fs.open(`${seg}/data`, OREAD);
          try {
            for (const depth of [1, 4]) {
              for (const recycle of [true, false]) {
                for (const start of points) {
                  for (const end of [start + 1, start + unit, SIZE]) {
                    if (end > SIZE) continue;
                    const got = await collect(readStream(f, { start, end, depth, recycle }));
                    expect(got.equals(want.subarray(start, end)), `[${start}, ${end}) depth ${depth} recycle ${recycle}`).to.equal(true);
                  }
                }
              }
            }
          } finally {
            await f.clunk();
          }
          const parts: Buffer[] = [];
          await pipeline(fs.createReadStream(`${seg}/data`, { start: 7 }), new Writable({
            write(c: Buffer, _e, cb) { parts.push(c); cb(); },
          }));
          expect(Buffer.concat(parts).equals(want.subarray(7))).to.equal(true);
          expect(Buffer.from(await fs.readFile(`${seg}/data`)).equals(want)).to.equal(true);
          await fs.remove(seg);
        } finally {
          await fs.close();
          await unixServer?.close();
        }
      });
    }
  }
});
