// The three servers under comparison, each a child process on a free loopback port, each
// holding the same bytes: segfs (its built CLI, a segment filled through its own client
// commands), diod exporting a directory with a data file, and the ideal Node server.

import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { start, waitForLine, waitForPort, run, stop, type Child } from './children.js';
import type { Target } from './loadgen.js';

export interface Server {
  readonly name: string;
  readonly child: Child;
  readonly target: Target;
}

/** The largest message any case asks for: a 1 MiB payload plus the Rread header room. */
export const MAX_MSIZE = (1 << 20) + 24;

/**
 * Starts `segfs serve` from the built CLI and fills segment `bench` with `dataFile` (`size`
 * bytes); `workDir` takes the ctl message's file.
 */
export async function startSegfs(segfsJs: string, workDir: string, dataFile: string, size: number): Promise<Server> {
  if (!existsSync(segfsJs)) throw new Error(`no segfs CLI at ${segfsJs}: build first (npx tsc -p .)`);
  const child = start('segfs', process.execPath, [segfsJs, 'serve', '--listen', 'tcp!127.0.0.1!0', '--msize', String(MAX_MSIZE)]);
  const m = await waitForLine(child, /serving .* on (tcp!127\.0\.0\.1!(\d+))/);
  const addr = m[1]!;
  const cli = (args: string[], stdin: number | 'ignore' = 'ignore'): Promise<string> =>
    run(`segfs ${args[0]}`, process.execPath, [segfsJs, ...args], stdin);
  try {
    await cli(['mkdir', addr, '/bench']);
    const ctl = join(workDir, 'ctl-message');
    writeFileSync(ctl, `va 0x10000000 ${size}\n`);
    for (const [file, path] of [[ctl, '/bench/ctl'], [dataFile, '/bench/data']] as const) {
      const fd = openSync(file, 'r');
      try {
        await cli(['write', addr, path], fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (e) {
    await stop(child);
    throw e;
  }
  return { name: 'segfs', child, target: { host: '127.0.0.1', port: Number(m[2]), aname: '', path: 'bench/data' } };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the `diod` binary in the foreground, without auth or config file, exporting `dir` (which holds `data`). */
export async function startDiod(diod: string, dir: string): Promise<Server> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = start('diod', diod, ['-f', '-n', '-c', '/dev/null', '-L', 'stderr', '-e', dir, '-l', `127.0.0.1:${port}`]);
    try {
      await waitForPort(child, port);
      return { name: 'diod', child, target: { host: '127.0.0.1', port, aname: dir, path: 'data' } };
    } catch (e) {
      // the port may have been taken between freePort and diod's bind: try another
      last = e;
      await stop(child);
    }
  }
  throw last;
}

/** Starts the ideal Node server (ideal-server.js beside this module) claiming a file of `size` bytes. */
export async function startIdeal(idealJs: string, size: number): Promise<Server> {
  const child = start('ideal-node', process.execPath, [idealJs, '0', String(size)]);
  const m = await waitForLine(child, /listening tcp!127\.0\.0\.1!(\d+)/);
  return { name: 'ideal-node', child, target: { host: '127.0.0.1', port: Number(m[1]), aname: '', path: 'bench/data' } };
}
