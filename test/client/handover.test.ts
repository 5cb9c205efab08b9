// The segment handover of the in-process transport: what the #g device hands over and when it
// refuses, and the client's check that the memory is the segment its 9P open reached.

import { expect } from 'chai';
import { SegmentProcess } from '../../src/client/segment-process.js';
import type { SegmentSource } from '../../src/client/segment-handover.js';
import { Plan9Error } from '../../src/lib9/errors.js';
import { mount } from '../../src/client/mount.js';
import { EVE, freshDev, makeSegment } from './helpers.js';
import { plan9For } from '../../src/plan9/plan9-for.js';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(Plan9Error);
    return (e as Error).message;
  }
  throw new Error('expected a Plan9Error');
}

describe('segment handover', () => {
  it('hands over the memory with segattach checks: name, rw permission, address', async () => {
    const dev = freshDev();
    const ns = await mount(dev, { user: EVE });
    try {
      await ns.mkdir('noaddr');
      await makeSegment(ns, 'ex', 0x10000000, 0x3000);
      expect(refusal(() => dev.segmentMemory('', 'nosuch', EVE))).to.equal('file does not exist');
      expect(refusal(() => dev.segmentMemory('', 'ex', 'ken'))).to.equal('permission denied');
      expect(refusal(() => dev.segmentMemory('', 'noaddr', EVE))).to.equal('global segment not assigned a virtual address');
      const mem = dev.segmentMemory('', 'ex', EVE);
      const data = await ns.walk('ex/data');
      expect([mem.base, mem.size, mem.path]).to.deep.equal([0x10000000, 0x3000, data.qid.path]);
      await data.clunk();
      expect(mem.pieces.reduce((n, p) => n + p.length, 0)).to.equal(0x3000);
      const p0 = mem.pieces[0]!;
      new Uint8Array(p0.buffer, p0.offset + 0x2000, 4).set([1, 2, 3, 4]);
      expect([...(await ns.readFile('ex/data')).subarray(0x2000, 0x2004)]).to.deep.equal([1, 2, 3, 4]);
    } finally {
      await ns.close();
    }
  });

  it('refuses memory that is not the segment 9P opened (removed and re-created in between)', async () => {
    const dev = freshDev();
    const ns = await mount(dev, { user: EVE });
    try {
      await makeSegment(ns, 'ex', 0x10000000, 0x1000);
      const real = dev.segmentMemory('', 'ex', EVE);
      const stale: SegmentSource = { segmentMemory: async () => ({ ...real, path: real.path + 64n }) };
      const p = new SegmentProcess(ns.kernel, plan9For(ns.kernel).spawn({ user: EVE }), ns, stale);
      const e = await p.segattach(0, 'ex', 0, 0).then(() => undefined, (err: Error) => err);
      expect(e?.message).to.equal('global segment disappeared');
      expect(p.segmentText()).to.not.contain('Shared');
      expect(ns.client.outstanding).to.equal(0);
    } finally {
      await ns.close();
    }
  });
});
