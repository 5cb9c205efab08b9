// Cost of driving the kernel through #p: a ctl command (parse, call, result text) directly
// against the Dev and round trips over 9P on an in-memory pair, plus reading the `segment`
// file of a process with 100, 1,000 and 10,000 segments (one segQuery per line).

import { ProcDev } from '../src/devproc/index.js';
import type { Chan } from '../src/dev/dev.js';
import { Kernel } from '../src/kernel/kernel.js';
import { NinepServer } from '../src/9p/server/server.js';
import { decode, encode } from '../src/9p/codec/codec.js';
import { NOFID, NOTAG } from '../src/9p/codec/constants.js';
import { ORDWR, OREAD } from '../src/lib9/modes.js';
import { MsgType, type Fcall } from '../src/9p/codec/types.js';
import { duplexPair } from '../test/helpers/pair.js';
import { BUDGET_MS, fmtOps, opsPerSec } from './measure.js';

function ctlChan(dev: ProcDev): Chan {
  const r = dev.walk(dev.attach('', 'eve'), ['clone']);
  return dev.open(r.chan!, ORDWR);
}

async function overNinep(): Promise<number> {
  const dev = new ProcDev(new Kernel(), 'eve');
  const server = new NinepServer({ dev, eve: 'eve', log: () => {} });
  const [a, b] = duplexPair();
  b.on('error', () => {});
  server.accept(a);
  let buf = Buffer.alloc(0);
  let waiter: ((f: Fcall) => void) | undefined;
  b.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4 && buf.length >= buf.readUInt32LE(0)) {
      const size = buf.readUInt32LE(0);
      const f = decode(buf.subarray(0, size), '9P2000');
      buf = buf.subarray(size);
      waiter?.(f);
    }
  });
  const rpc = (f: Fcall): Promise<Fcall> => new Promise((resolve) => { waiter = resolve; b.write(encode(f, '9P2000')); });
  await rpc({ type: MsgType.Tversion, tag: NOTAG, msize: 65536, version: '9P2000' });
  await rpc({ type: MsgType.Tattach, tag: 1, fid: 1, afid: NOFID, uname: 'eve', aname: '#p' });
  await rpc({ type: MsgType.Twalk, tag: 1, fid: 1, newfid: 2, wname: ['clone'] });
  await rpc({ type: MsgType.Topen, tag: 1, fid: 2, mode: ORDWR });
  const alloc = Buffer.from('segalloc 0x10000000 0x1000 rw');
  const free = Buffer.from('segfree 0x10000000 0x1000');
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < BUDGET_MS) {
    await rpc({ type: MsgType.Twrite, tag: 1, fid: 2, offset: 0n, data: n % 2 === 0 ? alloc : free });
    await rpc({ type: MsgType.Tread, tag: 1, fid: 2, offset: 0n, count: 256 });
    n++;
  }
  const rate = (n * 1000) / (performance.now() - t0);
  await server.close();
  return rate;
}

export async function run(): Promise<void> {
  const dev = new ProcDev(new Kernel(), 'eve');
  const c = ctlChan(dev);
  const out = Buffer.alloc(256);
  const alloc = Buffer.from('segalloc 0x10000000 0x1000 rw');
  const free = Buffer.from('segfree 0x10000000 0x1000');
  const query = Buffer.from('segquery 0');
  dev.write(c, alloc, 0);
  console.log(`#p ctl segquery (Dev, write + read)      ${fmtOps(opsPerSec(() => { dev.write(c, query, 0); dev.read(c, out, 0); })).padStart(16)}`);
  dev.write(c, free, 0);
  console.log(`#p ctl segalloc + segfree (Dev)          ${fmtOps(opsPerSec(() => { dev.write(c, alloc, 0); dev.write(c, free, 0); })).padStart(16)}`);
  console.log(`#p ctl write + read over 9P (mem pair)   ${fmtOps(await overNinep()).padStart(16)}`);

  for (const count of [100, 1000, 10000]) {
    const k = new Kernel({ maxSegments: count + 1 });
    const d = new ProcDev(k, 'eve');
    const pid = k.spawn();
    for (let i = 0; i < count; i++) k.segAlloc(pid, 0, 0x10000000 + i * 0x2000, 0x1000, i % 2 === 0 ? 3 : 1);
    const seg = d.open(d.walk(d.attach('', 'eve'), [String(pid), 'segment']).chan!, OREAD);
    const big = Buffer.alloc(count * 128);
    const t0 = performance.now();
    let reads = 0;
    while (performance.now() - t0 < BUDGET_MS / 2 || reads < 3) {
      d.read(seg, big, 0);
      reads++;
    }
    const ms = (performance.now() - t0) / reads;
    console.log(`#p segment read, ${String(count).padStart(6)} segments     ${ms.toFixed(3).padStart(10)} ms/read  ${((ms * 1000) / count).toFixed(2)} µs/line`);
  }
}
