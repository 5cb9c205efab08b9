// The client's half: Fsys.attach and mount() with a secret (or its file) authenticate through
// Tauth and attach; the wrong secret or none is refused; the afid is clunked either way. Over
// TCP and over a unix socket (the mount Linux would use with trans=unix needs no secret: the
// socket's mode is the access control).

import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSecretFile, readSecretFile } from '../../../src/9p/auth/secret-file.js';
import { mount } from '../../../src/client/mount.js';
import { serve, type ServeHandle } from '../../../src/serve/serve.js';

describe('9P auth: the client', () => {
  let dir: string;
  let secretFile: string;
  let secret: Buffer;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'segfs-cauth-'));
    secretFile = join(dir, 'secret');
    makeSecretFile(secretFile);
    secret = readSecretFile(secretFile);
  });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  for (const where of ['tcp', 'unix'] as const) {
    it(`${where}: mounts with the secret or its file; not without, nor with another`, async () => {
      const h: ServeHandle = await serve({ listen: where === 'tcp' ? 'tcp!127.0.0.1!0' : `unix!${join(dir, 'sock')}`, eve: 'eve', auth: { secret } });
      try {
        for (const version of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
          const ns = await mount(h.address, { user: 'glenda', secret, version });
          await ns.mkdir(`s-${version}`);
          await ns.close();
          const byFile = await mount(h.address, { user: 'glenda', secretFile, version });
          expect((await byFile.ls('/')).map((d) => d.name)).to.include(`s-${version}`);
          await byFile.close();
        }
        const none = await mount(h.address, { user: 'glenda' }).catch((e: Error) => e);
        expect((none as Error).message).to.equal('authentication required');
        const other = await mount(h.address, { user: 'glenda', secret: Buffer.alloc(32, 9) }).catch((e: Error) => e);
        expect((other as Error).message).to.equal('authentication failed');
      } finally {
        await h.close();
      }
    });
  }

  it('a secret given to a server that takes none is refused, not ignored', async () => {
    const h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'eve' });
    try {
      const e = await mount(h.address, { user: 'glenda', secret }).catch((x: Error) => x);
      expect((e as Error).message).to.equal('authentication not required');
    } finally {
      await h.close();
    }
  });
});
