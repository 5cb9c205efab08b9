// Runs a client command as a function with captured stdio, for the CLI tests.

import { PassThrough } from 'node:stream';
import type { CommandIO } from '../../src/cli/client-commands.js';

/** What a command did: its exit status and everything it wrote. */
export interface Ran { code: number; out: string; err: string }

/** Runs `cmd args` with `input` on its standard input; resolves with status and output. */
export async function run(cmd: (args: string[], io?: CommandIO) => Promise<number>, args: string[], input = ''): Promise<Ran> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString(); });
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  stdin.end(input);
  const code = await cmd(args, { stdin, stdout, stderr });
  return { code, out, err };
}
