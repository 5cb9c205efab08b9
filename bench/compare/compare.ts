// The comparison: segfs, diod and the ideal Node server started side by side with the same
// 64 MiB of bytes, then for each case several paired rounds in which every server is measured
// once by the C load generator (the order rotating from round to round), then the tables.
// Many short rounds pair better than a few long ones on a machine whose load drifts.
// Environment: BENCH_QUICK=1 (one short round, a smoke test), BENCH_ROUNDS (default 9),
// BENCH_SECONDS (timed window per measurement, default 0.6), BENCH_CASES (comma-separated
// case ids or parts of them: read-64k, read-1m, getattr-1, getattr-8, getattr-4x8).

import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, type Case } from './cases.js';
import { assertAlive, killAll, stop } from './children.js';
import { buildLoadgen, measure } from './loadgen.js';
import { cpuTable, rateTable, SERVERS, type Measured } from './report.js';
import { startDiod, startIdeal, startSegfs, type Server } from './servers.js';
import { ensureCc, ensureDiod } from './tools.js';

/** Bytes in the file every server serves: larger than the caches, small enough to fill quickly. */
const FILE_SIZE = 64 << 20;

export interface Options {
  rounds: number;
  seconds: number;
  warmup: number;
  cases: readonly Case[];
}

export function optionsFromEnv(env = process.env): Options {
  const quick = env.BENCH_QUICK === '1';
  const num = (name: string, dflt: number, lo: number, hi: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < lo || n > hi) throw new Error(`${name} wants a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    return n;
  };
  const only = (env.BENCH_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const cases = only.length === 0 ? CASES : CASES.filter((c) => only.some((o) => c.id.includes(o)));
  if (cases.length === 0) throw new Error(`BENCH_CASES matches no case (cases: ${CASES.map((c) => c.id).join(', ')})`);
  return {
    rounds: Math.round(num('BENCH_ROUNDS', quick ? 1 : 9, 1, 50)),
    seconds: num('BENCH_SECONDS', quick ? 0.3 : 0.6, 0.1, 30),
    warmup: quick ? 0.1 : 0.2,
    cases,
  };
}

/** tmpfs when there is one, so diod serves from memory as segfs does. */
function workDir(): string {
  for (const base of ['/dev/shm', tmpdir()]) {
    try {
      accessSync(base, constants.W_OK);
      return mkdtempSync(join(base, 'segfs-compare-'));
    } catch { /* next */ }
  }
  throw new Error('no writable temporary directory');
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** CPU seconds (user + system, all threads) the process has used so far; NaN once it is gone. */
function cpuSeconds(pid: number, hz: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / hz;
  } catch {
    return NaN;
  }
}

function version(pkg: string): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');

/** Runs the whole comparison and prints the tables; throws if a server or the load generator fails. */
export async function runCompare(o: Options = optionsFromEnv()): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  // SEGFS_JS: another build's bin/segfs.js, to compare two builds against the same references
  const segfsJs = process.env.SEGFS_JS ?? join(here, '..', '..', 'bin', 'segfs.js');
  const idealJs = join(here, 'ideal-server.js');
  const loadStart = loadavg();
  const t0 = performance.now();
  const dir = workDir();
  const servers: Server[] = [];
  const onSignal = (sig: NodeJS.Signals): void => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`bench compare: interrupted by ${sig}\n`);
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const bin = buildLoadgen(ensureCc(), dir);
    const diod = ensureDiod();
    const exportDir = join(dir, 'export');
    mkdirSync(exportDir);
    const dataFile = join(exportDir, 'data');
    writeFileSync(dataFile, randomFillSync(Buffer.allocUnsafe(FILE_SIZE)));

    servers.push(await startSegfs(segfsJs, dir, dataFile, FILE_SIZE));
    servers.push(await startDiod(diod, exportDir));
    servers.push(await startIdeal(idealJs, FILE_SIZE));
    const byName = new Map(servers.map((s) => [s.name, s]));
    const user = { name: userInfo().username, uid: userInfo().uid };
    const hz = clockTicks();

    const results = new Map<Case, Measured[]>();
    for (const c of o.cases) {
      const ms: Measured[] = [];
      results.set(c, ms);
      const names = SERVERS.filter((s) => !c.skip?.[s]);
      for (let round = 0; round < o.rounds; round++) {
        const order = names.map((_, i) => names[(i + round) % names.length]!);
        for (const name of order) {
          const s = byName.get(name)!;
          const pid = s.child.proc.pid!;
          assertAlive(s.child);
          const cpu0 = cpuSeconds(pid, hz);
          const w0 = performance.now();
          let sample;
          try {
            sample = await measure(bin, s.target, { ...c.load, warmup: o.warmup, seconds: o.seconds }, user);
          } catch (e) {
            await new Promise((r) => setTimeout(r, 200)); // a dead server explains a failed run best
            assertAlive(s.child);
            throw new Error(`${c.id} against ${name}: ${(e as Error).message}`);
          }
          const cpu = cpuSeconds(pid, hz) - cpu0;
          const serverCpu = cpu / ((performance.now() - w0) / 1000);
          assertAlive(s.child);
          ms.push({ round, server: name, sample, serverCpu, cpuPerOp: cpu / sample.allOps });
        }
      }
      process.stderr.write(`bench compare: ${c.id} done\n`);
    }

    const cpu = cpus();
    console.log(`C load generator over loopback TCP, 9P2000.L; segfs (Node ${process.version}), diod ${version('diod')}, ideal Node server (static replies; ${process.env.IDEAL_FIRST_BYTES === '1' ? 'every Tread answered with the first bytes' : 'Tread bytes at their offset'})`);
    console.log(`machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}; ${o.rounds} paired round(s) per case, ${o.seconds} s each after ${o.warmup} s warm-up, server order rotating`);
    console.log(`load average at start: ${fmtLoad(loadStart)}\n`);
    console.log(rateTable(results));
    console.log('\nratios: median of the per-round ratios (range)\n');
    console.log(cpuTable(results));
    console.log(`\nserver CPU: per request answered, and share of one core, over each run (warm-up included); load average at end: ${fmtLoad(loadavg())}; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all(servers.map((s) => stop(s.child)));
    rmSync(dir, { recursive: true, force: true });
  }
}
