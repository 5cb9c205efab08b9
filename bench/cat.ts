// `segfs cat` against diod's `diodcat -m 1048576`, both reading the same segment from the same
// `segfs serve` over loopback TCP: wall time and peak RSS of each reader (GNU time -v), the
// bytes checked once by SHA-256; then a 5 GiB segment read whole by `segfs cat`, to show that
// memory stays bounded past 4 GiB.
//
// Each reader is timed twice over: its stdout a pipe read by this process ('data' events, as a
// pipeline would), and its stdout /dev/null (the reader alone: the pipe's reader here is slower
// than diodcat, so through the pipe both mostly measure it). The same sinks for both readers.
//   node dist/bench/cat.js        (CAT_MIB=512, CAT_ROUNDS=3, CAT_HUGE_GIB=5; CAT_HUGE_GIB=0 skips)

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from '../src/9p/client/client.js';
import { Fsys } from '../src/9p/client/fsys.js';
import { defaultEve } from '../src/9p/server/server.js';
import { dial } from '../src/transport/dial.js';
import { start, stop, waitForLine } from './compare/children.js';
import { repoRoot } from './compare/tools.js';

const MIB = 1 << 20;
const SIZE = Number(process.env.CAT_MIB ?? 512) * MIB;
const ROUNDS = Number(process.env.CAT_ROUNDS ?? 3);
const HUGE = Number(process.env.CAT_HUGE_GIB ?? 5) * 1024 * MIB;

interface Run {
  secs: number;
  rssKiB: number;
  bytes: number;
  sha: string;
}

/** Where a timed reader's stdout goes: a pipe to this process (hashed or only counted), or /dev/null. */
type Sink = 'hash' | 'pipe' | 'null';

/** Runs `cmd` under GNU time -v; stdout is counted (and hashed when asked) or dropped, never kept. */
function timed(cmd: string, args: readonly string[], sink: Sink): Promise<Run> {
  return new Promise((resolve, reject) => {
    const devnull = sink === 'null' ? openSync('/dev/null', 'w') : undefined;
    const p = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', devnull ?? 'pipe', 'pipe'] });
    if (devnull !== undefined) closeSync(devnull);
    const h = sink === 'hash' ? createHash('sha256') : undefined;
    let bytes = 0;
    let err = '';
    p.stdout?.on('data', (c: Buffer) => { bytes += c.length; h?.update(c); });
    p.stderr!.on('data', (c: Buffer) => { err += c.toString(); }); // stderr is always a pipe
    p.on('error', reject);
    p.on('close', (code) => {
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      if (code !== 0 || !wall || !rss) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${err}`));
        return;
      }
      const secs = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
      resolve({ secs, rssKiB: Number(rss[1]), bytes, sha: h?.digest('hex') ?? '' });
    });
  });
}

/** Makes segment `name` of `size` bytes; `fill` gives the bytes written from offset 0 (the rest stays zero). */
async function makeSegment(fs: Fsys, name: string, size: number, fill: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
  await fs.mkdir(name);
  await fs.writeFile(`${name}/ctl`, `va 0x10000000 ${size}`);
  await fs.writeStream(`${name}/data`, fill);
}

function* pattern(total: number): Generator<Uint8Array> {
  const block = Buffer.allocUnsafe(MIB);
  for (let i = 0; i < MIB; i++) block[i] = (i * 7 + 3) & 0xff;
  for (let at = 0; at < total; at += MIB) {
    // a fresh buffer each time: a writer may still be sending the last one
    const b = Buffer.from(block.subarray(0, Math.min(MIB, total - at)));
    b.writeUInt32LE(at / MIB, 0); // every MiB differs
    yield b;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const root = repoRoot();
  const segfsJs = join(root, 'dist', 'bin', 'segfs.js');
  // the reader is the command npm installs
  const segfsCmd = join(root, 'dist', 'bundle', 'segfs.cjs');
  if (!existsSync(segfsJs) || !existsSync(segfsCmd)) throw new Error('build first: npm run build');
  const diodcat = ['/usr/sbin/diodcat', '/usr/bin/diodcat'].find(existsSync);
  const la0 = loadavg();
  const server = start('segfs', process.execPath, [segfsJs, 'serve', '--listen', 'tcp!127.0.0.1!0']);
  try {
    const m = await waitForLine(server, /serving .* on (tcp!127\.0\.0\.1!(\d+))/);
    const addr = m[1]!;
    const port = m[2]!;
    const fs = await Fsys.attach(await Client.connect(await dial(addr)), defaultEve());
    await makeSegment(fs, 'big', SIZE, pattern(SIZE));
    const segfs = (seg: string): [string, string[]] => [process.execPath, [segfsCmd, 'cat', addr, `/${seg}/data`]];
    const diod = (seg: string): [string, string[]] => [diodcat!, ['-s', `127.0.0.1:${port}`, '-a', '', '-m', '1048576', `${seg}/data`]];

    // once each with the bytes hashed: both read the same bytes
    const check = [await timed(...segfs('big'), 'hash'), ...(diodcat ? [await timed(...diod('big'), 'hash')] : [])];
    const want = createHash('sha256');
    for (const b of pattern(SIZE)) want.update(b);
    const wantSha = want.digest('hex');
    for (const [i, c] of check.entries()) {
      if (c.bytes !== SIZE || c.sha !== wantSha) throw new Error(`${i === 0 ? 'segfs cat' : 'diodcat'} read ${c.bytes} bytes, sha256 ${c.sha}, not the segment's`);
    }
    type Who = 'segfs cat' | 'diodcat -m 1048576';
    const sinks = ['pipe', 'null'] as const;
    const runs = new Map<string, Run[]>();
    for (let r = 0; r < ROUNDS; r++) {
      const order: Who[] = r % 2 === 0 ? ['segfs cat', 'diodcat -m 1048576'] : ['diodcat -m 1048576', 'segfs cat'];
      for (const sink of sinks) {
        for (const who of order) {
          if (who === 'diodcat -m 1048576' && !diodcat) continue;
          const run = await timed(...(who === 'segfs cat' ? segfs('big') : diod('big')), sink);
          if (sink === 'pipe' && run.bytes !== SIZE) throw new Error(`${who} gave ${run.bytes} bytes`);
          const key = `${who}|${sink}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
        }
      }
    }
    console.log(`cat of a ${SIZE / MIB} MiB segment from one segfs serve over loopback TCP; ${ROUNDS} rounds, order alternating; bytes verified by SHA-256`);
    console.log(`load average at start: ${la0.map((x) => x.toFixed(2)).join(' ')}\n`);
    console.log('| reader | stdout | wall time (median, range) | MB/s | peak RSS (median) |');
    console.log('|---|---|---:|---:|---:|');
    for (const sink of sinks) {
      for (const who of ['segfs cat', 'diodcat -m 1048576'] as const) {
        const where = sink === 'pipe' ? 'a pipe to the bench' : '/dev/null';
        const rs = runs.get(`${who}|${sink}`) ?? [];
        if (rs.length === 0) { console.log(`| ${who} | ${where} | (not installed) | | |`); continue; }
        const secs = rs.map((x) => x.secs);
        console.log(`| ${who} | ${where} | ${median(secs).toFixed(2)} s (${Math.min(...secs).toFixed(2)}–${Math.max(...secs).toFixed(2)}) | ${(SIZE / median(secs) / 1e6).toFixed(0)} | ${(median(rs.map((x) => x.rssKiB)) / 1024).toFixed(1)} MiB |`);
      }
    }
    await fs.remove('big');

    // what each reader costs before its first byte: a one-page segment, stdout /dev/null
    await makeSegment(fs, 'tiny', 4096, [Buffer.alloc(4096, 1)]);
    const startup = new Map<Who, number[]>();
    for (let r = 0; r < Math.max(ROUNDS, 5); r++) {
      for (const who of ['segfs cat', 'diodcat -m 1048576'] as const) {
        if (who === 'diodcat -m 1048576' && !diodcat) continue;
        const run = await timed(...(who === 'segfs cat' ? segfs('tiny') : diod('tiny')), 'null');
        startup.set(who, [...(startup.get(who) ?? []), run.secs]);
      }
    }
    for (const [who, secs] of startup) console.log(`| ${who} | /dev/null, a 4 KiB segment (start-up) | ${median(secs).toFixed(2)} s (${Math.min(...secs).toFixed(2)}–${Math.max(...secs).toFixed(2)}) | | |`);
    await fs.remove('tiny');

    if (HUGE > 0) {
      // a segment past 4 GiB: its first and last MiB written, the rest never touched (zeros)
      await fs.mkdir('huge');
      await fs.writeFile('huge/ctl', `va 0x10000000 ${HUGE}`);
      const mark = Buffer.alloc(MIB, 0x5a);
      await fs.writeStream('huge/data', [mark]);
      await fs.writeStream('huge/data', [mark], { start: HUGE - MIB });
      const h = await timed(...segfs('huge'), 'pipe');
      if (h.bytes !== HUGE) throw new Error(`segfs cat of the ${HUGE / 1024 / MIB} GiB segment gave ${h.bytes} bytes`);
      console.log(`\nsegfs cat of a ${HUGE / 1024 / MIB} GiB segment: ${h.bytes} bytes in ${h.secs.toFixed(2)} s (${(HUGE / h.secs / 1e6).toFixed(0)} MB/s), peak RSS ${(h.rssKiB / 1024).toFixed(1)} MiB`);
      await fs.remove('huge');
    }
    console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    await fs.close();
  } finally {
    await stop(server);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
