// The 9P server over loopback TCP: read throughput of a 64 MiB #g segment's data at msize
// 64 KiB and 1 MiB (one request outstanding, as v9fs in cache=none, and four), and Tgetattr /
// Tstat round trips per second. First with the client in the same process on the same event
// loop (9p.md §5.3 "same process" column), then against `segfs serve` in a child process
// (the "separate processes" column). The client uses the codec's Framer, so it costs what a
// lean Node client costs. When diod's tools are installed, diodcat (C) reads the segment too.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '../src/9p/codec/codec.js';
import { NOFID, NOTAG, NONUNAME, IOHDRSZ } from '../src/9p/codec/constants.js';
import { DMDIR, OREAD, ORDWR } from '../src/lib9/modes.js';
import type { Dialect } from '../src/9p/codec/dialect.js';
import { Framer } from '../src/9p/codec/framer.js';
import { serve, segmentDevice } from '../src/serve/serve.js';
import { MsgType, type Fcall } from '../src/9p/codec/types.js';

const SEG = 64 << 20;

class BenchClient {
  readonly #sock: Socket;
  readonly #framer: Framer;
  readonly #waiting = new Map<number, (frame: Buffer) => void>();

  constructor(sock: Socket, readonly dialect: Dialect, maxFrame: number) {
    this.#sock = sock;
    this.#framer = new Framer((frame) => {
      const tag = frame.readUInt16LE(5);
      const w = this.#waiting.get(tag);
      if (w) { this.#waiting.delete(tag); w(frame); }
    }, { maxSize: maxFrame });
    sock.on('data', (chunk: Buffer) => this.#framer.push(chunk));
  }

  /** Sends a pre-encoded request and resolves with the raw reply frame. */
  raw(tag: number, req: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      this.#waiting.set(tag, resolve);
      this.#sock.write(req);
    });
  }

  async rpc(f: Fcall): Promise<Fcall> {
    const r = decode(await this.raw(f.tag, encode(f, this.dialect)), this.dialect);
    if (r.type === MsgType.Rerror || r.type === MsgType.Rlerror) throw new Error(`server error: ${JSON.stringify(r)}`);
    return r;
  }

  close(): void {
    this.#sock.destroy();
  }
}

async function client(address: string, dialect: Dialect, msize: number): Promise<BenchClient> {
  const [, host, port] = address.split('!');
  const sock = connect({ host: host!, port: Number(port) });
  await new Promise<void>((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
  sock.setNoDelay(true);
  const c = new BenchClient(sock, dialect, msize);
  const v = await c.rpc({ type: MsgType.Tversion, tag: NOTAG, msize, version: dialect });
  if (v.type !== MsgType.Rversion || v.msize !== msize) throw new Error('version failed');
  await c.rpc({ type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'eve', aname: '', nUname: dialect === '9P2000' ? undefined : NONUNAME } as Fcall);
  return c;
}

/** Reads the whole segment once with `depth` requests outstanding; returns MB/s. */
async function readAll(c: BenchClient, fid: number, msize: number, depth: number): Promise<number> {
  const count = msize - IOHDRSZ;
  let next = 0;
  let got = 0;
  const t0 = performance.now();
  const lane = async (tag: number): Promise<void> => {
    while (next < SEG) {
      const offset = next;
      next += count;
      const req = encode({ type: MsgType.Tread, tag, fid, offset: BigInt(offset), count }, c.dialect);
      const frame = await c.raw(tag, req);
      got += frame.readUInt32LE(7);
    }
  };
  await Promise.all(Array.from({ length: depth }, (_, i) => lane(10 + i)));
  const s = (performance.now() - t0) / 1000;
  if (got !== SEG) throw new Error(`read ${got} bytes, wanted ${SEG}`);
  return SEG / 1e6 / s;
}

/** Round trips per second of one pre-encoded request for `ms` milliseconds. */
async function roundTrips(c: BenchClient, req: Buffer, ms: number): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    await c.raw(2, req);
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** The same reads against `segfs serve` in a child process (9p.md §5.3's "separate processes"). */
async function separateProcess(): Promise<void> {
  const bin = fileURLToPath(new URL('../bin/segfs.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--listen', 'tcp!127.0.0.1!0', '--eve', 'eve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /serving #g on (tcp!\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`segfs serve exited: ${out}`)));
    });
    const setup = await client(address, '9P2000', 1 << 20);
    await setup.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: [] });
    await setup.rpc({ type: MsgType.Tcreate, tag: 1, fid: 1, name: 'bench', perm: (DMDIR | 0o777) >>> 0, mode: OREAD });
    await setup.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 2, wname: ['bench', 'ctl'] });
    await setup.rpc({ type: MsgType.Topen, tag: 1, fid: 2, mode: 1 });
    await setup.rpc({ type: MsgType.Twrite, tag: 1, fid: 2, offset: 0n, data: Buffer.from(`va 0x10000000 ${SEG}`) });
    await setup.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 3, wname: ['bench', 'data'] });
    await setup.rpc({ type: MsgType.Topen, tag: 1, fid: 3, mode: ORDWR });
    const page = Buffer.alloc((1 << 20) - IOHDRSZ, 0xa5);
    for (let off = 0; off < SEG; off += page.length) {
      await setup.rpc({ type: MsgType.Twrite, tag: 1, fid: 3, offset: BigInt(off), data: page.subarray(0, Math.min(page.length, SEG - off)) });
    }
    setup.close();
    for (const msize of [64 << 10, 1 << 20]) {
      const c = await client(address, '9P2000.L', msize);
      await c.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: ['bench', 'data'] });
      await c.rpc({ type: MsgType.Tlopen, tag: 1, fid: 1, flags: 0 });
      await readAll(c, 1, msize, 1);
      const rates: number[] = [];
      for (let i = 0; i < 3; i++) rates.push(await readAll(c, 1, msize, 1));
      rates.sort((a, b) => a - b);
      console.log(`separate processes: read 64 MiB data, msize ${String(msize >> 10).padStart(4)} KiB, 1 outstanding: ${rates[1]!.toFixed(0).padStart(6)} MB/s (median of 3)`);
      c.close();
    }
    const l = await client(address, '9P2000.L', 8192);
    await l.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: ['bench', 'ctl'] });
    const getattr = encode({ type: MsgType.Tgetattr, tag: 2, fid: 1 , requestMask: 0x7ffn }, '9P2000.L');
    await roundTrips(l, getattr, 200);
    console.log(`separate processes: Tgetattr round trips, 1 outstanding: ${(await roundTrips(l, getattr, 1500)).toFixed(0)} /s`);
    l.close();
  } finally {
    child.kill('SIGTERM');
  }
}

/** diod's C client (diodcat, output to /dev/null) reading the segment: a native client in another process. */
async function diodcatReads(address: string): Promise<void> {
  const diodcat = ['/usr/sbin/diodcat', '/usr/bin/diodcat'].find((p) => existsSync(p));
  if (diodcat === undefined) {
    console.log('diodcat: not installed (scripts/install-diod.sh), skipped');
    return;
  }
  const port = address.split('!')[2]!;
  for (const msize of [64 << 10, 1 << 20]) {
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const code = await new Promise<number | null>((resolve) => {
        spawn(diodcat, ['-m', String(msize), '-s', `127.0.0.1:${port}`, '-a', '/', 'bench/data'], { stdio: 'ignore' })
          .once('exit', (c) => resolve(c));
      });
      if (code !== 0) throw new Error(`diodcat exited ${code}`);
      rates.push(SEG / 1e6 / ((performance.now() - t0) / 1000));
    }
    rates.sort((a, b) => a - b);
    console.log(`diodcat (C, own process): read 64 MiB data, msize ${String(msize >> 10).padStart(4)} KiB: ${rates[1]!.toFixed(0).padStart(6)} MB/s (median of 3, process start included)`);
  }
}

export async function run(): Promise<void> {
  const dev = segmentDevice('eve');
  const h = await serve({ dev, listen: 'tcp!127.0.0.1!0', eve: 'eve' });
  try {
    // a 64 MiB segment, every page written once so reads copy real memory
    const root = dev.attach('', 'eve');
    dev.create(root, 'bench', OREAD, (DMDIR | 0o777) >>> 0);
    dev.close(root);
    const ctl = dev.open(dev.walk(dev.attach('', 'eve'), ['bench', 'ctl']).chan!, 1);
    dev.write(ctl, Buffer.from(`va 0x10000000 ${SEG}`), 0);
    dev.close(ctl);
    const data = dev.open(dev.walk(dev.attach('', 'eve'), ['bench', 'data']).chan!, ORDWR);
    const page = Buffer.alloc(1 << 20, 0xa5);
    for (let off = 0; off < SEG; off += page.length) dev.write(data, page, off);
    dev.close(data);

    for (const msize of [64 << 10, 1 << 20]) {
      const c = await client(h.address, '9P2000.L', msize);
      await c.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: ['bench', 'data'] });
      await c.rpc({ type: MsgType.Tlopen, tag: 1, fid: 1, flags: 0 });
      await readAll(c, 1, msize, 1); // warm-up
      for (const depth of [1, 4]) {
        const rates: number[] = [];
        for (let i = 0; i < 3; i++) rates.push(await readAll(c, 1, msize, depth));
        rates.sort((a, b) => a - b);
        console.log(`read 64 MiB data, msize ${String(msize >> 10).padStart(4)} KiB, ${depth} outstanding: ${rates[1]!.toFixed(0).padStart(6)} MB/s (median of 3; min ${rates[0]!.toFixed(0)}, max ${rates[2]!.toFixed(0)})`);
      }
      c.close();
    }

    const l = await client(h.address, '9P2000.L', 8192);
    await l.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: ['bench', 'ctl'] });
    const getattr = encode({ type: MsgType.Tgetattr, tag: 2, fid: 1, requestMask: 0x7ffn }, '9P2000.L');
    await roundTrips(l, getattr, 200);
    console.log(`Tgetattr round trips, 1 outstanding: ${(await roundTrips(l, getattr, 1500)).toFixed(0).padStart(7)} /s`);
    l.close();

    await diodcatReads(h.address);

    const p = await client(h.address, '9P2000', 8192);
    await p.rpc({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: ['bench', 'ctl'] });
    const stat = encode({ type: MsgType.Tstat, tag: 2, fid: 1 }, '9P2000');
    await roundTrips(p, stat, 200);
    console.log(`Tstat round trips, 1 outstanding:    ${(await roundTrips(p, stat, 1500)).toFixed(0).padStart(7)} /s`);
    p.close();
  } finally {
    await h.close();
  }
  await separateProcess();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
