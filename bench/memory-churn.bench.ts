// Segment churn against `segfs serve` in a child process: ROUNDS rounds of create a 128 MiB #g
// segment, fill it through its data file over 9P, remove it; the server's resident memory
// (VmRSS of /proc/PID/status) before, at its peak, after the last round and 2 s later. The
// goal: back within 64 MiB of the start. BENCH_ROUNDS and BENCH_SEG_MIB change the shape;
// BENCH_MAX_MEMORY (a --max-memory value) is passed through.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { mount } from '../src/client/mount.js';
import { OWRITE } from '../src/lib9/modes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const SEG = Number(process.env.BENCH_SEG_MIB ?? 128) << 20;
const WRITE = 1 << 20;
const MIB = 1 << 20;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (m === null) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

async function start(): Promise<{ child: ChildProcess; address: string }> {
  const bin = fileURLToPath(new URL('../bin/segfs.js', import.meta.url));
  const args = [bin, 'serve', '--listen', 'tcp!127.0.0.1!0', '--eve', 'eve'];
  if (process.env.BENCH_MAX_MEMORY !== undefined) args.push('--max-memory', process.env.BENCH_MAX_MEMORY);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /serving #g on (tcp!\S+)/.exec(out);
      if (m !== null) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`segfs serve exited with ${code}`)));
  });
  return { child, address };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mib = (n: number): string => `${(n / MIB).toFixed(0)} MiB`;

export async function run(): Promise<void> {
  const { child, address } = await start();
  const pid = child.pid!;
  const ns = await mount(address, { user: 'eve' });
  try {
    await sleep(500);
    const before = rssOf(pid);
    let peak = before;
    const block = new Uint8Array(WRITE);
    const t0 = performance.now();
    for (let r = 0; r < ROUNDS; r++) {
      const name = `churn${r}`;
      await ns.mkdir(name);
      await ns.writeFile(`${name}/ctl`, `va 0x10000000 ${SEG}`);
      const data = await ns.open(`${name}/data`, OWRITE);
      block.fill(r + 1);
      const writes: Promise<number>[] = [];
      for (let off = 0; off < SEG; off += WRITE) writes.push(data.write(off, block));
      await Promise.all(writes);
      peak = Math.max(peak, rssOf(pid));
      await data.clunk();
      await ns.remove(name);
      peak = Math.max(peak, rssOf(pid));
    }
    const secs = (performance.now() - t0) / 1000;
    const after = rssOf(pid);
    await sleep(2000);
    const later = rssOf(pid);
    console.log(`${ROUNDS} rounds of create / fill ${mib(SEG)} / remove in ${secs.toFixed(1)} s (${((ROUNDS * SEG) / MIB / secs).toFixed(0)} MiB/s written)`);
    console.log(`server RSS: before ${mib(before)}, peak ${mib(peak)}, after the last round ${mib(after)} (+${mib(after - before)}), 2 s later ${mib(later)} (+${mib(later - before)})`);
    console.log(`goal: within 64 MiB of the start: ${later - before <= 64 * MIB ? 'met' : 'MISSED'}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await ns.close();
    child.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
