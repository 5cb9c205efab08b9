// segattach of a mount's #g segment, with 9front's checks and errors: the same results and
// errors whether the memory was handed over (in-process) or is reached through the data file
// (tcp), and the kernel's own segattach for every other name.

import { expect } from 'chai';
import { mount } from '../../src/client/mount.js';
import { USTKTOP } from '../../src/lib9/mem.js';
import { Plan9Error } from '../../src/lib9/errors.js';
import { freshDev, makeSegment, mountOver, EVE, type TransportName } from './helpers.js';

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).to.be.instanceOf(Plan9Error);
    return (e as Error).message;
  }
  throw new Error('expected a Plan9Error');
}

const SEG = 0x10000000;

for (const t of ['in-process', 'tcp'] as TransportName[]) {
  describe(`segattach over ${t}`, () => {
    const zeroCopy = t === 'in-process';

    it('attaches at the segment address; /proc/N/segment shows it with ref 2', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x100000);
        await ns.writeFile('ex/data', 'hi mom');
        const p = ns.process();
        expect(await p.segattach(0, 'ex', 0, 0)).to.equal(SEG);
        expect(p.segmentText()).to.contain('Shared    10000000 10100000    2\n');
        expect(Buffer.from(await p.read(SEG, 6)).toString()).to.equal('hi mom');
        expect(p.isShared(SEG)).to.equal(zeroCopy);
        if (zeroCopy) expect(Buffer.from(p.bytes(SEG, 6)).toString()).to.equal('hi mom');
        else expect(() => p.bytes(SEG, 6)).to.throw(RangeError);
      } finally {
        await done();
      }
    });

    it('overlap, no address, va at USTKTOP, unknown name', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x100000);
        await ns.mkdir('noaddr');
        const p = ns.process();
        await p.segattach(0, 'ex', 0, 0);
        expect(await errorOf(p.segattach(0, 'ex', 0, 0))).to.equal('segments overlap');
        expect(await errorOf(p.segattach(0, 'noaddr', 0, 0))).to.equal('global segment not assigned a virtual address');
        expect(await errorOf(p.segattach(0, 'ex', USTKTOP, 0))).to.equal('bad arg in system call');
        expect(await errorOf(p.segattach(0, 'nosuch', 0x30000000, 0x1000))).to.equal('bad arg in system call');
      } finally {
        await done();
      }
    });

    it('a user without rw permission gets "permission denied"', async () => {
      const dev = freshDev();
      const { ns, done } = await mountOver(t, dev);
      const other = await mountOver(t, dev, { user: 'ken' });
      try {
        await makeSegment(ns, 'ex', SEG, 0x1000);
        expect(await errorOf(other.ns.process().segattach(0, 'ex', 0, 0))).to.equal('permission denied');
      } finally {
        await other.done();
        await done();
      }
    });

    it('overlap with a segment of the process itself, and a full slot table', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x2000);
        const p = ns.process();
        expect(await p.segattach(0, 'shared', SEG + 0x1000, 0x1000)).to.equal(SEG + 0x1000);
        expect(await errorOf(p.segattach(0, 'ex', 0, 0))).to.equal('segments overlap');
        const q = ns.process();
        for (let i = 0; i < 5; i++) await q.segattach(0, 'shared', 0x40000000 + i * 0x1000, 0x1000);
        expect(await errorOf(q.segattach(0, 'ex', 0, 0))).to.equal('virtual memory allocation failed');
      } finally {
        await done();
      }
    });

    it('segdetach, segbrk and segfree on an attached segment', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x2000);
        const p = ns.process();
        await p.segattach(0, 'ex', 0, 0);
        expect(await p.segbrk(SEG, 0)).to.equal(SEG);
        expect(await errorOf(p.segbrk(SEG, SEG + 0x1000))).to.equal('device or object already in use');
        await p.write(SEG + 0x1000, Buffer.from('page two'));
        expect(Buffer.from(await ns.readFile('ex/data')).subarray(0x1000, 0x1008).toString()).to.equal('page two');
        expect(await p.segfree(SEG + 0x1000, 0x1000)).to.equal(0);
        expect(Buffer.from(await ns.readFile('ex/data')).subarray(0x1000, 0x1008)).to.deep.equal(Buffer.alloc(8));
        expect(await errorOf(p.segfree(SEG, 0x3000))).to.equal('bad arg in system call');
        expect(await errorOf(p.segdetach(0x7ffffeffe000))).to.equal('bad arg in system call');
        expect(await p.segdetach(SEG + 0x400)).to.equal(0);
        expect(p.segmentText()).to.not.contain('Shared');
        expect(await errorOf(p.segdetach(SEG))).to.equal('bad arg in system call');
        // attachable again after the detach
        expect(await p.segattach(0, 'ex', 0, 0)).to.equal(SEG);
      } finally {
        await done();
      }
    });

    it('loads and stores: the server sees them, and a byte past the end faults with the note', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x1000);
        const p = ns.process();
        await p.segattach(0, 'ex', 0, 0);
        expect(await p.write(SEG + 10, Buffer.from('stored'))).to.equal(6);
        expect(Buffer.from(await ns.readFile('ex/data')).subarray(10, 16).toString()).to.equal('stored');
        expect(await errorOf(p.read(SEG + 0xffe, 4))).to.equal('sys: trap: fault read addr=0x10001000');
        expect(await errorOf(p.write(SEG + 0xfff, Buffer.from('xy')))).to.equal('sys: trap: fault write addr=0x10001000');
        expect(p.proc.notes).to.deep.equal(['sys: trap: fault read addr=0x10001000', 'sys: trap: fault write addr=0x10001000']);
      } finally {
        await done();
      }
    });

    it('the memory outlives removal of the segment from #g (open data keeps it), as 9front does', async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', SEG, 0x1000);
        const p = ns.process();
        await p.segattach(0, 'ex', 0, 0);
        await ns.remove('ex');
        await p.write(SEG, Buffer.from('still here'));
        expect(Buffer.from(await p.read(SEG, 10)).toString()).to.equal('still here');
        expect(await errorOf(ns.process().segattach(0, 'ex', 0, 0))).to.equal('bad arg in system call');
      } finally {
        await done();
      }
    });
  });
}

describe('segattach over 9P2000.L', () => {
  it('maps the errnos back to the Plan 9 strings', async () => {
    const dev = freshDev();
    const { ns, done } = await mountOver('tcp', dev, { version: '9P2000.L' });
    const other = await mountOver('tcp', dev, { user: 'ken', version: '9P2000.L' });
    try {
      await makeSegment(ns, 'ex', SEG, 0x1000);
      await ns.mkdir('noaddr');
      expect(await errorOf(ns.process().segattach(0, 'noaddr', 0, 0))).to.equal('global segment not assigned a virtual address');
      expect(await errorOf(other.ns.process().segattach(0, 'ex', 0, 0))).to.equal('permission denied');
      expect(await ns.process().segattach(0, 'ex', 0, 0)).to.equal(SEG);
    } finally {
      await other.done();
      await done();
    }
  });
});

describe('one kernel, two mounts', () => {
  it('processes of a shared kernel each attach the segment', async () => {
    const dev = freshDev();
    const a = await mount(dev, { user: EVE });
    const b = await mount(dev, { user: EVE, kernel: a.kernel });
    try {
      await makeSegment(a, 'ex', SEG, 0x1000);
      const p = a.process();
      const q = b.process();
      await p.segattach(0, 'ex', 0, 0);
      await q.segattach(0, 'ex', 0, 0);
      p.bytes(SEG, 3).set(Buffer.from('abc'));
      expect(Buffer.from(q.bytes(SEG, 3)).toString()).to.equal('abc');
      expect(q.pid).to.not.equal(p.pid);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
