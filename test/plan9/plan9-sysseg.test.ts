// Rows 40–58 of the segattach table (9front amd64): the segattach family of the kernel's
// Plan 9 layer, with #g segments made through the device. Every rejected call is
// checked to leave the whole state (core mappings, shadows, slots, /proc text, #g table,
// segment bytes) exactly as it was.

import { expect } from 'chai';
import {
  Ebadarg, Einuse, Enova, Enovmem, Eperm, Esoverlap,
} from '../../src/lib9/errors.js';
import { USTKTOP } from '../../src/lib9/mem.js';
import { SG_CEXEC, SG_RONLY } from '../../src/plan9/constants.js';
import { E, O, U, World, errOf, lineAt } from './plan9-fixture.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe('plan9 segattach family, rows 40–58', () => {
  let w: World;
  beforeEach(() => {
    w = new World();
  });

  it('row 40: attaching #g/ex returns its va; /proc shows it Shared with ref 2', () => {
    w.global('ex');
    const p = w.proc(U);
    expect(p.segattach(0, 'ex', 0, 0)).to.equal(0x10000000);
    expect(lineAt(p, 0x10000000)).to.equal('Shared    10000000 10100000    2');
    expect(errOf(() => w.plan9.segattach(p.pid, 0, 'ex', 0x1234, 99))).to.equal(Esoverlap);
  });

  it('row 41: attaching the same #g segment twice in one process overlaps', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    w.rejects(Esoverlap, () => p.segattach(0, 'ex', 0, 0));
  });

  it('row 42: an unallocated #g segment has no address to attach at', () => {
    w.global('ex', null);
    const p = w.proc(U);
    w.rejects(Enova, () => p.segattach(0, 'ex', 0, 0));
  });

  it('row 43: another user cannot attach a 0660 segment; eve can (group bits)', () => {
    w.global('ex');
    const o = w.proc(O);
    w.rejects(Eperm, () => o.segattach(0, 'ex', 0, 0));
    expect(w.proc(E).segattach(0, 'ex', 0, 0)).to.equal(0x10000000);
  });

  it('row 43: attaching needs read and write permission (perm checked before allocation)', () => {
    w.global('ro', null);
    w.dev.wstat(w.dev.walk(w.dev.attach('', U), ['ro', 'ctl']).chan!, { mode: 0o444 });
    const p = w.proc(U);
    w.rejects(Eperm, () => p.segattach(0, 'ro', 0, 0));
  });

  it('row 44: va at USTKTOP is bad arg even for a #g segment', () => {
    w.global('ex');
    const p = w.proc(U);
    w.rejects(Ebadarg, () => p.segattach(0, 'ex', USTKTOP, 0));
  });

  it('row 45: an unknown class is bad arg', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segattach(0, 'nosuch', 0x30000000, 0x1000));
  });

  it('row 46: an unaligned va is rounded down and the length grows to cover it', () => {
    const p = w.proc();
    expect(p.segattach(0, 'shared', 0x20000800, 0x1000)).to.equal(0x20000000);
    expect(lineAt(p, 0x20000000)).to.equal('Shared    20000000 20002000    1');
  });

  it('row 47: length 0 is bad arg', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segattach(0, 'shared', 0, 0));
  });

  it('row 48: va 0 places segments downwards from the stack', () => {
    const p = w.proc();
    expect(p.segattach(0, 'shared', 0, 0x100000)).to.equal(0x7ffffeeff000);
    expect(p.segattach(0, 'memory', 0, 0x100000)).to.equal(0x7ffffedff000);
    expect(lineAt(p, 0x7ffffedff000)).to.equal('Bss       7ffffedff000 7ffffeeff000    1');
  });

  it('row 49: a sixth attach with LSEG and SEG1–SEG4 full is virtual memory allocation failed', () => {
    const p = w.proc();
    for (let i = 0; i < 5; i++) p.segattach(0, 'shared', 0x30000000 + i * 0x10000, 0x1000);
    w.rejects(Enovmem, () => p.segattach(0, 'shared', 0x40000000, 0x1000));
    w.global('ex');
    w.rejects(Enovmem, () => p.segattach(0, 'ex', 0, 0));
  });

  it('row 50: a segment running past USTKTOP is bad arg', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segattach(0, 'shared', USTKTOP - 0x1000, 0x2000));
  });

  it('row 51: SG_RONLY shows R in /proc, and a store faults with the note', () => {
    const p = w.proc();
    expect(p.segattach(SG_RONLY, 'shared', 0x30000000, 0x1000)).to.equal(0x30000000);
    expect(lineAt(p, 0x30000000)).to.equal('Shared R  30000000 30001000    1');
    expect(w.plan9.store(p.pid, 0x30000000, bytes('x'))).to.equal('sys: trap: fault write addr=0x30000000');
    expect(p.notes).to.deep.equal(['sys: trap: fault write addr=0x30000000']);
    expect(errOf(() => p.write(0x30000ffe, bytes('abc')))).to.equal('sys: trap: fault write addr=0x30000ffe');
    expect([...p.read(0x30000000, 2)]).to.deep.equal([0, 0]);
  });

  it('row 51: a store that runs off a writable segment faults at the first unmapped byte', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    expect(w.plan9.store(p.pid, 0x30000ffe, bytes('abcd'))).to.equal('sys: trap: fault write addr=0x30001000');
    expect(w.plan9.load(p.pid, 0x50000000, 1)).to.equal('sys: trap: fault read addr=0x50000000');
    expect([...p.read(0x30000ffe, 2)]).to.deep.equal([0, 0]);
  });

  it('row 52: segdetach refuses the stack and unmapped addresses; detaches by any address inside', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    w.rejects(Ebadarg, () => p.segdetach(0x7ffffffff000 - 8));
    w.rejects(Ebadarg, () => p.segdetach(0x50000000));
    expect(p.segdetach(0x10000400)).to.equal(0);
    expect(lineAt(p, 0x10000000)).to.equal(undefined);
    expect(w.plan9.segments.globals.find('ex')!.s!.ref).to.equal(1);
  });

  it('row 52: text, data and bss can be detached', () => {
    const p = w.proc();
    p.segdetach(0x200000);
    p.segdetach(0x400000);
    p.segdetach(0x402000);
    expect(p.segmentText()).to.equal('Stack     7ffffefff000 7ffffffff000    1\n');
    expect(p.segattach(0, 'memory', 0x200000, 0x1000)).to.equal(0x200000);
    expect(p.segmentText().split('\n')[1]).to.equal('Bss         200000   201000    1');
  });

  it('row 53: segbrk with 0 gives the base; an attached #g segment cannot shrink; text cannot brk', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    expect(p.segbrk(0x10000000, 0)).to.equal(0x10000000);
    w.rejects(Einuse, () => p.segbrk(0x10000000, 0x10080000));
    w.rejects(Ebadarg, () => p.segbrk(0x200000, 0x300000));
    w.rejects(Ebadarg, () => p.segbrk(0x400000, 0x500000));
    w.rejects(Ebadarg, () => p.segbrk(0x7ffffffff000 - 8, 0));
    w.rejects(Ebadarg, () => p.segbrk(0x50000000, 0));
  });

  it('row 53 (note): once removed from #g and attached only here, a #g segment can shrink', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    w.removeGlobal('ex');
    expect(lineAt(p, 0x10000000)).to.equal('Shared    10000000 10100000    1');
    expect(p.segbrk(0x10000000, 0x10080000)).to.equal(0);
    expect(lineAt(p, 0x10000000)).to.equal('Shared    10000000 10080000    1');
    expect(errOf(() => p.read(0x10080000, 1))).to.equal('sys: trap: fault read addr=0x10080000');
  });

  it('row 53: growing a #g segment grows it for everyone, and data with it', () => {
    w.global('ex', '0x10000000 0x1000');
    const a = w.proc(U);
    const b = w.proc(U);
    a.segattach(0, 'ex', 0, 0);
    b.segattach(0, 'ex', 0, 0);
    expect(a.segbrk(0x10000000, 0x10002800)).to.equal(0);
    expect(lineAt(b, 0x10000000)).to.equal('Shared    10000000 10003000    3');
    b.write(0x10002000, bytes('grown'));
    const d = w.data('ex');
    const buf = new Uint8Array(5);
    expect(w.dev.read(d, buf, 0x2000)).to.equal(5);
    expect(Buffer.from(buf).toString()).to.equal('grown');
    expect(w.dev.stat(w.dev.walk(w.dev.attach('', U), ['ex', 'data']).chan!).length).to.equal(0x3000n);
  });

  it('row 53: growing a #g segment into another holder\'s segment overlaps and changes nothing (deviation)', () => {
    w.global('ex', '0x10000000 0x1000');
    const a = w.proc(U);
    const b = w.proc(U);
    const c = w.proc(U);
    a.segattach(0, 'ex', 0, 0);
    b.segattach(0, 'ex', 0, 0);
    c.segattach(0, 'ex', 0, 0);
    c.segattach(0, 'memory', 0x10002000, 0x1000);
    w.rejects(Esoverlap, () => a.segbrk(0x10000000, 0x10003000));
    // a core mapping made outside Plan 9 in the way: the core refuses, the holders done are undone
    expect(w.kernel.segAlloc(c.pid, 0, 0x10001000, 0x1000, 3)).to.equal(0x10001000);
    c.segdetach(0x10002000);
    w.rejects(Esoverlap, () => a.segbrk(0x10000000, 0x10003000));
    expect(b.segbrk(0x10000000, 0x10000800)).to.equal(0);
  });

  it('row 53: growing into another segment overlaps; past SEGMAXSIZE is no memory', () => {
    const p = w.proc();
    p.segattach(0, 'memory', 0x30000000, 0x1000);
    p.segattach(0, 'shared', 0x30002000, 0x1000);
    w.rejects(Esoverlap, () => p.segbrk(0x30000000, 0x30002001));
    expect(p.segbrk(0x30000000, 0x30002000)).to.equal(0);
    w.rejects(Enovmem, () => p.segbrk(0x30002000, 0x30002000 + 0x1000000001));
  });

  it('row 54: segfree zeroes the pages, which stay mapped', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    p.write(0x30000010, bytes('data'));
    expect(p.segfree(0x30000000, 0x1000)).to.equal(0);
    expect([...p.read(0x30000010, 4)]).to.deep.equal([0, 0, 0, 0]);
    expect(lineAt(p, 0x30000000)).to.equal('Shared    30000000 30001000    1');
  });

  it('row 54: segfree frees only whole pages inside the range, and zeroes #g data for everyone', () => {
    w.global('ex', '0x10000000 0x3000');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    p.write(0x10000ff0, new Uint8Array(0x1020).fill(7));
    expect(p.segfree(0x10000800, 0x1900)).to.equal(0);
    const d = w.data('ex');
    const buf = new Uint8Array(0x1020);
    w.dev.read(d, buf, 0xff0);
    expect(buf.slice(0, 0x10).every((b) => b === 7)).to.equal(true);
    expect(buf.slice(0x10, 0x1010).every((b) => b === 0)).to.equal(true);
    expect(buf.slice(0x1010).every((b) => b === 7)).to.equal(true);
    expect(p.segfree(0x10000800, 0x100)).to.equal(0);
  });

  it('row 55: segfree outside a segment, or past its end, is bad arg', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    p.write(0x30000000, bytes('keep'));
    w.rejects(Ebadarg, () => p.segfree(0x50000000, 1));
    w.rejects(Ebadarg, () => p.segfree(0x30000000, 0x2000));
    w.rejects(Ebadarg, () => p.segfree(0x30000000, -1));
  });

  it('row 56: segflush of unmapped memory is bad arg; of nothing is 0', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    w.rejects(Ebadarg, () => p.segflush(0x50000000, 1));
    w.rejects(Ebadarg, () => p.segflush(0x30000000, 0x1001));
    expect(p.segflush(0x30000000, 0)).to.equal(0);
    expect(p.segflush(0x30000000, 0x1000)).to.equal(0);
  });

  it('row 57: after fork, the child\'s writes to shared and #g memory show in the parent, to memory not', () => {
    w.global('ex');
    const parent = w.proc(U);
    parent.segattach(0, 'shared', 0x30000000, 0x1000);
    parent.segattach(0, 'memory', 0x31000000, 0x1000);
    parent.segattach(0, 'ex', 0, 0);
    parent.write(0x31000000, bytes('before'));
    const child = parent.fork();
    child.write(0x30000000, bytes('shared'));
    child.write(0x31000000, bytes('memory'));
    child.write(0x10000000, bytes('global'));
    expect(Buffer.from(parent.read(0x30000000, 6)).toString()).to.equal('shared');
    expect(Buffer.from(parent.read(0x31000000, 6)).toString()).to.equal('before');
    expect(Buffer.from(parent.read(0x10000000, 6)).toString()).to.equal('global');
    expect(Buffer.from(child.read(0x31000000, 6)).toString()).to.equal('memory');
  });

  it('row 58: exec drops the SG_CEXEC segment and keeps the #g one at its address', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(SG_CEXEC, 'shared', 0x30000000, 0x1000);
    p.segattach(0, 'ex', 0, 0);
    p.write(0x10000000, bytes('kept'));
    p.exec();
    expect(lineAt(p, 0x30000000)).to.equal(undefined);
    expect(lineAt(p, 0x10000000)).to.equal('Shared    10000000 10100000    2');
    expect(Buffer.from(p.read(0x10000000, 4)).toString()).to.equal('kept');
    expect(errOf(() => p.read(0x30000000, 1))).to.equal('sys: trap: fault read addr=0x30000000');
  });
});
