// segfs serve: #g and #p of one kernel over 9P on one or more addresses until SIGINT, SIGTERM
// or SIGHUP. Only loopback and unix sockets unless told otherwise: 9P carries no identity
// proof of its own, so anyone who can connect can claim to be anyone.

import { DEFAULT_ADDRESS, parseDialString, isLoopback } from '../transport/dial-string.js';
import { DEFAULT_MSIZE, MIN_SERVER_MSIZE, defaultEve, parseMemorySize, serve, serveKernel, type ServeHandle } from '../serve/serve.js';
import { parseWebAddress } from '../web/http-address.js';
import { UsageError, integer, parseCommandLine } from './options.js';
import { commandUsage } from './usage.js';

export interface ServeArgs {
  listen: string[];
  msize: number;
  eve: string | undefined;
  debug: boolean;
  socketMode: number | undefined;
  noAuth: boolean;
  /** --http: where the live web view listens (docs/web.md). */
  http: string | undefined;
  /** --max-memory: the segments' memory budget in bytes (absent: half of the machine's memory). */
  maxMemory?: number;
}

const options = {
  listen: { type: 'string', short: 'l', multiple: true },
  msize: { type: 'string', short: 'm' },
  eve: { type: 'string' },
  'socket-mode': { type: 'string' },
  'no-auth': { type: 'boolean' },
  http: { type: 'string' },
  'max-memory': { type: 'string' },
  debug: { type: 'boolean', short: 'D' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses serve's arguments; throws a UsageError whose message is for the user; undefined for --help. */
export function parseServeArgs(args: readonly string[]): ServeArgs | undefined {
  const { values, positionals } = parseCommandLine('serve', args, options);
  if (values.help === true) return undefined;
  if (positionals.length > 0) throw new UsageError(`serve: unexpected argument ${JSON.stringify(positionals[0])}`);
  const listen = (values.listen as string[] | undefined) ?? [DEFAULT_ADDRESS];
  for (const l of listen) {
    try {
      parseDialString(l, { listen: true });
    } catch (e) {
      throw new UsageError(`serve: --listen: ${(e as Error).message}`);
    }
  }
  const eve = values.eve as string | undefined;
  if (eve === '') throw new UsageError('serve: --eve wants a user name');
  let socketMode: number | undefined;
  if (typeof values['socket-mode'] === 'string') {
    const m = values['socket-mode'];
    if (!/^[0-7]{1,4}$/.test(m)) throw new UsageError(`serve: --socket-mode wants octal permission bits such as 600 or 660, got ${JSON.stringify(m)}`);
    socketMode = parseInt(m, 8);
  }
  return {
    listen,
    msize: typeof values.msize === 'string' ? integer('serve', '--msize', values.msize, MIN_SERVER_MSIZE, 0xffffffff) : DEFAULT_MSIZE,
    eve,
    debug: values.debug === true,
    socketMode,
    noAuth: values['no-auth'] === true,
    http: typeof values.http === 'string' ? webAddress(values.http) : undefined,
    ...(typeof values['max-memory'] === 'string' ? { maxMemory: memorySize(values['max-memory']) } : {}),
  };
}

function memorySize(a: string): number {
  try {
    return parseMemorySize(a);
  } catch (e) {
    throw new UsageError(`serve: --max-memory: ${(e as Error).message}`);
  }
}

function webAddress(a: string): string {
  try {
    parseWebAddress(a);
  } catch (e) {
    throw new UsageError(`serve: --http: ${(e as Error).message}`);
  }
  return a;
}

/** How to mount what `address` serves, for people: complete commands that run as pasted. */
export function mountHelp(address: string): string {
  const a = parseDialString(address, { listen: true });
  const where = a.net === 'tcp' ? `trans=tcp,port=${a.port}` : 'trans=unix';
  const source = a.net === 'tcp' ? (a.host === '0.0.0.0' ? '127.0.0.1' : a.host) : a.path;
  const dial = a.net === 'tcp' ? `tcp!${source}!${a.port}` : `unix!${a.path}`;
  return [
    `mount with Linux:  mkdir -p /mnt/segment && mount -t 9p -o ${where},version=9p2000.L,cache=none ${source} /mnt/segment`,
    `or with 9pfuse:    mkdir -p /mnt/segment && 9pfuse '${dial}' /mnt/segment`,
    `the processes:     mkdir -p /mnt/proc && mount -t 9p -o ${where},version=9p2000.L,cache=none,aname=#p ${source} /mnt/proc`,
  ].join('\n');
}

/** `segfs serve …`: runs until SIGINT, SIGTERM or SIGHUP; returns the exit status. */
export async function serveCommand(args: string[]): Promise<number> {
  let o: ServeArgs | undefined;
  try {
    o = parseServeArgs(args);
  } catch (e) {
    process.stderr.write(`segfs: ${(e as Error).message}\n${commandUsage('serve')}`);
    return 2;
  }
  if (o === undefined) {
    process.stdout.write(commandUsage('serve'));
    return 0;
  }
  const open = o.listen.filter((l) => !isLoopback(parseDialString(l, { listen: true })));
  if (open.length > 0 && !o.noAuth) {
    process.stderr.write(`segfs: serve: refusing to listen on ${open.join(', ')}: 9P clients there could claim any user; give --no-auth to do it anyway\n`);
    return 2;
  }
  for (const l of open) process.stderr.write(`segfs: warning: ${l} is reachable from other machines and anyone there can attach as any user (--no-auth)\n`);
  let handle: ServeHandle | undefined;
  let web: Awaited<ReturnType<typeof import('../web/index.js').startWebView>> | undefined;
  const addresses: string[] = [];
  try {
    if (o.http !== undefined) {
      const { startWebView } = await import('../web/index.js');
      web = await startWebView({ listen: o.http, eve: o.eve ?? defaultEve(), kernel: serveKernel(o.maxMemory) });
    }
    handle = await serve({ listen: o.listen[0], msize: o.msize, eve: o.eve, debug: o.debug, socketMode: o.socketMode, dev: web?.dev, maxMemory: o.maxMemory });
    addresses.push(handle.address);
    for (const l of o.listen.slice(1)) addresses.push(await handle.server.listen(l, { socketMode: o.socketMode }));
  } catch (e) {
    process.stderr.write(`segfs: serve: ${(e as Error).message}\n`);
    await handle?.close();
    await web?.close();
    return 1;
  }
  for (const a of addresses) {
    process.stdout.write(`segfs: serving #g on ${a} (msize ${o.msize}, eve ${handle.server.eve})\n${mountHelp(a)}\n`);
  }
  if (web !== undefined) process.stdout.write(`segfs: web view on ${web.url ?? web.address}\n`);
  await new Promise<void>((resolve) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const stop = (): void => {
      for (const s of signals) process.off(s, stop);
      resolve();
    };
    for (const s of signals) process.on(s, stop);
  });
  await handle.close();
  await web?.close();
  process.stdout.write('segfs: stopped\n');
  return 0;
}
