// The stress suite: starts `segfs serve` as a child on a loopback port and drives it with raw
// 9P from outside (wire fuzz, verified load, hostile clients, segment churn, the permission
// matrix, an idle client under a flood, the fid cap), printing figures per scenario and a
// final `N passed, N failed` line; exits non-zero when a check fails.
//
//   npm run stress                 the long run (minutes)
//   npm run stress -- --short      the CI run (well under two minutes)
//   options: --seed N  (replay a run's random choices)   --only NAME[,NAME]  (some scenarios)

import * as os from 'node:os';
import { prng } from '../test/helpers/rng.js';
import { CANARY, makeCanary, type Ctx, type Scenario } from './context.js';
import { ReplyAudit } from './raw-conn.js';
import { Report } from './report.js';
import { ServerProcess } from './server-process.js';
import { churn } from './scenario-churn.js';
import { fidCap } from './scenario-fid-cap.js';
import { flood } from './scenario-flood.js';
import { flushStorm } from './scenario-flush.js';
import { load } from './scenario-load.js';
import { permissions } from './scenario-permissions.js';
import { protocolClose } from './scenario-protocol-close.js';
import { slowReader } from './scenario-slow-reader.js';
import { vanishing } from './scenario-vanishing.js';
import { versionReset } from './scenario-version.js';
import { wireFuzz } from './scenario-fuzz.js';

const SCENARIOS: readonly Scenario[] = [
  wireFuzz, protocolClose, load, vanishing, flushStorm, versionReset, slowReader, churn, permissions, flood, fidCap,
];

/** The host owner the server is started with. */
const EVE = 'stress-eve';

interface Args { short: boolean; seed: number; only: string[] | undefined }

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { short: false, seed: (Date.now() ^ (process.pid << 16)) >>> 0, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    if (v === '--short') a.short = true;
    else if (v === '--seed') a.seed = Number(argv[++i]) >>> 0;
    else if (v === '--only') a.only = (argv[++i] ?? '').split(',');
    else if (v === '--help' || v === '-h') {
      process.stdout.write(`usage: stress [--short] [--seed N] [--only ${SCENARIOS.map((s) => s.name).join(',')}]\n`);
      process.exit(0);
    } else throw new Error(`stress: unknown argument ${v}`);
  }
  return a;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const chosen = args.only === undefined ? SCENARIOS : SCENARIOS.filter((s) => args.only!.includes(s.name));
  if (chosen.length === 0) throw new Error(`stress: no scenario named ${args.only?.join(',')}`);
  const report = new Report();
  const server = await ServerProcess.start(EVE);
  const started = Date.now();
  process.stdout.write(`segfs stress (${args.short ? 'short' : 'long'} run), seed ${args.seed}\n`);
  process.stdout.write(`server pid ${server.pid} on tcp!127.0.0.1!${server.port}, eve ${EVE}; load average ${loadavg()}\n`);
  const ctx: Ctx = { server, audit: new ReplyAudit(), rng: prng(args.seed), seed: args.seed, short: args.short, report };
  try {
    await makeCanary(ctx);
    for (const s of chosen) {
      report.section(s.name, s.what);
      const t0 = Date.now();
      try {
        await s.run(ctx);
      } catch (e) {
        report.check(`${s.name} ran to its end`, false, [(e as Error).stack ?? String(e)]);
      }
      report.figure('scenario time', `${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (!server.alive) {
        report.check('server alive after the scenario', false, [`server exited: ${server.exit}`]);
        break;
      }
    }
  } finally {
    await server.stop();
  }
  process.stdout.write(`\ntotal time ${((Date.now() - started) / 1000).toFixed(1)} s; load average ${loadavg()}; canary ${CANARY.name}\n`);
  if (report.failed > 0) {
    process.stdout.write(`failed checks (seed ${args.seed}; rerun with --seed ${args.seed}):\n`);
    for (const f of report.failures) process.stdout.write(`  ${f}\n`);
  }
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed === 0 ? 0 : 1;
}

/** The 1, 5 and 15 minute load averages. */
function loadavg(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`stress: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
