// The C load generator from Node: compile loadgen.c with the system's C compiler into a build
// directory, and run one measurement of it against a server, returning what it printed.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from './children.js';
import { repoRoot } from './tools.js';

/** Compiles loadgen.c with `cc` into `buildDir`; returns the binary's path. */
export function buildLoadgen(cc: string, buildDir: string): string {
  const src = join(repoRoot(), 'bench', 'compare', 'loadgen.c');
  const out = join(buildDir, 'loadgen');
  try {
    execFileSync(cc, ['-O2', '-Wall', '-o', out, src], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${cc} failed on ${src}:\n${err.stderr?.toString() ?? err.message}`);
  }
  return out;
}

export interface Target {
  host: string;
  port: number;
  aname: string;
  path: string;
}

export interface Load {
  op: 'read' | 'getattr';
  msize: number;
  count: number;
  depth: number;
  conns: number;
  warmup: number;
  seconds: number;
}

/** What one measurement saw in its timed window. */
export interface Sample {
  ops: number;
  bytes: number;
  secs: number;
  msize: number;
  count: number;
  short: number;
  clientCpu: number;
  /** Requests answered in the whole run, warm-up and drain included. */
  allOps: number;
}

export async function measure(bin: string, t: Target, l: Load, user: { name: string; uid: number }): Promise<Sample> {
  const args = [
    '-s', `${t.host}:${t.port}`, '-a', t.aname, '-f', t.path, '-u', user.name, '-N', String(user.uid),
    '-o', l.op, '-m', String(l.msize), '-c', String(l.count), '-d', String(l.depth), '-n', String(l.conns),
    '-w', String(l.warmup), '-t', String(l.seconds),
  ];
  const out = await run('loadgen', bin, args, 'ignore', (l.warmup + l.seconds + 60) * 1000);
  return JSON.parse(out) as Sample;
}
