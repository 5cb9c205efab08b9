// The client's two memory paths. Zero-copy: a segment attached over the in-process transport
// is the server's SharedArrayBuffer, so access through the view costs what access to a plain
// Uint8Array costs (ratio printed; ~1 expected). Remote: a segment attached over TCP is
// reached through its data file; read and write MB/s at msize 64 KiB and 1 MiB.

import { segmentDevice, serve } from '../src/serve/serve.js';
import { mount } from '../src/client/mount.js';

const SEG = 0x10000000;

/** Best of `rounds` timings of f, in ms. */
function best(rounds: number, f: () => void): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** One write pass and one read pass over every byte of u. */
function touch(u: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) u[i] = i & 0xff;
  for (let i = 0; i < u.length; i++) sum += u[i]!;
  return sum;
}

async function zeroCopy(): Promise<void> {
  const size = 16 << 20;
  const dev = segmentDevice('glenda');
  const ns = await mount(dev, { user: 'glenda' });
  await ns.mkdir('bench');
  await ns.writeFile('bench/ctl', `va 0x${SEG.toString(16)} 0x${size.toString(16)}`);
  const p = ns.process();
  await p.segattach(0, 'bench', 0, 0);
  const view = p.bytes(SEG, size);
  const plain = new Uint8Array(size);
  let sink = 0;
  touch(view); touch(plain); // warm-up
  const tv = best(5, () => { sink += touch(view); });
  const tp = best(5, () => { sink += touch(plain); });
  const words = p.int32(SEG, size / 4);
  const plainWords = new Int32Array(size / 4);
  const ta = best(3, () => { for (let i = 0; i < words.length; i++) Atomics.add(words, i, 1); });
  const tpa = best(3, () => { for (let i = 0; i < plainWords.length; i++) plainWords[i]! += 1; });
  const mbs = (ms: number): string => ((2 * size) / 1e6 / (ms / 1000)).toFixed(0).padStart(6);
  console.log(`zero-copy view (16 MiB, write+read pass)   ${mbs(tv)} MB/s`);
  console.log(`plain Uint8Array (same loop)               ${mbs(tp)} MB/s`);
  console.log(`ratio view/plain time                      ${(tv / tp).toFixed(2)}`);
  console.log(`Atomics.add over the view: ${(words.length / 1e6 / (ta / 1000)).toFixed(0)} M ops/s; plain += ${(plainWords.length / 1e6 / (tpa / 1000)).toFixed(0)} M ops/s`);
  if (sink === -1) console.log(sink);
  await p.exit();
  await ns.close();
}

async function remote(msize: number): Promise<void> {
  const size = 64 << 20;
  const dev = segmentDevice('glenda');
  const h = await serve({ dev, listen: 'tcp!127.0.0.1!0', eve: 'glenda', msize: 1 << 20 });
  const ns = await mount(h.address, { user: 'glenda', msize });
  await ns.mkdir('bench');
  await ns.writeFile('bench/ctl', `va 0x${SEG.toString(16)} 0x${size.toString(16)}`);
  const p = ns.process();
  await p.segattach(0, 'bench', 0, 0);
  const data = Buffer.alloc(size, 0xa5);
  await p.write(SEG, data); // warm-up, commits the server's memory
  let tw = Infinity;
  let tr = Infinity;
  for (let r = 0; r < 3; r++) {
    let t0 = performance.now();
    await p.write(SEG, data);
    tw = Math.min(tw, performance.now() - t0);
    t0 = performance.now();
    const got = await p.read(SEG, size);
    tr = Math.min(tr, performance.now() - t0);
    if (got[size - 1] !== 0xa5) throw new Error('remote read returned wrong bytes');
  }
  const label = `${msize >= 1 << 20 ? `${msize >> 20} MiB` : `${msize >> 10} KiB`}`.padEnd(7);
  const mbs = (ms: number): string => (size / 1e6 / (ms / 1000)).toFixed(0).padStart(5);
  console.log(`remote over tcp, msize ${label} (64 MiB)  write ${mbs(tw)} MB/s   read ${mbs(tr)} MB/s`);
  await p.exit();
  await ns.close();
  await h.close();
}

export async function run(): Promise<void> {
  await zeroCopy();
  await remote(64 << 10);
  await remote(1 << 20);
}
