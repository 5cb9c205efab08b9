// One authentication fid's conversation (attach(5): "the afid is used to authenticate"): made
// by Tauth for one uname, n_uname and aname; its first read gives a fresh challenge, one write
// of the proof settles it, and one Tattach for the same names may then use it. A wrong proof
// fails it for good, and a used one opens nothing more (a new Tauth starts over).

import { challengeNonce, newChallenge, proofMatches } from '../auth/proof.js';

export type AuthPhase = 'challenging' | 'authenticated' | 'failed' | 'used';

export class AuthFile {
  readonly challenge = Buffer.from(newChallenge());
  phase: AuthPhase = 'challenging';

  constructor(readonly uname: string, readonly nUname: number, readonly aname: string, readonly path: bigint) {}

  /** Checks `answer` (the proof line written to the afid) against `secret`; true when it is right. */
  prove(secret: Uint8Array, answer: string): boolean {
    if (this.phase !== 'challenging') return false;
    const nonce = challengeNonce(this.challenge.toString('latin1'))!;
    const ok = proofMatches(secret, nonce, this.uname, this.aname, answer);
    this.phase = ok ? 'authenticated' : 'failed';
    return ok;
  }

  /** Uses the afid for an attach of `uname`, `nUname`, `aname`: true once, only when proven for them. */
  admit(uname: string, nUname: number, aname: string): boolean {
    if (this.phase !== 'authenticated') return false;
    if (uname !== this.uname || nUname !== this.nUname || aname !== this.aname) return false;
    this.phase = 'used';
    return true;
  }
}
