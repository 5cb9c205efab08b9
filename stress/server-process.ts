// `segfs serve` as a child process on a loopback port chosen by the kernel: started with
// `--listen tcp!127.0.0.1!0`, its address read from the `serving #g on ADDR` line it prints.
// Keeps its standard error (to find stack traces), reads its resident memory from
// /proc/PID/status, and is killed on every way out of the suite.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, next to this file once compiled (dist/stress → dist/bin). */
const CLI = fileURLToPath(new URL('../bin/segfs.js', import.meta.url));

/** Stack-trace lines in the server's standard error: `    at f (file:1:2)`. */
const STACK_LINE = /^\s+at\s/;

export class ServerProcess {
  readonly #child: ChildProcess;
  #stderr = '';
  #exit: string | undefined;
  readonly port: number;
  readonly pid: number;
  readonly eve: string;

  private constructor(child: ChildProcess, port: number, eve: string) {
    this.#child = child;
    this.port = port;
    this.pid = child.pid!;
    this.eve = eve;
    child.stderr!.setEncoding('utf8').on('data', (s: string) => { this.#stderr += s; });
    child.once('exit', (code, signal) => { this.#exit = `${code ?? signal}`; });
  }

  /** Starts the server with host owner `eve`; resolves once it has printed its address. */
  static start(eve: string, readyMs = 20000): Promise<ServerProcess> {
    // the long load scenario opens 256 connections beside the canary's: more than the default cap
    const child = spawn(process.execPath, [CLI, 'serve', '--listen', 'tcp!127.0.0.1!0', '--eve', eve, '--max-conns', '1024'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(child);
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      const fail = (why: string) => { child.kill('SIGKILL'); reject(new Error(`segfs serve: ${why}\n${out}${err}`)); };
      const timer = setTimeout(() => fail(`no "serving" line within ${readyMs} ms`), readyMs);
      child.stderr!.setEncoding('utf8').on('data', (s: string) => { err += s; });
      child.once('error', (e) => { clearTimeout(timer); fail(e.message); });
      child.once('exit', (code, signal) => { clearTimeout(timer); fail(`exited (${code ?? signal}) before serving`); });
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        const m = /serving #g on tcp!127\.0\.0\.1!(\d+)/.exec(out);
        if (m === null) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stderr!.removeAllListeners('data');
        const srv = new ServerProcess(child, Number(m[1]), eve);
        srv.#stderr = err;
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(srv);
      });
    });
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.#exit === undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** How it ended (exit code or signal), if it has. */
  get exit(): string | undefined {
    return this.#exit;
  }

  /** Length of the standard error kept so far: a mark for stderrSince(). */
  get stderrMark(): number {
    return this.#stderr.length;
  }

  /** What the server wrote to standard error since `mark`. */
  stderrSince(mark: number): string {
    return this.#stderr.slice(mark);
  }

  /** Stack-trace lines (and the line before each trace) written since `mark`. */
  stackTracesSince(mark: number): string[] {
    const lines = this.stderrSince(mark).split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (STACK_LINE.test(lines[i]!) && (i === 0 || !STACK_LINE.test(lines[i - 1]!))) out.push(lines[i - 1] ?? lines[i]!);
    }
    return out;
  }

  /** The server's resident set size in bytes (VmRSS), or NaN once it is gone. */
  rss(): number {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m === null ? NaN : Number(m[1]) * 1024;
    } catch {
      return NaN;
    }
  }

  /** Stops it: SIGTERM, SIGKILL after 3 s; resolves when it has exited. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((r) => this.#child.once('exit', () => r()));
    this.#child.kill('SIGTERM');
    const killer = setTimeout(() => this.#child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
  }
}

/** Children still running when this process ends are killed (normal exit, error or signal). */
const children = new Set<ChildProcess>();
let hooked = false;

function killOnExit(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => { for (const c of children) c.kill('SIGKILL'); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of children) c.kill('SIGKILL');
      process.exit(130);
    });
  }
}
