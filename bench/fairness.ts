// Fairness between connections: 8 clients flood `segfs serve` with Tgetattr at 32 outstanding
// each (the C load generator, so the flood is not limited by a Node client), while one idle
// client (the project's client, in this process) sends one Tgetattr every 10 ms. Prints the
// idle client's latency (p50, p99, max) and the flood's rate.
//   node dist/bench/fairness.js   (FAIR_SECONDS=4, FAIR_DEPTH=32; SEGFS_JS=path/to/segfs.js to measure another build)

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from '../src/9p/client/client.js';
import { Fsys } from '../src/9p/client/fsys.js';
import { defaultEve } from '../src/9p/server/server.js';
import { dial } from '../src/transport/dial.js';
import { start, stop, waitForLine } from './compare/children.js';
import { buildLoadgen, measure } from './compare/loadgen.js';
import { ensureCc, repoRoot } from './compare/tools.js';

const SECONDS = Number(process.env.FAIR_SECONDS ?? 4);
const FLOODERS = 8;
const DEPTH = Number(process.env.FAIR_DEPTH ?? 32);
const EVERY_MS = 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const segfsJs = process.env.SEGFS_JS ?? join(repoRoot(), 'dist', 'bin', 'segfs.js');
  const dir = mkdtempSync(join(tmpdir(), 'segfs-fair-'));
  const la0 = loadavg();
  const server = start('segfs', process.execPath, [segfsJs, 'serve', '--listen', 'tcp!127.0.0.1!0']);
  try {
    const bin = buildLoadgen(ensureCc(), dir);
    const m = await waitForLine(server, /serving .* on (tcp!127\.0\.0\.1!(\d+))/);
    const fs = await Fsys.attach(await Client.connect(await dial(m[1]!), { version: '9P2000.L' }), defaultEve());
    await fs.mkdir('bench');
    await fs.writeFile('bench/ctl', 'va 0x10000000 1048576');
    const fid = await fs.walk('bench/data');

    const u = userInfo();
    const flood = measure(bin, { host: '127.0.0.1', port: Number(m[2]), aname: '', path: 'bench/data' },
      { op: 'getattr', msize: 65536, count: 0, depth: DEPTH, conns: FLOODERS, warmup: 0.3, seconds: SECONDS },
      { name: u.username, uid: u.uid });
    const lat: number[] = [];
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 300)); // the flood is under way
    while (Date.now() - t0 < (SECONDS + 0.2) * 1000) {
      const s = process.hrtime.bigint();
      await fid.stat();
      lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
    const f = await flood;
    lat.sort((a, b) => a - b);
    console.log(`idle client under a flood: ${FLOODERS} connections × ${DEPTH} outstanding Tgetattr for ${SECONDS} s (C load generator), one Tgetattr every ${EVERY_MS} ms from another connection`);
    console.log(`server: ${segfsJs}`);
    console.log(`load average at start: ${la0.map((x) => x.toFixed(2)).join(' ')}; at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`flood: ${f.ops} requests answered in ${f.secs.toFixed(2)} s (${(f.ops / f.secs / 1000).toFixed(1)}k/s, ${Math.round(f.ops / FLOODERS)} per connection)`);
    console.log(`idle client: ${lat.length} requests, p50 ${percentile(lat, 50).toFixed(2)} ms, p99 ${percentile(lat, 99).toFixed(2)} ms, max ${lat[lat.length - 1]!.toFixed(2)} ms`);
    await fid.clunk();
    await fs.close();
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
