// `npm run test:e2e`: boots a real Linux kernel under QEMU once per 9P dialect, mounts a 9P
// server running on the host with v9fs over TCP, runs a shell scenario in the guest and
// asserts every step on the host. See docs/e2e.md.
//
//   node dist/test/e2e/run.js [--server segfs|diod] [--dialect 9p2000.L|9p2000.u|9p2000]...
//                             [--scenario segfs|smoke] [--trace] [--bin SEGFS_JS]
//
// The default is segfs serve, all three dialects, the segfs scenario. diod (9p2000.L only)
// runs the smoke scenario by default; running the segfs scenario against it checks the shell
// of the steps, not their expectations. --trace prints the server's trace even on success.
// --bin runs another segfs.js than the one of this build (OUT/bin/segfs.js).
//
// Exit status 0 only when every step of every dialect passed; never skips.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { installDependencies } from './deps.js';
import { OPTS_PARAM, scenarioScript, STEP_TIMEOUT_PARAM } from './guest-init.js';
import { baseInitramfs, writeInitrd } from './initramfs.js';
import { killAll } from './live-children.js';
import { bootGuest } from './qemu.js';
import { smokeScenario } from './scenario-smoke.js';
import { segfsScenario, segfsTraceChecks, type Dialect, type TraceCheck } from './scenario-segfs.js';
import { procScenario } from './scenario-proc.js';
import { readmeScenario } from './scenario-readme.js';
import { parseGuestLog } from './serial-log.js';
import { startServer, type ServerCommand } from './server-process.js';
import type { Step } from './steps.js';

const WHOLE_RUN_MS = 9 * 60_000;
const BOOT_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_S = 60;
const started = Date.now();
/** Temporary directories to delete when a signal stops the run. */
const scratch: string[] = [];

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
// run.js sits in OUT/test/e2e/ and OUT holds bin/; the repository root (scripts/) is the
// nearest ancestor with the install script (OUT is dist/ or .build/NAME/).
const segfsBin = here('../../bin/segfs.js');
function findRepository(): string {
  for (let dir = here('.'); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'install-e2e-deps.sh'))) return dir;
  }
  throw new Error(`scripts/install-e2e-deps.sh not found above ${here('.')}`);
}

interface Options { server: 'segfs' | 'diod'; dialects: Dialect[]; scenario: 'segfs' | 'smoke'; trace: boolean; bin: string; }

function parseArgs(argv: string[]): Options {
  let server: Options['server'] = 'segfs';
  let scenario: Options['scenario'] | undefined;
  let trace = false;
  let bin = segfsBin;
  const dialects: Dialect[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--server' && (v === 'segfs' || v === 'diod')) { server = v; i++; }
    else if (a === '--trace') trace = true;
    else if (a === '--bin' && v !== undefined) { bin = v; i++; }
    else if (a === '--scenario' && (v === 'segfs' || v === 'smoke')) { scenario = v; i++; }
    else if (a === '--dialect' && (v === '9p2000.L' || v === '9p2000.u' || v === '9p2000')) { dialects.push(v); i++; }
    else throw new Error(`usage: run.js [--server segfs|diod] [--dialect 9p2000.L|9p2000.u|9p2000]... [--scenario segfs|smoke] [--trace] [--bin SEGFS_JS] (bad argument ${a})`);
  }
  if (dialects.length === 0) dialects.push(...(server === 'diod' ? ['9p2000.L' as const] : ['9p2000.L', '9p2000.u', '9p2000'] as const));
  if (server === 'diod' && dialects.some((d) => d !== '9p2000.L')) throw new Error('diod speaks only 9p2000.L');
  return { server, dialects, scenario: scenario ?? (server === 'diod' ? 'smoke' : 'segfs'), trace, bin };
}

const indent = (s: string) => s.replace(/\n$/, '').split('\n').map((l) => `    | ${l}`).join('\n');

/** Runs one dialect; returns [passed, failed] step counts. */
async function runDialect(opts: Options, dialect: Dialect, vmlinuz: string, base: string, work: string): Promise<[number, number]> {
  // diod exports a fresh empty directory; segfs serves a fresh #g.
  const exportDir = opts.server === 'diod' ? mkdtempSync(join(tmpdir(), 'segfs-e2e-export-')) : '';
  if (exportDir !== '') scratch.push(exportDir);
  const command: ServerCommand = opts.server === 'diod'
    ? (port) => ({ cmd: 'diod', args: ['-f', '-n', '-l', `127.0.0.1:${port}`, '-e', exportDir, '-d', '1', '-L', 'stderr', '-c', '/dev/null'] })
    : (port) => ({ cmd: process.execPath, args: [opts.bin, 'serve', '--listen', `tcp!127.0.0.1!${port}`, '--eve', 'root', '-D'] });
  // the documents' Linux scripts say version=9p2000.L: they run in that dialect's guest, last
  const readme = dialect === '9p2000.L' ? readmeScenario(findRepository()) : [];
  const steps: Step[] = opts.scenario === 'smoke' ? smokeScenario() : [...segfsScenario(dialect), ...procScenario(), ...readme];
  const mounts = steps.reduce((n, s) => n + (s.cmd.match(/\bmount -t 9p\b/g)?.length ?? 0), 0);
  const traceChecks: TraceCheck[] = opts.server === 'segfs' && opts.scenario === 'segfs' ? segfsTraceChecks(dialect, mounts) : [];
  const label = `${opts.server} ${dialect}`;
  let passed = 0;
  let failed = 0;
  const server = await startServer(command);
  try {
    const mountOpts = ['trans=tcp', `port=${server.port}`, `version=${dialect}`, 'uname=root',
      ...(opts.server === 'diod' ? [`aname=${exportDir}`] : [])].join(',');
    const initrd = join(work, `initrd-${dialect}.gz`);
    writeInitrd(base, scenarioScript(steps), initrd);
    const remaining = WHOLE_RUN_MS - (Date.now() - started);
    if (remaining < 30_000) throw new Error(`no time left for ${label} (whole run bounded to ${WHOLE_RUN_MS / 1000} s)`);
    console.log(`${label}: booting (server on 127.0.0.1:${server.port}, mount -o ${mountOpts})`);
    const boot = await bootGuest({
      vmlinuz, initrd, timeoutMs: Math.min(BOOT_TIMEOUT_MS, remaining),
      append: `${OPTS_PARAM}=${mountOpts} ${STEP_TIMEOUT_PARAM}=${STEP_TIMEOUT_S}`,
    });
    const log = parseGuestLog(boot.serial);
    const problems: string[] = [];
    if (boot.timedOut) problems.push(`QEMU killed after ${boot.elapsedMs} ms (time limit)`);
    if (log.bootAt === undefined) problems.push('the guest never ran /init: it did not boot');
    if (log.insmodFailures.length > 0) problems.push(`insmod failed: ${log.insmodFailures.join(', ')}`);
    if (log.netFailed) problems.push('network setup failed in the guest');
    if (log.unfinished !== undefined) problems.push(`the guest stopped inside step ${log.unfinished}`);
    if (log.bootAt !== undefined && log.doneAt === undefined) problems.push('the scenario did not finish');
    if (boot.status !== 0 && !boot.timedOut) problems.push(`QEMU exited with status ${boot.status}`);
    const mount = log.steps.get('mount');
    if (log.readyAt !== undefined && (mount === undefined || mount.status !== 0)) problems.push('THE MOUNT FAILED');
    if (log.abandonedAt !== undefined) problems.push(`the guest ran no step after the failure of ${log.abandonedAt}`);

    for (const step of steps) {
      const outcome = log.steps.get(step.id);
      const why = outcome === undefined ? 'did not run' : step.check(outcome);
      if (why === undefined) { passed++; console.log(`  ok   ${label} ${step.id}`); }
      else { failed++; console.log(`  FAIL ${label} ${step.id}: ${why}\n    $ ${step.cmd}`); }
    }
    for (const t of traceChecks) {
      const why = log.doneAt === undefined ? 'the scenario did not finish' : t.check(server.trace());
      if (why === undefined) { passed++; console.log(`  ok   ${label} ${t.id}`); }
      else { failed++; console.log(`  FAIL ${label} ${t.id}: ${why}`); }
    }
    const guestTimes = log.doneAt !== undefined ? ` (guest: /init at ${log.bootAt} s, modules+net ready at ${log.readyAt} s, scenario done at ${log.doneAt} s)` : '';
    console.log(`${label}: boot + scenario ${(boot.elapsedMs / 1000).toFixed(1)} s${guestTimes}`);
    if (problems.length > 0 || failed > 0) {
      if (problems.length > 0) { failed += problems.length; console.log(`${label}: ${problems.map((p) => `ERROR ${p}`).join('\n' + label + ': ')}`); }
      const console_ = boot.serial.split('\n').filter((l) => !/@@segfs-e2e (step|dmesg) /.test(l)).join('\n');
      console.log(`${label}: guest console (markers of finished steps left out):\n${indent(console_.slice(-6000))}`);
      if (boot.stderr !== '') console.log(`${label}: QEMU stderr:\n${indent(boot.stderr)}`);
      if (log.dmesg !== undefined) console.log(`${label}: guest dmesg tail:\n${indent(log.dmesg)}`);
      console.log(`${label}: server trace (last 20000 chars):\n${indent(server.trace().slice(-20000))}`);
    } else if (opts.trace) console.log(`${label}: server trace:\n${indent(server.trace())}`);
    if (server.exited() !== undefined) { failed++; console.log(`${label}: ERROR the server exited during the run (${server.exited()})`); }
  } finally {
    await server.stop();
    if (exportDir !== '') rmSync(exportDir, { recursive: true, force: true });
  }
  return [passed, failed];
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`segfs e2e: ${opts.server}, ${opts.scenario} scenario, dialects ${opts.dialects.join(' ')}${process.env.CI === 'true' ? ' (CI)' : ''}`);
  // outside CI, a machine that lacks QEMU and cannot install it (not root) skips, saying so;
  // CI installs everything and never skips
  if (process.env.CI !== 'true' && process.getuid?.() !== 0 && spawnSync('sh', ['-c', 'command -v qemu-system-x86_64']).status !== 0) {
    console.log('segfs e2e: skipped: qemu-system-x86_64 is not installed and installing it needs root (scripts/install-e2e-deps.sh)');
    return 0;
  }
  const kernel = installDependencies(join(findRepository(), 'scripts', 'install-e2e-deps.sh'), opts.server === 'diod');
  const base = baseInitramfs(kernel);
  console.log(`kernel ${kernel.packageName} (${kernel.vmlinuz}), initramfs ${base}`);
  const work = mkdtempSync(join(tmpdir(), 'segfs-e2e-'));
  scratch.push(work);
  let passed = 0;
  let failed = 0;
  try {
    for (const dialect of opts.dialects) {
      try {
        const [p, f] = await runDialect(opts, dialect, kernel.vmlinuz, base, work);
        passed += p; failed += f;
      } catch (e) {
        failed++;
        console.log(`${opts.server} ${dialect}: ERROR ${(e as Error).message}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`e2e total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
    console.log(`e2e: stopped by ${signal}\n0 passed, 1 failed`);
    process.exit(1);
  });
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(`e2e: FAILED: ${(e as Error).stack ?? String(e)}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
