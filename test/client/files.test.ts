// File operations against a general file server (the ramfs example) in each
// dialect: files created and grown across many messages, deep walks split at 16 names,
// directories listed over several reads, rename by wstat; and segattach on a server whose
// tree merely has the #g shape, which must go through 9P since there is no memory to hand over.

import { expect } from 'chai';
import { RamFs } from '../../examples/ramfs.js';
import { NinepError } from '../../src/9p/client/errors.js';
import { DMDIR, ORDWR, OREAD } from '../../src/lib9/modes.js';
import { serve } from '../../src/serve/serve.js';
import { mount } from '../../src/client/mount.js';
import { EVE } from './helpers.js';

for (const version of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
  describe(`files over ${version}`, () => {
    it('create, a 3 MiB file in 64 KiB messages, deep walks, a 150-entry directory, remove', async () => {
      const h = await serve({ dev: new RamFs(EVE), listen: 'tcp!127.0.0.1!0', eve: EVE });
      const ns = await mount(h.address, { user: EVE, version, msize: 65536 });
      try {
        const big = Buffer.alloc(3 << 20);
        for (let i = 0; i < big.length; i += 4) big.writeUInt32LE(i, i);
        const f = await ns.create('big', 0o644, ORDWR);
        expect(f.opened).to.equal(true);
        expect(await f.writeAt(0, big)).to.equal(big.length);
        await f.clunk();
        expect(Buffer.compare(Buffer.from(await ns.readFile('big')), big)).to.equal(0);
        expect((await ns.stat('big')).length).to.equal(BigInt(big.length));

        const deep = Array.from({ length: 20 }, (_, i) => `d${i}`);
        for (let i = 1; i <= deep.length; i++) await ns.mkdir(deep.slice(0, i).join('/'));
        await (await ns.create(`${deep.join('/')}/leaf`, 0o644, ORDWR)).clunk();
        expect((await ns.stat(`${deep.join('/')}/leaf`)).name).to.equal('leaf');
        const leafDir = await ns.walk(deep.join('/'));
        expect(leafDir.isDir).to.equal(true);
        expect(leafDir.name).to.equal('d19');
        await leafDir.clunk();
        const miss = await ns.walk([...deep.slice(0, 17), 'nope'].join('/')).then(() => undefined, (e: unknown) => e);
        expect(miss).to.be.instanceOf(NinepError);

        const dir = await ns.create('many', DMDIR | 0o755, OREAD);
        await dir.clunk();
        for (let i = 0; i < 150; i++) await (await ns.create(`many/file-with-a-longish-name-${i}`, 0o644, ORDWR)).clunk();
        const names = (await ns.ls('many')).map((d) => d.name);
        expect(names.length).to.equal(150);
        expect(new Set(names).size).to.equal(150);
        expect((await ns.ls('many')).every((d) => (d.mode & DMDIR) === 0)).to.equal(true);
        expect(((await ns.ls('/')).find((d) => d.name === 'many')!.mode & DMDIR) !== 0).to.equal(true);

        if (version === '9P2000.L') {
          const e = await ns.wstat('big', { name: 'renamed' }).then(() => undefined, (err: NinepError) => err);
          expect(e?.errno).to.equal(95);
        } else {
          await ns.wstat('big', { name: 'renamed' });
          expect((await ns.stat('renamed')).length).to.equal(BigInt(big.length));
        }
        await ns.remove(version === '9P2000.L' ? 'big' : 'renamed');
        const gone = await ns.stat('big').then(() => undefined, (err: unknown) => err);
        expect(gone).to.be.instanceOf(NinepError);
      } finally {
        await ns.close();
        await h.close();
      }
    });
  });
}

describe('segattach on a server that only has the #g shape', () => {
  it('reads ctl and goes through data even in-process, since there is no memory to hand over', async () => {
    const ns = await mount(new RamFs(EVE), { user: EVE });
    try {
      await ns.mkdir('fake');
      await (await ns.create('fake/ctl', 0o660, ORDWR)).clunk();
      await ns.writeFile('fake/ctl', 'va 0x30000000 0x2000\n');
      await (await ns.create('fake/data', 0o660, ORDWR)).clunk();
      await ns.writeFile('fake/data', Buffer.alloc(0x2000));
      const p = ns.process();
      expect(await p.segattach(0, 'fake', 0, 0)).to.equal(0x30000000);
      expect(p.isShared(0x30000000)).to.equal(false);
      await p.write(0x30001000, Buffer.from('through data'));
      expect(Buffer.from(await ns.readFile('fake/data')).subarray(0x1000, 0x100c).toString()).to.equal('through data');
    } finally {
      await ns.close();
    }
  });
});
