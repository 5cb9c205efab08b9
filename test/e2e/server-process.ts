// Starts a 9P server on a free loopback port and keeps its output (the protocol trace).

import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freeLoopbackPort } from './free-port.js';
import { track } from './live-children.js';

/** A server listening on 127.0.0.1:port. */
export interface RunningServer {
  readonly port: number;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  trace(): string;
  /** Exit status when it has exited by itself, else undefined. */
  exited(): number | string | undefined;
  /** Stops it (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start one server given a port. */
export type ServerCommand = (port: number) => { readonly cmd: string; readonly args: readonly string[] };

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startOnce(command: ServerCommand, port: number, readyMs: number): Promise<RunningServer | string> {
  const { cmd, args } = command(port);
  const child: ChildProcess = track(spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let status: number | string | undefined;
  let spawnError: Error | undefined;
  child.stdout!.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { out += s; });
  const closed = new Promise<void>((resolve) => child.once('close', (code, signal) => { status = code ?? signal ?? '?'; resolve(); }));
  child.once('error', (e) => { spawnError = e; });
  const server: RunningServer = {
    port,
    trace: () => out,
    exited: () => status,
    stop: async () => {
      if (status !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await closed;
      clearTimeout(killer);
    },
  };
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline) {
    if (spawnError !== undefined) return `cannot run ${cmd}: ${spawnError.message}`;
    if (status !== undefined) return `${cmd} exited (${status}) before listening:\n${out}`;
    if (await canConnect(port)) return server;
    await sleep(100);
  }
  await server.stop();
  return `${cmd} did not listen on 127.0.0.1:${port} within ${readyMs} ms:\n${out}`;
}

/**
 * Starts `command` on a free loopback port, retrying with other ports (the shared machine
 * runs other 9P servers; a port can be taken between the probe and the bind). Readiness is
 * a successful TCP connect. Throws with the server's output when every attempt fails.
 */
export async function startServer(command: ServerCommand, readyMs = 15000, attempts = 3): Promise<RunningServer> {
  let why = '';
  for (let i = 0; i < attempts; i++) {
    const r = await startOnce(command, await freeLoopbackPort(), readyMs);
    if (typeof r !== 'string') return r;
    why = r;
  }
  throw new Error(why);
}
