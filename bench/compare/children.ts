// Child processes of the comparison: every one is tracked so that none outlives the bench,
// whether it ends normally, throws, or is interrupted; plus the waits the servers need
// (a line on stdout, a port that accepts, an exit).

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { connect } from 'node:net';

const live = new Set<ChildProcess>();

/** Kills every child still running; synchronous, so it also works from an 'exit' handler. */
export function killAll(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}
process.on('exit', killAll);

/** A child whose stderr (last 4 KiB) is kept for error messages. */
export interface Child {
  readonly proc: ChildProcess;
  readonly name: string;
  stderr(): string;
}

/** Spawns and tracks a child; stdout stays a pipe for waitForLine, stderr is kept. */
export function start(name: string, cmd: string, args: readonly string[], opts: SpawnOptions = {}): Child {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  live.add(proc);
  proc.on('exit', () => live.delete(proc));
  proc.on('error', () => live.delete(proc));
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4096); });
  proc.stdout?.resume();
  return { proc, name, stderr: () => err.trim() };
}

function why(c: Child): string {
  const e = c.stderr();
  return e ? `:\n${e}` : '';
}

/** Resolves with the first match of `re` on the child's stdout; rejects if it exits or times out. */
export function waitForLine(c: Child, re: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const done = (f: () => void): void => {
      clearTimeout(timer);
      c.proc.stdout?.off('data', onData);
      c.proc.off('exit', onExit);
      c.proc.off('error', onError);
      f();
    };
    const onData = (d: Buffer): void => {
      out = (out + d.toString()).slice(-8192);
      const m = out.match(re);
      if (m) done(() => resolve(m));
    };
    const onExit = (code: number | null, sig: string | null): void =>
      done(() => reject(new Error(`${c.name} exited (${sig ?? code}) before it was ready${why(c)}`)));
    const onError = (e: Error): void => done(() => reject(new Error(`${c.name} could not start: ${e.message}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`${c.name} not ready after ${timeoutMs} ms${why(c)}`))), timeoutMs);
    c.proc.stdout?.on('data', onData);
    c.proc.once('exit', onExit);
    c.proc.once('error', onError);
  });
}

/** Resolves once 127.0.0.1:port accepts a connection; rejects if the child exits first or time runs out. */
export async function waitForPort(c: Child, port: number, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (c.proc.exitCode !== null || c.proc.signalCode !== null) {
      throw new Error(`${c.name} exited (${c.proc.signalCode ?? c.proc.exitCode}) before it was ready${why(c)}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${c.name} does not accept on port ${port} after ${timeoutMs} ms${why(c)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stop(c: Child, graceMs = 2000): Promise<void> {
  const p = c.proc;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Throws if the child is no longer running. */
export function assertAlive(c: Child): void {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) {
    throw new Error(`${c.name} died (${c.proc.signalCode ?? c.proc.exitCode})${why(c)}`);
  }
}

/** Runs a child to completion with stdin from `stdin` (a file descriptor or 'ignore'); rejects on a non-zero exit. */
export function run(name: string, cmd: string, args: readonly string[], stdin: number | 'ignore' = 'ignore', timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = start(name, cmd, args, { stdio: [stdin, 'pipe', 'pipe'] });
    let out = '';
    c.proc.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = setTimeout(() => c.proc.kill('SIGKILL'), timeoutMs);
    c.proc.once('error', (e) => { clearTimeout(timer); reject(new Error(`${name} could not start: ${e.message}`)); });
    c.proc.once('close', (code, sig) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${name} failed (${sig ?? code})${why(c)}`));
    });
  });
}
