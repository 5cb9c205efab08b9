// segfs serve: #g and #p of one kernel over 9P on one or more addresses until SIGINT, SIGTERM
// or SIGHUP. Only loopback and unix sockets unless told otherwise: without --auth-file anyone
// who can connect can claim to be anyone, so another address needs --auth-file (attaches
// must prove the secret, docs/security.md) or an explicit --no-auth, warned about every start.

import { DEFAULT_ADDRESS, parseDialString, isLoopback } from '../transport/dial-string.js';
import {
  DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_FIDS, DEFAULT_MSIZE, MIN_SERVER_MSIZE, defaultEve, parseMemorySize, serve, serveKernel, type ServeHandle,
} from '../serve/serve.js';
import { makeSecretFile, readSecretFile } from '../9p/auth/secret-file.js';
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
  /** --auth-file: the shared secret attaches must prove (docs/security.md). */
  authFile: string | undefined;
  /** --new-secret: make the auth file first. */
  newSecret: boolean;
  /** --max-conns: connections served at once. */
  maxConns: number;
  /** --max-fids: fids per connection. */
  maxFids: number;
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
  'auth-file': { type: 'string', short: 'a' },
  'new-secret': { type: 'boolean' },
  'max-conns': { type: 'string' },
  'max-fids': { type: 'string' },
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
  const authFile = values['auth-file'] as string | undefined;
  if (authFile === '') throw new UsageError('serve: --auth-file wants a path');
  const newSecret = values['new-secret'] === true;
  if (newSecret && authFile === undefined) throw new UsageError('serve: --new-secret needs --auth-file PATH to write the secret to');
  const noAuth = values['no-auth'] === true;
  if (noAuth && authFile !== undefined) throw new UsageError('serve: --no-auth and --auth-file contradict each other');
  return {
    listen,
    msize: typeof values.msize === 'string' ? integer('serve', '--msize', values.msize, MIN_SERVER_MSIZE, 0xffffffff) : DEFAULT_MSIZE,
    eve,
    debug: values.debug === true,
    socketMode,
    noAuth,
    authFile,
    newSecret,
    maxConns: typeof values['max-conns'] === 'string' ? integer('serve', '--max-conns', values['max-conns'], 1, 1 << 20) : DEFAULT_MAX_CONNECTIONS,
    maxFids: typeof values['max-fids'] === 'string' ? integer('serve', '--max-fids', values['max-fids'], 2, 1 << 24) : DEFAULT_MAX_FIDS,
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

/**
 * How to mount what `address` serves, for people: complete commands that run as pasted. With
 * authentication on, the one client that can: segfs's own.
 */
export function mountHelp(address: string, authFile?: string): string {
  const a = parseDialString(address, { listen: true });
  if (authFile !== undefined) {
    const dial = a.net === 'tcp' ? `tcp!${a.host === '0.0.0.0' ? '127.0.0.1' : a.host}!${a.port}` : `unix!${a.path}`;
    return [
      `attaches must authenticate: segfs ls -a ${authFile} '${dial}' /`,
      'Linux v9fs and 9pfuse cannot authenticate to segfs: serve them on a unix socket or loopback (docs/security.md)',
    ].join('\n');
  }
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
  if (open.length > 0 && !o.noAuth && o.authFile === undefined) {
    process.stderr.write(`segfs: serve: refusing to listen on ${open.join(', ')}: 9P clients there could claim any user; give --auth-file PATH to require a secret, or --no-auth to do it anyway\n`);
    return 2;
  }
  if (o.noAuth) {
    for (const l of open) process.stderr.write(`segfs: warning: ${l} is reachable from other machines and anyone there can attach as any user (--no-auth)\n`);
  }
  let secret: Buffer | undefined;
  if (o.authFile !== undefined) {
    try {
      if (o.newSecret) makeSecretFile(o.authFile);
      secret = readSecretFile(o.authFile);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`segfs: serve: ${code === 'EEXIST' ? `${o.authFile} exists already; leave out --new-secret to use it` : (e as Error).message}\n`);
      return 1;
    }
  }
  let handle: ServeHandle | undefined;
  let web: Awaited<ReturnType<typeof import('../web/index.js').startWebView>> | undefined;
  const addresses: string[] = [];
  try {
    if (o.http !== undefined) {
      const { startWebView } = await import('../web/index.js');
      web = await startWebView({ listen: o.http, eve: o.eve ?? defaultEve(), kernel: serveKernel(o.maxMemory) });
    }
    handle = await serve({
      listen: o.listen[0], msize: o.msize, eve: o.eve, debug: o.debug, socketMode: o.socketMode, dev: web?.dev,
      auth: secret === undefined ? undefined : { secret }, maxConnections: o.maxConns, maxFids: o.maxFids, maxMemory: o.maxMemory,
    });
    addresses.push(handle.address);
    for (const l of o.listen.slice(1)) addresses.push(await handle.server.listen(l, { socketMode: o.socketMode }));
  } catch (e) {
    process.stderr.write(`segfs: serve: ${(e as Error).message}\n`);
    await handle?.close();
    await web?.close();
    return 1;
  }
  for (const a of addresses) {
    const auth = o.authFile === undefined ? '' : ', authentication required';
    process.stdout.write(`segfs: serving #g on ${a} (msize ${o.msize}, eve ${handle.server.eve}${auth})\n${mountHelp(a, o.authFile)}\n`);
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
