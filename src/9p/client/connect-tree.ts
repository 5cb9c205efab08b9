// The file-level half of mounting a 9P server: negotiate on a connected stream, authenticate
// when given a secret, attach the tree. What a command that only moves files needs, without
// the kernel and Plan 9 processes that mount() adds for segattach.

import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import { Client, type ClientOptions } from './client.js';
import { Fsys } from './fsys.js';

/** Options of connectTree (and of mount, which extends them). */
export interface TreeOptions extends ClientOptions {
  /** The user to attach as (uname). Default: the user running the process. */
  user?: string;
  /** The tree to attach (aname). Default ''. */
  aname?: string;
  /** The server's shared secret: authenticate through Tauth before attaching (docs/security.md). */
  secret?: Uint8Array;
  /** A file holding that secret (mode 0600, as `segfs serve --new-secret` makes it); read at mount. */
  secretFile?: string;
}

/**
 * The user running this process, the default uname.
 * @returns the login name, or 'none' when the system has none for this uid
 */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'none';
  }
}

/**
 * Speaks 9P on `stream`: Tversion, Tauth when a secret is given, Tattach. On failure the
 * stream is closed.
 * @param stream - a connected duplex stream (a socket from dial, a PortStream)
 * @param o - version, msize, user, aname, secret, signal, trace
 * @returns the attached tree
 * @throws NinepError: the server's refusal (code 'EACCES' for `authentication failed`, …) or
 *   'EVERSION'/'ECLOSED'; Error naming the secret file when it cannot be read
 */
export async function connectTree(stream: Duplex, o: TreeOptions = {}): Promise<Fsys> {
  let secret: Uint8Array | undefined;
  try {
    secret = o.secret ?? (o.secretFile === undefined ? undefined : (await import('../auth/secret-file.js')).readSecretFile(o.secretFile));
  } catch (e) {
    stream.destroy();
    throw e;
  }
  const client = await Client.connect(stream, o);
  try {
    return await Fsys.attach(client, o.user ?? currentUser(), o.aname ?? '', undefined, o.signal, secret);
  } catch (e) {
    client.close();
    throw e;
  }
}
