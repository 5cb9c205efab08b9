// The Plan 9 layer's costs: segattach+segdetach pairs per second (a `shared` class segment
// and a #g segment), and memRead/memWrite throughput of an attached #g segment against a
// plain Uint8Array copy of the same size (the ratio is the price of the address lookup,
// rights checks and chunked shadow on top of the copy itself; memRead allocates its result,
// memReadInto fills the caller's buffer). Also #g data reads through the device, which copy
// out of the shadow straight into the caller's buffer.

import { SegmentDev } from '../src/devseg/index.js';
import { Kernel } from '../src/kernel/kernel.js';
import { plan9For } from '../src/plan9/plan9-for.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../src/lib9/modes.js';
import { opsPerSec } from './measure.js';

const kops = (x: number) => `${(x / 1e3).toFixed(1)} k ops/s`;
const mbs = (callsPerSec: number, size: number) => (callsPerSec * size) / (1 << 20);

export async function run(): Promise<void> {
  const k = new Kernel();
  const dev = new SegmentDev(k, 'eve');
  const p9 = plan9For(k);
  const pid = p9.spawn({ user: 'eve' });

  const attach = opsPerSec(() => {
    p9.segdetach(pid, p9.segattach(pid, 0, 'shared', 0, 0x10000));
  }, 1000);
  console.log(`segattach+segdetach shared 64 KiB (va 0)  ${kops(attach).padStart(16)}`);

  const root = dev.attach('', 'eve');
  dev.create(root, 'bench', OREAD, DMDIR | 0o777);
  const size = 16 << 20;
  const ctl = dev.open(dev.walk(dev.attach('', 'eve'), ['bench', 'ctl']).chan!, OWRITE);
  dev.write(ctl, Buffer.from(`va 0x10000000 ${size}`), 0);
  const gattach = opsPerSec(() => {
    p9.segdetach(pid, p9.segattach(pid, 0, 'bench', 0, 0));
  }, 1000);
  console.log(`segattach+segdetach #g segment            ${kops(gattach).padStart(16)}`);

  p9.segattach(pid, 0, 'bench', 0, 0);
  const src = new Uint8Array(size).fill(0x5a);
  const dst = new Uint8Array(size);
  for (const n of [4096, 64 << 10, 1 << 20, size]) {
    const plain = opsPerSec(() => dst.set(src.subarray(0, n)), 3);
    const write = opsPerSec(() => k.memWrite(pid, 0, 0x10000000, src.subarray(0, n)), 3);
    const read = opsPerSec(() => k.memRead(pid, 0, 0x10000000, n), 3);
    const into = dst.subarray(0, n);
    const readInto = opsPerSec(() => k.memReadInto(pid, 0, 0x10000000, into), 3);
    const label = n >= 1 << 20 ? `${n >> 20} MiB` : `${n >> 10} KiB`;
    const col = (name: string, x: number) => `${name} ${mbs(x, n).toFixed(0).padStart(6)} MB/s (${(x / plain).toFixed(2)}x)`;
    console.log(
      `${label.padStart(7)}  plain copy ${mbs(plain, n).toFixed(0).padStart(6)} MB/s   ` +
        `${col('memWrite', write)}   ${col('memRead', read)}   ${col('memReadInto', readInto)}`,
    );
  }

  const data = dev.open(dev.walk(dev.attach('', 'eve'), ['bench', 'data']).chan!, ORDWR);
  const buf = new Uint8Array(1 << 20);
  const plain = opsPerSec(() => buf.set(src.subarray(0, buf.length)), 3);
  const dread = opsPerSec(() => dev.read(data, buf, 0), 3);
  console.log(`#g data read 1 MiB into the caller's buffer ${mbs(dread, buf.length).toFixed(0).padStart(6)} MB/s (${(dread / plain).toFixed(2)}x a plain copy)`);
  dev.close(data);
  dev.close(ctl);
}
