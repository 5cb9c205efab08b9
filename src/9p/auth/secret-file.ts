// The shared secret of segfs's authentication, kept in a file only its owner can read: one
// line of at least 32 random bytes in hex. A file that others may read is refused, as ssh
// refuses a private key with loose permissions.

import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Bytes of a new secret. */
const SECRET_BYTES = 32;

/**
 * Reads the secret in `path`. Throws an Error naming the file when it is missing, readable or
 * writable by others than its owner, or too short.
 */
export function readSecretFile(path: string): Buffer {
  let text: string;
  try {
    const st = fstatSyncOf(path);
    if ((st.mode & 0o077) !== 0) {
      throw new Error(`${path}: others may read or write it (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`);
    }
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path}: no such secret file (segfs serve --auth-file ${path} --new-secret makes one)`);
    throw e;
  }
  if (!/^[0-9a-fA-F]{64,}$/.test(text)) throw new Error(`${path}: want one line of at least 64 hex digits`);
  return Buffer.from(text, 'hex');
}

function fstatSyncOf(path: string): { mode: number } {
  const fd = openSync(path, 'r');
  try {
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a new secret file at `path` with mode 0600; throws if the file exists. */
export function makeSecretFile(path: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(SECRET_BYTES).toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
}
