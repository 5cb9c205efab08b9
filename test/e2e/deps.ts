// Host prerequisites: runs scripts/install-e2e-deps.sh and locates the unpacked guest kernel.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The unpacked kernel package: its vmlinuz and its module tree (with modules.dep). */
export interface GuestKernel {
  /** Name of the Debian package, e.g. linux-image-6.1.0-56-amd64; keys the cache. */
  readonly packageName: string;
  readonly version: string;
  readonly vmlinuz: string;
  readonly modulesDir: string;
  /** Directory of the package's cache entry; built initramfs images go here. */
  readonly cacheDir: string;
}

/**
 * Runs the install script (apt packages, kernel download, cache) and returns the kernel it
 * unpacked. Throws with the script's output when it fails.
 */
export function installDependencies(script: string, withDiod: boolean): GuestKernel {
  const args = withDiod ? ['--with-diod'] : [];
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${script} failed (status ${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  }
  const line = result.stdout.split('\n').find((l) => l.startsWith('kernel-root='));
  if (line === undefined) throw new Error(`${script} printed no kernel-root= line:\n${result.stdout}`);
  return locateKernel(line.slice('kernel-root='.length).trim());
}

/** Finds vmlinuz and the module tree in a `dpkg -x` of a linux-image package. */
export function locateKernel(root: string): GuestKernel {
  const versions = readdirSync(join(root, 'lib', 'modules'));
  if (versions.length !== 1) throw new Error(`expected one kernel under ${root}/lib/modules, found ${versions.join(', ')}`);
  const version = versions[0]!;
  const vmlinuz = join(root, 'boot', `vmlinuz-${version}`);
  const modulesDir = join(root, 'lib', 'modules', version);
  for (const f of [vmlinuz, join(modulesDir, 'modules.dep')]) {
    if (!existsSync(f)) throw new Error(`missing ${f}; delete ${root} and rerun`);
  }
  const cacheDir = join(root, '..');
  return { packageName: `linux-image-${version}`, version, vmlinuz, modulesDir, cacheDir };
}
