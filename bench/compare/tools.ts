// The tools the comparison needs from the system, a C compiler and diod: found on the PATH
// (and sbin), or installed by the checkout's scripts/install-cc.sh and scripts/install-diod.sh
// (which need root when something is missing, and say so).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this module was built from: the compiled module may sit a few levels below it. */
export function repoRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'bench', 'compare', 'loadgen.c'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the checkout (bench/compare/loadgen.c) above ${start}`);
}

function which(cmd: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.filter(Boolean).map((d) => join(d, cmd)).find((p) => existsSync(p));
}

function install(script: string): void {
  const path = join(repoRoot(), 'scripts', script);
  try {
    execFileSync('bash', [path], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  } catch (e) {
    const err = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`scripts/${script} failed${err ? `:\n${err}` : ''}`);
  }
}

/** The C compiler to use ($CC, else cc), installing gcc when there is none. */
export function ensureCc(): string {
  const cc = process.env.CC;
  if (cc) return cc;
  if (!which('cc')) install('install-cc.sh');
  const found = which('cc');
  if (!found) throw new Error('no C compiler after scripts/install-cc.sh');
  return found;
}

/** The diod server binary, installing Debian's diod when it is missing. */
export function ensureDiod(): string {
  if (!which('diod')) install('install-diod.sh');
  const found = which('diod');
  if (!found) throw new Error('no diod after scripts/install-diod.sh');
  return found;
}
