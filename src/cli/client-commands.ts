// The client subcommands, for shells without a kernel mount (like plan9port's 9p(1)):
//   segfs ls|cat|write|rdwr|stat|mkdir|rm|attach [options] ADDR PATH
// ADDR is a dial string (src/transport/dial-string.ts). Errors print `segfs: CMD PATH: text`
// and exit 1; a mistake on the command line prints usage and exits 2.

import type { Readable, Writable } from 'node:stream';
import type { Dialect } from '../9p/codec/dialect.js';
import { OREAD, ORDWR, OTRUNC, OWRITE } from '../lib9/modes.js';
import { readStream, writeStream } from '../9p/client/stream.js';
import type { ClientFid } from '../9p/client/fid.js';
import type { Stat } from '../9p/codec/types.js';
import type { Namespace } from '../client/mount.js';
import type { Fsys } from '../9p/client/fsys.js';
import { connectTree, type TreeOptions } from '../9p/client/connect-tree.js';
import { dial } from '../transport/dial.js';
import { UsageError, integer, parseCommandLine, seconds } from './options.js';
import { clientOptionsUsage, commandUsage } from './usage.js';

/** Where a command reads and writes (the process's stdio unless a test says otherwise). */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const stdio = (): CommandIO => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

/** The options every client command takes. */
const clientOptions = {
  user: { type: 'string', short: 'u' },
  aname: { type: 'string', short: 'A' },
  msize: { type: 'string', short: 'm' },
  dialect: { type: 'string', short: 'V' },
  timeout: { type: 'string', short: 't' },
  'auth-file': { type: 'string', short: 'a' },
  debug: { type: 'boolean', short: 'D' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Dialect names as people write them: any case, Linux's `9p2000.L` too. */
export function dialectFromName(s: string): Dialect | undefined {
  const l = s.toLowerCase();
  return l === '9p2000' ? '9P2000' : l === '9p2000.u' ? '9P2000.u' : l === '9p2000.l' ? '9P2000.L' : undefined;
}

/** Thrown when the reader of our output went away (EPIPE): a normal end for a filter. */
class ReaderGone extends Error {}

function write(out: Writable, s: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(s, (err) => {
      if (err === undefined || err === null) resolve();
      else reject((err as NodeJS.ErrnoException).code === 'EPIPE' ? new ReaderGone() : err);
    });
  });
}

interface Run<T extends Fsys = Fsys> {
  ns: T;
  path: string;
  io: CommandIO;
  flags: Record<string, string | boolean | string[] | undefined>;
  /** A signal for one request: aborts after the -t timeout (undefined without -t). */
  deadline: () => AbortSignal | undefined;
}

/** How a command reaches the tree: most only move files; attach needs a kernel's process. */
type Connect<T extends Fsys> = (addr: string, o: TreeOptions) => Promise<T>;

/** Files only: dial and attach, without loading the kernel (a command starts faster). */
const files: Connect<Fsys> = async (addr, o) => connectTree(await dial(addr), o);

/** A mount whose processes can segattach. */
const withKernel: Connect<Namespace> = async (addr, o) => (await import('../client/mount.js')).mount(addr, o);

/** A client command: parse, reach ADDR, run `body` on PATH, map failures to a message and a status. */
function command<T extends Fsys = Fsys>(
  cmd: string,
  extra: Record<string, { type: 'string' | 'boolean'; short?: string }>,
  body: (r: Run<T>) => Promise<void>,
  connect: Connect<T> = files as unknown as Connect<T>,
): (args: string[], io?: CommandIO) => Promise<number> {
  return async (args, io = stdio()) => {
    let ns: T | undefined;
    let path = '';
    try {
      const { values, positionals } = parseCommandLine(cmd, args, { ...clientOptions, ...extra });
      if (values.help === true) {
        await write(io.stdout, commandUsage(cmd));
        return 0;
      }
      if (positionals.length !== 2) throw new UsageError(`${cmd}: want ADDR ${cmd === 'attach' ? 'NAME' : 'PATH'}`);
      const [addr, target] = positionals as [string, string];
      path = target;
      const o: TreeOptions = {};
      if (typeof values.user === 'string') o.user = values.user;
      if (typeof values.aname === 'string') o.aname = values.aname;
      if (typeof values['auth-file'] === 'string') o.secretFile = values['auth-file'];
      if (typeof values.msize === 'string') o.msize = integer(cmd, '-m', values.msize, 4096, 0xffffffff);
      if (typeof values.dialect === 'string') {
        const d = dialectFromName(values.dialect);
        if (d === undefined) throw new UsageError(`${cmd}: -V wants 9P2000, 9P2000.u or 9P2000.L, got ${JSON.stringify(values.dialect)}`);
        o.version = d;
      }
      if (values.debug === true) o.debug = (line) => io.stderr.write(`${line}\n`);
      const ms = typeof values.timeout === 'string' ? seconds(cmd, '-t', values.timeout) : undefined;
      const deadline = (): AbortSignal | undefined => (ms === undefined ? undefined : AbortSignal.timeout(ms));
      o.signal = deadline();
      try {
        ns = await connect(addr, o);
        await body({ ns, path, io, flags: values, deadline });
      } catch (e) {
        // the hints (and their dialect probe) are loaded only when something failed
        throw e instanceof ReaderGone ? e : await (await import('./failure.js')).describeFailure(e, { addr, timeoutMs: ms, dialect: o.version });
      }
      return 0;
    } catch (e) {
      if (e instanceof ReaderGone) return 0;
      if (e instanceof UsageError) {
        io.stderr.write(`segfs: ${e.message}\n${commandUsage(cmd)}`);
        return 2;
      }
      const msg = e instanceof Error ? e.message : String(e);
      io.stderr.write(`segfs: ${cmd}${path === '' ? '' : ` ${path}`}: ${msg}\n`);
      return 1;
    } finally {
      // a files-only connection is just dropped: the server clunks every fid of a closed
      // connection, the root too, so waiting for an Rclunk would only delay the exit
      if (connect === files) ns?.client.close();
      else await ns?.close();
    }
  };
}

/** Opens `path` with `mode`, runs `f`, clunks. */
async function withOpen<T>(r: Run, mode: number, f: (fid: ClientFid) => Promise<T>): Promise<T> {
  const fid = await r.ns.open(r.path, mode, r.deadline());
  try {
    return await f(fid);
  } finally {
    await fid.clunk();
  }
}

/** Lines of input, each without its newline (node:readline, loaded by the commands that read lines). */
async function* inputLines(stdin: Readable): AsyncGenerator<string> {
  const { createInterface } = await import('node:readline');
  yield* createInterface({ input: stdin, crlfDelay: Infinity });
}

export const lsCommand = command('ls', { long: { type: 'boolean', short: 'l' }, directory: { type: 'boolean', short: 'd' } }, async (r) => {
  // one walk: a directory's qid says to read it, anything else (or -d) is stat'd
  const f = await r.ns.walk(r.path, r.deadline());
  let entries: Stat[];
  try {
    if (f.isDir && r.flags.directory !== true) {
      await f.open(OREAD, r.deadline());
      entries = await f.readdir(r.deadline());
    } else {
      entries = [await f.stat(r.deadline())];
    }
  } finally {
    await f.clunk();
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = r.flags.long === true ? (await import('./client-format.js')).longLines(entries) : entries.map((d) => d.name);
  await write(r.io.stdout, lines.map((l) => `${l}\n`).join(''));
});

/** Reads cat keeps in flight: measured as fast as 8, and 4 × msize less memory resident. */
const CAT_DEPTH = 4;

export const catCommand = command('cat', {}, async (r) => {
  await withOpen(r, OREAD, async (fid) => {
    // each chunk is written out before the next is taken: its buffer is then reused
    for await (const chunk of readStream(fid, { signal: r.deadline, depth: CAT_DEPTH })) await write(r.io.stdout, chunk);
  });
});

/** Standard input as chunks, or as lines (each with its newline) for `-l`. */
async function* input(stdin: Readable, lines: boolean): AsyncGenerator<Uint8Array | string> {
  if (!lines) {
    for await (const chunk of stdin) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    return;
  }
  for await (const line of inputLines(stdin)) yield `${line}\n`;
}

export const writeCommand = command('write', { lines: { type: 'boolean', short: 'l' } }, async (r) => {
  const lines = r.flags.lines === true;
  await withOpen(r, OWRITE | OTRUNC, (fid) => writeStream(fid, input(r.io.stdin, lines), {
    perChunk: lines, signal: r.deadline,
  }));
});

export const rdwrCommand = command('rdwr', {}, async (r) => {
  await withOpen(r, ORDWR, async (fid) => {
    // like plan9port's 9p rdwr: a failed read or write is reported and the loop goes on
    const complain = (e: unknown): void => {
      r.io.stderr.write(`segfs: rdwr ${r.path}: ${e instanceof Error ? e.message : String(e)}\n`);
    };
    const show = async (): Promise<void> => {
      let data: Uint8Array;
      try {
        data = await fid.read(0, fid.iounit, r.deadline());
      } catch (e) {
        complain(e);
        return;
      }
      await write(r.io.stdout, data.length > 0 && data[data.length - 1] !== 0x0a ? Buffer.concat([data, Buffer.from('\n')]) : data);
    };
    await show();
    for await (const line of inputLines(r.io.stdin)) {
      try {
        await fid.write(0, Buffer.from(line), r.deadline());
      } catch (e) {
        complain(e);
        continue;
      }
      await show();
    }
  });
});

export const statCommand = command('stat', {}, async (r) => {
  const [st, { statLine }] = await Promise.all([r.ns.stat(r.path, r.deadline()), import('./client-format.js')]);
  await write(r.io.stdout, statLine(st) + '\n');
});

export const mkdirCommand = command('mkdir', {}, async (r) => {
  await r.ns.mkdir(r.path, 0o777, r.deadline());
});

export const rmCommand = command('rm', {}, async (r) => {
  await r.ns.remove(r.path, r.deadline());
});

export const attachCommand = command<Namespace>('attach', {}, async (r) => {
  const p = r.ns.process();
  const va = await p.segattach(0, r.path, 0, 0);
  const seg = p.segmentAt(va)!;
  await write(r.io.stdout, `va 0x${seg.base.toString(16)} 0x${seg.size.toString(16)}\n`);
  await p.exit();
}, withKernel);

export { clientOptionsUsage };
