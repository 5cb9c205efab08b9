// What a client command says when it cannot reach or talk to a server: the address and, where
// it helps, a hint — a timeout says how long it waited; a server that wants (or does not
// take) authentication says which flag to give or drop; a dialect mismatch says which dialects
// the server does speak (each asked with one Tversion of its own).

import { DIALECTS, type Dialect } from '../9p/codec/dialect.js';
import { Client } from '../9p/client/client.js';
import { dial } from '../transport/dial.js';

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || /aborted/.test(e.message));
}

/** True when the failure looks like the server and the client disagree on the dialect. */
function isDialectTrouble(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return code === 'EVERSION' || (code === 'EPROTO' && /unknown message type|undecodable/.test((e as Error).message));
}

/** The dialects `addr` answers a Tversion for, each asked on a connection of its own. */
export async function dialectsSpoken(addr: string, timeoutMs = 2000): Promise<Dialect[]> {
  const spoken: Dialect[] = [];
  for (const d of DIALECTS) {
    try {
      const c = await Client.connect(await dial(addr), { version: d, msize: 8192, signal: AbortSignal.timeout(timeoutMs) });
      if (c.dialect === d) spoken.push(d);
      c.close();
    } catch {
      // not this one
    }
  }
  return spoken;
}

/** An Error whose message says what went wrong reaching `addr`, with a hint. */
export async function describeFailure(e: unknown, o: { addr: string; timeoutMs?: number; dialect?: Dialect }): Promise<Error> {
  if (o.timeoutMs !== undefined && isTimeout(e)) return new Error(`${o.addr}: no answer within ${o.timeoutMs / 1000} s`);
  // a system call's failure (dialing), not a server's answer, which carries an errno name too
  const code = (e as NodeJS.ErrnoException).syscall === undefined ? undefined : (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return new Error(`${o.addr}: connection refused (is segfs serve running there?)`);
  if (code === 'ENOENT') return new Error(`${o.addr}: no such socket`);
  const msg = e instanceof Error ? e.message : '';
  if (msg === 'authentication required') return new Error(`${o.addr}: authentication required: give -a PATH, the server's secret file`);
  if (msg === 'authentication not required') return new Error(`${o.addr}: the server takes no authentication: leave out -a`);
  if (isDialectTrouble(e)) {
    const asked = o.dialect ?? '9P2000';
    const spoken = await dialectsSpoken(o.addr);
    const hint = spoken.length === 0 ? 'it answers none of 9P2000, 9P2000.u, 9P2000.L' : `it speaks ${spoken.join(', ')}: try -V ${spoken[spoken.length - 1]}`;
    return new Error(`${o.addr}: the server does not speak ${asked} (${hint})`);
  }
  return e instanceof Error ? e : new Error(String(e));
}
