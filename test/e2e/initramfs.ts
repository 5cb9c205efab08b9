// Builds the guest's initramfs: a cached base archive (busybox, the 9P and e1000 modules,
// /init) and a small per-run archive with /scenario.sh, concatenated into one image (the
// kernel unpacks concatenated cpio archives in order).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { GuestKernel } from './deps.js';
import { guestInit, MODULE_LIST } from './guest-init.js';

/** The modules v9fs over TCP and the e1000 NIC need (dependencies are added from modules.dep). */
export const GUEST_MODULES = ['netfs', 'fscache', '9pnet', '9pnet_fd', '9p', 'e1000'] as const;

const BUSYBOX = '/bin/busybox';

/** Guest users: root, and glenda (1000) for steps that need someone who is not the owner. */
export const GUEST_PASSWD = 'root:x:0:0:root:/:/bin/sh\nglenda:x:1000:1000:glenda:/tmp:/bin/sh\n';
export const GUEST_GROUP = 'root:x:0:\nglenda:x:1000:\n';

/** A module's name as modinfo prints it: the file name without .ko, `-` spelled `_`. */
function moduleName(path: string): string {
  return basename(path).replace(/\.ko(\.(xz|zst|gz))?$/, '').replaceAll('-', '_');
}

/**
 * Paths (relative to the module dir) of `wanted` and everything they depend on, each after
 * its dependencies, from the text of modules.dep (`path: dep dep ...`).
 */
export function moduleLoadOrder(modulesDep: string, wanted: readonly string[]): string[] {
  const deps = new Map<string, { path: string; deps: string[] }>();
  for (const line of modulesDep.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const path = line.slice(0, colon).trim();
    const list = line.slice(colon + 1).trim().split(/\s+/).filter((d) => d !== '');
    deps.set(moduleName(path), { path, deps: list.map(moduleName) });
  }
  const order: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    if (visiting.has(name)) throw new Error(`module dependency cycle at ${name}`);
    const entry = deps.get(name);
    if (entry === undefined) throw new Error(`module ${name} is not in modules.dep`);
    visiting.add(name);
    for (const d of entry.deps) visit(d);
    visiting.delete(name);
    done.add(name);
    order.push(entry.path);
  };
  for (const w of wanted) visit(moduleName(w));
  return order;
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}${r.error?.message ?? ''}`);
}

/**
 * Packs directory `dir` as a gzipped newc cpio archive at `out` (files owned by root). `dir`
 * itself becomes the guest's / (mode 0755; mkdtemp made it 0700, which would shut out users
 * other than root).
 */
function packCpio(dir: string, out: string): void {
  chmodSync(dir, 0o755);
  run('sh', ['-c', `find . -print | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -9n > ${JSON.stringify(out)}`], dir);
}

/**
 * The base archive for `kernel`, built once and cached in the kernel's cache dir under a name
 * derived from everything that goes into it (older images there are deleted). Returns its path.
 */
export function baseInitramfs(kernel: GuestKernel): string {
  const modules = moduleLoadOrder(readFileSync(join(kernel.modulesDir, 'modules.dep'), 'utf8'), GUEST_MODULES);
  const key = createHash('sha256')
    .update(guestInit).update('\0').update(GUEST_PASSWD).update(GUEST_GROUP).update('\0').update(modules.join('\n')).update('\0')
    .update(readFileSync(BUSYBOX))
    .digest('hex').slice(0, 16);
  const out = join(kernel.cacheDir, `initramfs-${key}.cpio.gz`);
  // Images of older init scripts or busybox builds are never used again.
  for (const f of readdirSync(kernel.cacheDir)) {
    if (/^initramfs-[0-9a-f]{16}\.cpio\.gz$/.test(f) && join(kernel.cacheDir, f) !== out) rmSync(join(kernel.cacheDir, f), { force: true });
  }
  if (existsSync(out)) return out;

  const stage = mkdtempSync(join(tmpdir(), 'segfs-e2e-initramfs-'));
  try {
    for (const d of ['bin', 'dev', 'etc', 'lib/modules', 'mnt', 'proc', 'sys', 'tmp']) mkdirSync(join(stage, d), { recursive: true });
    copyFileSync(BUSYBOX, join(stage, 'bin', 'busybox'));
    const names: string[] = [];
    for (const m of modules) {
      copyFileSync(join(kernel.modulesDir, m), join(stage, 'lib', 'modules', basename(m)));
      names.push(basename(m));
    }
    writeFileSync(join(stage, MODULE_LIST), names.join('\n') + '\n');
    writeFileSync(join(stage, 'etc', 'passwd'), GUEST_PASSWD);
    writeFileSync(join(stage, 'etc', 'group'), GUEST_GROUP);
    writeFileSync(join(stage, 'init'), guestInit, { mode: 0o755 });
    const tmp = `${out}.${process.pid}.tmp`;
    packCpio(stage, tmp);
    renameSync(tmp, out);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return out;
}

/**
 * Writes the full initrd to `out`: the base archive followed by an archive holding
 * /scenario.sh with `scenario` as its text.
 */
export function writeInitrd(base: string, scenario: string, out: string): void {
  const stage = mkdtempSync(join(tmpdir(), 'segfs-e2e-scenario-'));
  try {
    writeFileSync(join(stage, 'scenario.sh'), scenario, { mode: 0o644 });
    const part = join(stage, '..', `${basename(stage)}.cpio.gz`);
    packCpio(stage, part);
    writeFileSync(out, Buffer.concat([readFileSync(base), readFileSync(part)]));
    rmSync(part, { force: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
