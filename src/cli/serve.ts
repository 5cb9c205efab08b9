// segfs serve: the #g segment device over 9P on a TCP or unix socket until SIGINT/SIGTERM.

import { parseListenAddress, DEFAULT_LISTEN } from '../transport/listen-address.js';
import { DEFAULT_MSIZE, MIN_SERVER_MSIZE, serve } from '../serve/serve.js';

const usage = 'usage: segfs serve [--listen tcp!HOST!PORT | unix!PATH] [--msize N] [--eve USER] [-D]\n';

interface ServeArgs {
  listen: string;
  msize: number;
  eve: string | undefined;
  debug: boolean;
}

/** Parses serve's arguments; throws an Error whose message is for the user. */
export function parseServeArgs(args: readonly string[]): ServeArgs {
  const o: ServeArgs = { listen: DEFAULT_LISTEN, msize: DEFAULT_MSIZE, eve: undefined, debug: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '-D') o.debug = true;
    else if (a === '--listen' || a === '-l') o.listen = value();
    else if (a === '--eve') o.eve = value();
    else if (a === '--msize' || a === '-m') {
      const v = value();
      if (!/^[0-9]+$/.test(v) || Number(v) < MIN_SERVER_MSIZE || Number(v) > 0xffffffff) {
        throw new Error(`--msize wants an integer of at least ${MIN_SERVER_MSIZE}, got ${JSON.stringify(v)}`);
      }
      o.msize = Number(v);
    } else throw new Error(`unknown argument ${JSON.stringify(a)}`);
  }
  parseListenAddress(o.listen);
  if (o.eve === '') throw new Error('--eve wants a user name');
  return o;
}

/** How to mount what `address` serves, for people. */
export function mountHelp(address: string): string {
  const a = parseListenAddress(address);
  if (a.net === 'tcp') {
    const host = a.host === '0.0.0.0' ? '127.0.0.1' : a.host;
    return [
      `mount with Linux:  mount -t 9p -o trans=tcp,port=${a.port},version=9p2000.L ${host} /mnt/segment`,
      `or with 9pfuse:    9pfuse 'tcp!${host}!${a.port}' /mnt/segment`,
      `the processes:     mount -t 9p -o trans=tcp,port=${a.port},version=9p2000.L,aname=#p ${host} /mnt/proc`,
    ].join('\n');
  }
  return [
    `mount with Linux:  mount -t 9p -o trans=unix,version=9p2000.L ${a.path} /mnt/segment`,
    `or with 9pfuse:    9pfuse 'unix!${a.path}' /mnt/segment`,
    `the processes:     mount -t 9p -o trans=unix,version=9p2000.L,aname=#p ${a.path} /mnt/proc`,
  ].join('\n');
}

/** `segfs serve …`: runs until SIGINT or SIGTERM; returns the exit code. */
export async function serveCommand(args: string[]): Promise<number> {
  let o: ServeArgs;
  try {
    o = parseServeArgs(args);
  } catch (e) {
    process.stderr.write(`segfs serve: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  const handle = await serve({ listen: o.listen, msize: o.msize, eve: o.eve, debug: o.debug });
  process.stdout.write(`segfs: serving #g on ${handle.address} (msize ${o.msize}, eve ${handle.server.eve})\n${mountHelp(handle.address)}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await handle.close();
  process.stdout.write('segfs: stopped\n');
  return 0;
}
