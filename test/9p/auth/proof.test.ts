// The authentication scheme's pieces: challenges are fresh, a proof binds secret, nonce, uname
// and aname, and a secret file that others could read is refused.

import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { challengeNonce, newChallenge, proof, proofMatches } from '../../../src/9p/auth/proof.js';
import { makeSecretFile, readSecretFile } from '../../../src/9p/auth/secret-file.js';

describe('9P auth: segfs-hmac-sha256', () => {
  const secret = Buffer.alloc(32, 7);

  it('hands out a fresh challenge every time', () => {
    const a = newChallenge();
    const b = newChallenge();
    expect(a).to.match(/^segfs-hmac-sha256 [0-9a-f]{64}\n$/);
    expect(a).to.not.equal(b);
    expect(challengeNonce(a)).to.equal(a.slice(18, 82));
    expect(challengeNonce('p9any v.2 foo')).to.equal(undefined);
  });

  it('accepts exactly the proof for that secret, nonce, uname and aname', () => {
    const n = challengeNonce(newChallenge())!;
    const p = proof(secret, n, 'glenda', '#g');
    expect(proofMatches(secret, n, 'glenda', '#g', p)).to.equal(true);
    expect(proofMatches(secret, n, 'glenda', '#g', `${p}\n`)).to.equal(true);
    expect(proofMatches(secret, n, 'eve', '#g', p)).to.equal(false);
    expect(proofMatches(secret, n, 'glenda', '#p', p)).to.equal(false);
    expect(proofMatches(Buffer.alloc(32, 8), n, 'glenda', '#g', p)).to.equal(false);
    expect(proofMatches(secret, challengeNonce(newChallenge())!, 'glenda', '#g', p)).to.equal(false);
    expect(proofMatches(secret, n, 'glenda', '#g', p.slice(1))).to.equal(false);
    expect(proofMatches(secret, n, 'glenda', '#g', '')).to.equal(false);
  });

  describe('the secret file', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'segfs-secret-')); });
    afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

    it('is made 0600 with 32 random bytes, and never over an existing file', () => {
      const f = join(dir, 's');
      makeSecretFile(f);
      expect(statSync(f).mode & 0o777).to.equal(0o600);
      expect(readFileSync(f, 'utf8')).to.match(/^[0-9a-f]{64}\n$/);
      expect(readSecretFile(f)).to.have.length(32);
      expect(() => makeSecretFile(f)).to.throw(/EEXIST/);
    });

    it('is refused when others may read it, when missing, or when it holds too little', () => {
      const f = join(dir, 's');
      writeFileSync(f, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
      chmodSync(f, 0o644);
      expect(() => readSecretFile(f)).to.throw(`${f}: others may read or write it (mode 644); chmod 600 it`);
      chmodSync(f, 0o600);
      expect(readSecretFile(f).equals(Buffer.alloc(32, 0xab))).to.equal(true);
      writeFileSync(f, 'abcd\n');
      expect(() => readSecretFile(f)).to.throw(/at least 64 hex digits/);
      expect(() => readSecretFile(join(dir, 'none'))).to.throw(/no such secret file/);
    });
  });
});
