// segfs serve's default export: #g and #p of ONE kernel behind one server (src/serve/serve.ts).
// A segment made through #g files is the segment a process made through #p attaches.

import { expect } from 'chai';
import { serve, type ServeHandle } from '../../src/serve/serve.js';
import { mount } from '../../src/client/mount.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString();

describe('segfs serve exports #g and #p of one kernel', () => {
  let h: ServeHandle;
  before(async () => {
    h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
  });
  after(async () => {
    await h.close();
  });

  it('answers aname "" with #g and "#p" with the proc device', async () => {
    const g = await mount(h.address, { user: 'glenda' });
    const p = await mount(h.address, { user: 'glenda', aname: '#p' });
    try {
      expect((await g.ls('.')).map((d) => d.name)).to.deep.equal([]);
      expect((await p.ls('.')).map((d) => d.name)).to.include.members(['clone', 'help']);
    } finally {
      await g.close();
      await p.close();
    }
  });

  it('lets a #p process segattach a segment made through #g files', async () => {
    const g = await mount(h.address, { user: 'glenda' });
    const p = await mount(h.address, { user: 'glenda', aname: '#p' });
    try {
      await g.mkdir('ex');
      await g.writeFile('ex/ctl', 'va 0x10000000 0x100000');
      await g.writeFile('ex/data', 'hi mom');
      const pid = text(await p.readFile('clone')).trim();
      expect(pid).to.match(/^[0-9]+$/);
      await p.writeFile(`${pid}/ctl`, 'spawn plan9');
      const child = text(await p.readFile(`${pid}/ctl`)).match(/[0-9]+/)?.[0];
      expect(child, 'spawn plan9 reports the new pid').to.be.a('string');
      await p.writeFile(`${child}/ctl`, 'segattach 0 ex 0 0');
      expect(text(await p.readFile(`${child}/ctl`))).to.contain('0x10000000');
      await p.writeFile(`${child}/ctl`, 'memread 0x10000000 6');
      expect(text(await p.readFile(`${child}/ctl`))).to.contain(Buffer.from('hi mom').toString('hex'));
      // ref 3: the #g table, this process, and the data-I/O kproc that the write through
      // ex/data started (9front's devsegment.c: segio's kproc holds the segment once started).
      expect(text(await p.readFile(`${child}/segment`))).to.match(/^Shared {4}10000000 10100000 {4}3$/m);
    } finally {
      await g.close();
      await p.close();
    }
  });
});
