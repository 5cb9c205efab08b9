// segfs's 9P authentication, run over an afid (attach(5): "the afid is used to authenticate"):
// the server hands out a challenge on the first read of the afid, the client writes back an
// HMAC-SHA256 of it under the shared secret, bound to the uname and aname it will attach
// with. A secret never crosses the wire, a challenge is never reused, and a proof for one
// (uname, aname) does not open another.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The scheme's name, the first word of a challenge. */
export const AUTH_SCHEME = 'segfs-hmac-sha256';

/** Plan 9's answer for a failed authentication. */
export const Eauthfailed = 'authentication failed';
/** What an attach without authentication gets from a server that requires it. */
export const Eauthrequired = 'authentication required';

/** A fresh challenge line: the scheme and 32 random bytes in hex. */
export function newChallenge(): string {
  return `${AUTH_SCHEME} ${randomBytes(32).toString('hex')}\n`;
}

/** The nonce of a challenge line; undefined if it is not one of this scheme. */
export function challengeNonce(line: string): string | undefined {
  const m = /^segfs-hmac-sha256 ([0-9a-f]{64})\n?$/.exec(line);
  return m?.[1];
}

/** The proof for `nonce`, `uname` and `aname` under `secret`, in hex (64 characters). */
export function proof(secret: Uint8Array, nonce: string, uname: string, aname: string): string {
  return createHmac('sha256', secret).update(`${AUTH_SCHEME}\0${nonce}\0${uname}\0${aname}`).digest('hex');
}

/** True when `answer` (as written, a trailing newline allowed) is the right proof; in constant time. */
export function proofMatches(secret: Uint8Array, nonce: string, uname: string, aname: string, answer: string): boolean {
  const want = Buffer.from(proof(secret, nonce, uname, aname));
  const got = Buffer.from(answer.replace(/\n$/, ''));
  return got.length === want.length && timingSafeEqual(got, want);
}
