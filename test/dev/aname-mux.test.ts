// #g and #p of one kernel on one 9P server through AnameMux: a segment made in #g is attached
// by a Plan 9 process driven through #p, and both trees see the same memory.

import { expect } from 'chai';
import { AnameMux, ProcDev } from '../../src/devproc/index.js';
import { SegmentDev } from '../../src/devseg/index.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { pairWith } from '../helpers/ninep-wire.js';

const EVE = 'eve';

describe('AnameMux: #g and #p on one server', () => {
  it('routes attach by aname and every later call to the chan’s device', async () => {
    const kernel = new Kernel();
    const g = new SegmentDev(kernel, EVE);
    const p = new ProcDev(kernel, EVE);
    const mux = new AnameMux(g, [p]);
    expect(mux.anames).to.deep.equal(['', '/', '#g', '#p']);
    const { client: w, server } = pairWith(mux, '9P2000', { anames: mux.anames, eve: EVE });
    try {
      await w.version(65536);
      const groot = await w.root('glenda', '#g');
      const proot = await w.root('glenda', '#p');
      expect(await w.fails(w.root('glenda', '#x'))).to.equal('file does not exist');

      const dir = await w.walkTo(groot, '');
      await w.create(dir, 'buf', (DMDIR | 0o777) >>> 0, OREAD);
      const gctl = await w.openPath(groot, 'buf/ctl', OWRITE);
      await w.write(gctl, 0, 'va 0x10000000 0x1000');

      const ctl = await w.openPath(proot, 'clone', ORDWR);
      const parent = Number(await w.readText(ctl));
      await w.write(ctl, 0, 'spawn plan9');
      const pid = Number(/^pid (\d+)/.exec(await w.readText(ctl))![1]);
      expect(await w.ctl(proot, `${pid}/ctl`, 'segattach 0 buf 0 0')).to.equal('0x10000000\n');
      expect(await w.ctl(proot, `${pid}/ctl`, "memwrite 0x10000000 'via #p'")).to.equal('6\n');
      const data = await w.openPath(groot, 'buf/data', OREAD);
      expect(await w.readText(data, 0, 6)).to.equal('via #p');
      const seg = await w.openPath(proot, `${pid}/segment`, OREAD);
      expect(await w.readText(seg)).to.match(/\nShared    10000000 10001000    \d\n$/);
      expect((await w.stat(await w.walkTo(proot, String(parent)))).type).to.equal('p'.charCodeAt(0));
      expect((await w.stat(await w.walkTo(groot, 'buf'))).type).to.equal('g'.charCodeAt(0));
    } finally {
      await server.close();
    }
  });

  it('refuses two devices with one letter', () => {
    const k = new Kernel();
    expect(() => new AnameMux(new ProcDev(k, EVE), [new ProcDev(k, EVE)])).to.throw(RangeError);
  });
});
