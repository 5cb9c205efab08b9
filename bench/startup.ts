// How long a segfs command takes from exec to exit, against a bare `node -e 0` on the same
// machine: the medians of STARTUP_ROUNDS runs (default 10) of `node -e 0`, `segfs help` and
// `segfs ls ADDR /` against a `segfs serve` this script starts and stops, and their ratios.
// `segfs` is the command npm installs (dist/bundle/segfs.cjs, `npm run build`); the same
// commands from the compiled modules (dist/bin/segfs.js) are shown for comparison.
//   node dist/bench/startup.js

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { start, stop, waitForLine } from './compare/children.js';
import { repoRoot } from './compare/tools.js';

const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 10);
const SEGFS = join(repoRoot(), 'dist', 'bundle', 'segfs.cjs');
const MODULES = join(repoRoot(), 'dist', 'bin', 'segfs.js');

/** Milliseconds from spawn to exit of one run; throws when it exits non-zero. */
function once(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', reject);
    p.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${err.trim()}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The medians of ROUNDS runs of each command, taken in turn so load drifts hit all alike. */
async function medians(cmds: readonly (readonly string[])[]): Promise<number[]> {
  const times: number[][] = cmds.map(() => []);
  await Promise.all(cmds.map((c) => once(c))); // warm the file cache
  for (let i = 0; i < ROUNDS; i++) {
    for (const [j, c] of cmds.entries()) times[j]!.push(await once(c));
  }
  return times.map(median);
}

async function main(): Promise<void> {
  if (!existsSync(SEGFS)) throw new Error('build first: npm run build');
  const server = start('segfs serve', process.execPath, [SEGFS, 'serve', '-l', 'tcp!127.0.0.1!0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const [, addr] = (await waitForLine(server, /serving #g on (\S+)/)) as unknown as [string, string];
    const cmds = [['-e', '0'], [SEGFS, 'help'], [SEGFS, 'ls', addr, '/'], [MODULES, 'help'], [MODULES, 'ls', addr, '/']] as const;
    const [bare, help, ls, mhelp, mls] = await medians(cmds);
    const row = (name: string, ms: number): string => `${name.padEnd(16)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / bare!).toFixed(2)}×`;
    console.log(`startup, medians of ${ROUNDS} (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(row('node -e 0', bare!));
    console.log(row('segfs help', help!));
    console.log(row('segfs ls ADDR /', ls!));
    console.log('from the compiled modules (node dist/bin/segfs.js):');
    console.log(row('segfs help', mhelp!));
    console.log(row('segfs ls ADDR /', mls!));
  } finally {
    await stop(server);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
