// Framer throughput with 64 KiB chunks: a stream of 1 MiB frames (each spans 17 chunks and is
// copied once) and a stream of small frames (views, no copy).

import { Framer } from '../src/9p/codec/framer.js';

const CHUNK = 64 * 1024;

function stream(frameSize: number, total: number): Buffer {
  const count = Math.max(1, Math.floor(total / frameSize));
  const one = Buffer.alloc(frameSize, 0x5a);
  one.writeUInt32LE(frameSize, 0);
  one[4] = 117;
  return Buffer.concat(Array.from({ length: count }, () => one));
}

function measure(name: string, frameSize: number, total: number, rounds: number): void {
  const s = stream(frameSize, total);
  const chunks: Buffer[] = [];
  for (let off = 0; off < s.length; off += CHUNK) chunks.push(s.subarray(off, off + CHUNK));
  let frames = 0;
  const framer = new Framer(() => { frames++; }, { maxSize: 1 << 20 });
  for (const c of chunks) framer.push(c); // warm-up
  frames = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of chunks) framer.push(c);
  const ms = performance.now() - t0;
  const mb = (s.length * rounds) / 1e6;
  console.log(`${name.padEnd(34)} ${(mb / (ms / 1000)).toFixed(0).padStart(7)} MB/s   ${((frames * 1000) / ms / 1e3).toFixed(0).padStart(7)} k frames/s`);
}

export async function run(): Promise<void> {
  console.log('all with 64 KiB chunks');
  measure('1 MiB frames (copied once)', 1 << 20, 64 << 20, 8);
  measure('65512 B frames (most span 2)', 65512, 64 << 20, 8);
  measure('64 KiB frames = chunks (views)', 64 << 10, 64 << 20, 8);
  measure('8 KiB frames', 8 << 10, 32 << 20, 4);
  measure('200 B frames', 200, 16 << 20, 4);
  measure('23 B frames (Tread size)', 23, 16 << 20, 4);
}
