// The client subcommands, for shells without a kernel mount (like plan9port's 9p(1)):
//   segfs [options] ls [-l] ADDR PATH | cat ADDR PATH | write ADDR PATH | stat ADDR PATH
//         | mkdir ADDR PATH | rm ADDR PATH | attach ADDR NAME
// ADDR is a dial string (tcp!HOST!PORT, unix!PATH). Options before ADDR: -u USER,
// -A ANAME, -m MSIZE, -V 9P2000|9P2000.u|9P2000.L, -D (trace 9P on stderr). Errors print `segfs: CMD: text` and exit 1;
// bad usage exits 2.

import type { Readable, Writable } from 'node:stream';
import { isDialect } from '../9p/codec/dialect.js';
import { mount, type MountOptions, type Namespace } from '../client/mount.js';
import { longLine, statLine } from './client-format.js';

/** Where a command reads and writes (the process's stdio unless a test says otherwise). */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const stdio = (): CommandIO => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export const clientUsage = `  ls [-l] ADDR PATH   list a directory (or name a file) of the server at ADDR
  cat ADDR PATH       copy a file to standard output
  write ADDR PATH     copy standard input to a file (one write per iounit, from offset 0)
  stat ADDR PATH      print a file's stat
  mkdir ADDR PATH     make a directory (in #g: a segment)
  rm ADDR PATH        remove a file (in #g: a segment)
  attach ADDR NAME    segattach the #g segment NAME; print its va and length
        client options before ADDR: -u USER -A ANAME -m MSIZE -V 9P2000|9P2000.u|9P2000.L -D
        ADDR is tcp!HOST!PORT or unix!PATH
`;

class UsageError extends Error {}

/** Parses the options and the positional arguments (exactly `n` of them). */
function parse(cmd: string, args: string[], n: number, flags: string[], io: CommandIO): { o: MountOptions; pos: string[]; set: Set<string> } {
  const o: MountOptions = {};
  const set = new Set<string>();
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${cmd}: ${a} needs a value`);
      return v;
    };
    if (pos.length === 0 && flags.includes(a)) set.add(a);
    else if (pos.length === 0 && a === '-D') o.debug = (line) => io.stderr.write(`${line}\n`);
    else if (pos.length === 0 && a === '-u') o.user = val();
    else if (pos.length === 0 && a === '-A') o.aname = val();
    else if (pos.length === 0 && a === '-m') {
      const m = Number(val());
      if (!Number.isInteger(m) || m < 4096) throw new UsageError(`${cmd}: -m wants an msize of at least 4096`);
      o.msize = m;
    } else if (pos.length === 0 && a === '-V') {
      const v = val();
      if (!isDialect(v)) throw new UsageError(`${cmd}: -V wants 9P2000, 9P2000.u or 9P2000.L`);
      o.version = v;
    } else if (pos.length === 0 && a.startsWith('-') && a.length > 1) throw new UsageError(`${cmd}: unknown option ${a}`);
    else pos.push(a);
  }
  if (pos.length !== n) throw new UsageError(`${cmd}: want ${n === 2 ? 'ADDR PATH' : 'ADDR'}`);
  return { o, pos, set };
}

/** Runs `body` on a mount of ADDR, mapping failures to messages and exit codes. */
function command(
  cmd: string,
  flags: string[],
  body: (ns: Namespace, path: string, io: CommandIO, set: Set<string>) => Promise<void>,
): (args: string[], io?: CommandIO) => Promise<number> {
  return async (args, io = stdio()) => {
    let ns: Namespace | undefined;
    try {
      const { o, pos, set } = parse(cmd, args, 2, flags, io);
      ns = await mount(pos[0]!, o);
      await body(ns, pos[1]!, io, set);
      return 0;
    } catch (e) {
      io.stderr.write(`segfs: ${e instanceof UsageError ? '' : `${cmd}: `}${e instanceof Error ? e.message : String(e)}\n`);
      if (e instanceof UsageError) {
        io.stderr.write(`usage: segfs ${cmd} ${cmd === 'ls' ? '[-l] ' : ''}[-u USER] [-A ANAME] [-m MSIZE] [-V VERSION] [-D] ADDR ${cmd === 'attach' ? 'NAME' : 'PATH'}\n`);
        return 2;
      }
      return 1;
    } finally {
      await ns?.close();
    }
  };
}

function write(out: Writable, s: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => out.write(s, (err) => (err ? reject(err) : resolve())));
}

async function readAll(input: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of input) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts);
}

export const lsCommand = command('ls', ['-l'], async (ns, path, io, set) => {
  const entries = await ns.ls(path);
  let out = '';
  for (const d of entries) out += (set.has('-l') ? longLine(d) : d.name) + '\n';
  await write(io.stdout, out);
});

export const catCommand = command('cat', [], async (ns, path, io) => {
  await write(io.stdout, await ns.readFile(path));
});

export const writeCommand = command('write', [], async (ns, path, io) => {
  const data = await readAll(io.stdin);
  const n = await ns.writeFile(path, data);
  if (n !== data.length) throw new Error(`short write: ${n} of ${data.length} bytes`);
});

export const statCommand = command('stat', [], async (ns, path, io) => {
  await write(io.stdout, statLine(await ns.stat(path)) + '\n');
});

export const mkdirCommand = command('mkdir', [], async (ns, path) => {
  await ns.mkdir(path);
});

export const rmCommand = command('rm', [], async (ns, path) => {
  await ns.remove(path);
});

export const attachCommand = command('attach', [], async (ns, name, io) => {
  const p = ns.process();
  const va = await p.segattach(0, name, 0, 0);
  const seg = p.segmentAt(va)!;
  await write(io.stdout, `va 0x${seg.base.toString(16)} 0x${seg.size.toString(16)}\n`);
  await p.exit();
});
