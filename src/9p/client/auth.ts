// The client's half of segfs's authentication (docs/security.md): Tauth for the uname and
// aname it will attach with, read the challenge from the afid, write back the proof under
// the shared secret. The afid is then handed to Tattach, and clunked after it.

import { challengeNonce, proof } from '../auth/proof.js';
import { MsgType } from '../codec/msg-type.js';
import type { Rauth, Rread, Rwrite } from '../codec/types.js';
import type { Client } from './client.js';

/** Longest challenge line read from the afid. */
const CHALLENGE_MAX = 256;

/**
 * Authenticates `uname` for `aname` with `secret`; resolves with the afid to attach with (the
 * caller clunks it afterwards). Rejects with the server's error (`authentication not
 * required` from a server without a secret, `authentication failed` for a wrong secret).
 */
export async function authenticate(client: Client, secret: Uint8Array, uname: string, aname: string,
  nUname: number | undefined, signal?: AbortSignal): Promise<number> {
  const afid = client.fids.alloc();
  try {
    await client.rpc<Rauth>({ type: MsgType.Tauth, afid, uname, aname, nUname }, signal);
  } catch (e) {
    client.fids.free(afid);
    throw e;
  }
  try {
    const r = await client.rpc<Rread>({ type: MsgType.Tread, fid: afid, offset: 0n, count: CHALLENGE_MAX }, signal);
    const nonce = challengeNonce(Buffer.from(r.data).toString('latin1'));
    if (nonce === undefined) throw new Error('authentication: the server speaks another scheme than segfs-hmac-sha256');
    const line = Buffer.from(`${proof(secret, nonce, uname, aname)}\n`);
    await client.rpc<Rwrite>({ type: MsgType.Twrite, fid: afid, offset: 0n, data: line }, signal);
    return afid;
  } catch (e) {
    await clunkAfid(client, afid);
    throw e;
  }
}

/** Clunks an afid, whatever the server answers. */
export async function clunkAfid(client: Client, afid: number): Promise<void> {
  try {
    await client.rpc({ type: MsgType.Tclunk, fid: afid });
  } catch {
    // clunk(5): the fid is gone whatever the answer
  }
  client.fids.free(afid);
}
