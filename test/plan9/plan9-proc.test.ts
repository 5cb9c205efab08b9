// /proc/N/segment (9front amd64 format: padding, flags, reference counts) and the rules for
// each segment type across fork, rfork(RFMEM), exec and exit; processes made by the kernel's
// spawn(); the Plan 9 layer's entry (plan9For).

import { expect } from 'chai';
import { Ebadarg, Ebadchar, Enovmem, Eprocdied, Esoverlap, Etoolong, Plan9Error } from '../../src/lib9/errors.js';
import { ESEG, NSEG, RFMEM, SG_CEXEC, SG_FAULT, SG_RONLY } from '../../src/plan9/constants.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { plan9For } from '../../src/plan9/plan9-for.js';
import { Plan9Process } from '../../src/plan9/plan9-process.js';
import { E, U, World, errOf, lineAt } from './plan9-fixture.js';
import { snapshot, verify } from '../../src/kernel/inspect.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const text = (b: Uint8Array) => Buffer.from(b).toString();

const freshImage = [
  'Stack     7ffffefff000 7ffffffff000    1',
  'Text   R    200000   20b000    2',
  'Data        400000   402000    1',
  'Bss         402000   427000    1',
  '',
].join('\n');

describe('plan9 /proc/N/segment', () => {
  let w: World;
  beforeEach(() => {
    w = new World();
  });

  it('a new Plan 9 process has stack, text, data and bss in slot order', () => {
    const p = w.proc();
    expect(w.plan9.segmentText(p.pid)).to.equal(freshImage);
  });

  it('a spawn()ed process has no slots in use and no stack: va 0 has no stack to go below', () => {
    const pid = w.kernel.spawn();
    expect(w.plan9.segmentText(pid)).to.equal('');
    expect(errOf(() => w.plan9.segattach(pid, 0, 'shared', 0, 0x1000))).to.equal(Ebadarg);
    expect(w.plan9.has(pid)).to.equal(true);
    expect(w.plan9.segattach(pid, 0, 'shared', 0x30000000, 0x1000)).to.equal(0x30000000);
    expect(w.plan9.segattach(pid, 0, 'shared', 0x31000000, 0x1000)).to.equal(0x31000000);
    expect(w.plan9.segmentText(pid)).to.equal('Shared    30000000 30001000    1\nShared    31000000 31001000    1\n');
    expect(errOf(() => w.plan9.segattach(9999, 0, 'shared', 0x30000000, 0x1000))).to.equal(Eprocdied);
    expect(errOf(() => w.plan9.segmentText(9999))).to.equal(Eprocdied);
    const proto = w.kernel.procCreate(pid, 1, 'proto');
    if (typeof proto === 'number') throw new Error(`procCreate ${proto}`);
    expect(errOf(() => w.plan9.segattach(proto.pid, 0, 'shared', 0x30000000, 0x1000))).to.equal(Ebadarg);
  });

  it('a spawn()ed process attaches only into the slots after ESEG, never the stack, text, data or bss slot', () => {
    const pid = w.kernel.spawn();
    for (let i = 0; i < NSEG - ESEG - 1; i++) w.plan9.segattach(pid, 0, 'shared', 0x30000000 + i * 0x1000, 0x1000);
    const slots = w.plan9.proc(pid).seg.map((s) => s !== undefined);
    expect(slots).to.deep.equal([false, false, false, false, false, true, true, true, true, true]);
    w.rejects(Enovmem, () => w.plan9.segattach(pid, 0, 'shared', 0x40000000, 0x1000));
  });

  it('a spawn()ed process detaches any attached segment by any address inside it', () => {
    w.global('ex');
    const pid = w.kernel.spawn();
    w.plan9.segattach(pid, 0, 'shared', 0x30000000, 0x3000);
    w.plan9.segattach(pid, 0, 'ex', 0, 0);
    expect(w.plan9.segdetach(pid, 0x30002fff)).to.equal(0);
    expect(w.plan9.segdetach(pid, 0x10080000)).to.equal(0);
    expect(w.plan9.segmentText(pid)).to.equal('');
    w.rejects(Ebadarg, () => w.plan9.segdetach(pid, 0x30000000));
    w.rejects(Ebadarg, () => w.plan9.segdetach(pid, 0));
  });

  it('exec gives a spawn()ed process an image and keeps what it attached', () => {
    const pid = w.kernel.spawn();
    w.plan9.segattach(pid, 0, 'shared', 0x30000000, 0x1000);
    w.plan9.segattach(pid, SG_CEXEC, 'shared', 0x31000000, 0x1000);
    w.plan9.exec(pid);
    expect(w.plan9.segmentText(pid)).to.equal(`${freshImage}Shared    30000000 30001000    1\n`);
    // with a stack now, va 0 places below it
    expect(w.plan9.segattach(pid, 0, 'shared', 0, 0x1000)).to.equal(0x7ffffeffe000);
  });

  it('a core mapping made outside Plan 9 still counts as an overlap', () => {
    const pid = w.kernel.spawn();
    expect(w.kernel.segAlloc(pid, 0, 0x30000000, 0x1000, 3)).to.equal(0x30000000);
    w.plan9.proc(pid);
    w.rejects(Esoverlap, () => w.plan9.segattach(pid, 0, 'memory', 0x30000000, 0x1000));
  });

  it('matches the /proc/N/segment example: a #g segment attached once and a read-only shared one', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    p.segattach(SG_RONLY, 'shared', 0, 0x100000);
    expect(p.segmentText()).to.equal(freshImage + [
      'Shared    10000000 10100000    2',
      'Shared R  7ffffeeff000 7ffffefff000    1',
      '',
    ].join('\n'));
  });

  it('the text is shared by every process running the same program', () => {
    const a = w.proc();
    const b = w.proc();
    expect(lineAt(a, 0x200000)).to.equal('Text   R    200000   20b000    3');
    b.exit();
    expect(lineAt(a, 0x200000)).to.equal('Text   R    200000   20b000    2');
  });

  it('the #g line counts the data file\'s I/O process after a data read, and drops when the segment goes', () => {
    w.global('ex');
    const a = w.proc(U);
    const b = w.proc(U);
    a.segattach(0, 'ex', 0, 0);
    b.segattach(0, 'ex', 0, 0);
    expect(lineAt(a, 0x10000000)).to.equal('Shared    10000000 10100000    3');
    const d = w.data('ex');
    w.dev.read(d, new Uint8Array(1), 0);
    expect(lineAt(a, 0x10000000)).to.equal('Shared    10000000 10100000    4');
    w.removeGlobal('ex');
    expect(lineAt(a, 0x10000000)).to.equal('Shared    10000000 10100000    4');
    w.dev.close(d);
    expect(lineAt(a, 0x10000000)).to.equal('Shared    10000000 10100000    2');
    b.segdetach(0x10000000);
    expect(lineAt(a, 0x10000000)).to.equal('Shared    10000000 10100000    1');
  });

  it('sticky and fixed #g segments show their type; SG_FAULT shows F and every access faults', () => {
    w.global('st', '0x10000000 0x1000 sticky', E);
    w.global('fx', '0x20000000 0x2000 fixed', E);
    const p = w.proc(E);
    p.segattach(0, 'st', 0, 0);
    p.segattach(0, 'fx', 0, 0);
    p.segattach(SG_FAULT, 'shared', 0x30000000, 0x1000);
    expect(lineAt(p, 0x10000000)).to.equal('Sticky    10000000 10001000    2');
    expect(lineAt(p, 0x20000000)).to.equal('Fixed     20000000 20002000    2');
    expect(lineAt(p, 0x30000000)).to.equal('Shared F  30000000 30001000    1');
    expect(w.plan9.load(p.pid, 0x30000000, 1)).to.equal('sys: trap: fault read addr=0x30000000');
    expect(errOf(() => w.plan9.segbrk(p.pid, 0x10000000, 0x10002000))).to.equal(Ebadarg);
    expect(errOf(() => w.plan9.segbrk(p.pid, 0x20000000, 0x20003000))).to.equal(Ebadarg);
  });

  it('short addresses are space-padded to 8; below UTZERO is outside the user range (deviation)', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segattach(0, 'memory', 0x3000, 0x1000));
    p.segattach(0, 'memory', 0x300000, 0x1000);
    expect(lineAt(p, 0x300000)).to.equal('Bss         300000   301000    1');
  });
});

describe('plan9 fork, rfork(RFMEM), exec and exit per segment type', () => {
  let w: World;
  beforeEach(() => {
    w = new World();
  });

  it('fork shares text, shared and #g segments (ref+1) and copies stack, data, bss and memory', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    p.segattach(0, 'memory', 0x31000000, 0x1000);
    p.segattach(0, 'ex', 0, 0);
    p.write(0x7ffffffff000 - 16, bytes('stack'));
    p.write(0x400000, bytes('data'));
    p.write(0x402000, bytes('bss'));
    const c = p.fork();
    expect(c.segmentText()).to.equal([
      'Stack     7ffffefff000 7ffffffff000    1',
      'Text   R    200000   20b000    3',
      'Data        400000   402000    1',
      'Bss         402000   427000    1',
      'Shared    30000000 30001000    2',
      'Bss       31000000 31001000    1',
      'Shared    10000000 10100000    3',
      '',
    ].join('\n'));
    expect(text(c.read(0x7ffffffff000 - 16, 5))).to.equal('stack');
    c.write(0x7ffffffff000 - 16, bytes('STACK'));
    c.write(0x400000, bytes('DATA'));
    c.write(0x402000, bytes('BSS'));
    expect(text(p.read(0x7ffffffff000 - 16, 5))).to.equal('stack');
    expect(text(p.read(0x400000, 4))).to.equal('data');
    expect(text(p.read(0x402000, 3))).to.equal('bss');
    p.write(0x400000, bytes('late'));
    expect(text(c.read(0x400000, 4))).to.equal('DATA');
  });

  it('fork shares sticky and fixed #g segments like every #g segment', () => {
    w.global('st', '0x10000000 0x1000 sticky', E);
    const p = w.proc(E);
    p.segattach(0, 'st', 0, 0);
    const c = p.fork();
    c.write(0x10000000, bytes('both'));
    expect(text(p.read(0x10000000, 4))).to.equal('both');
    expect(lineAt(p, 0x10000000)).to.equal('Sticky    10000000 10001000    3');
  });

  it('the core\'s maxSegments limit gives virtual memory allocation failed and changes nothing', () => {
    const small = new World(new Kernel({ maxSegments: 5 }));
    const p = small.proc();
    expect(p.segattach(0, 'shared', 0x30000000, 0x1000)).to.equal(0x30000000);
    small.rejects('virtual memory allocation failed', () => p.segattach(0, 'shared', 0x31000000, 0x1000));
  });

  it('rfork(RFMEM) shares data and bss (and memory) but still copies the stack', () => {
    const p = w.proc();
    p.segattach(0, 'memory', 0x31000000, 0x1000);
    const c = w.plan9.fork(p.pid, RFMEM);
    w.plan9.store(c, 0x400000, bytes('data'));
    w.plan9.store(c, 0x402000, bytes('bss'));
    w.plan9.store(c, 0x31000000, bytes('mem'));
    w.plan9.store(c, 0x7ffffffff000 - 4, bytes('stk'));
    expect(text(p.read(0x400000, 4))).to.equal('data');
    expect(text(p.read(0x402000, 3))).to.equal('bss');
    expect(text(p.read(0x31000000, 3))).to.equal('mem');
    expect([...p.read(0x7ffffffff000 - 4, 3)]).to.deep.equal([0, 0, 0]);
    expect(lineAt(p, 0x400000)).to.equal('Data        400000   402000    2');
    expect(lineAt(p, 0x7ffffefff000)).to.equal('Stack     7ffffefff000 7ffffffff000    1');
  });

  it('a forked child inherits SG_RONLY and SG_CEXEC, and cannot attach an inherited #g segment again', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(SG_RONLY | SG_CEXEC, 'memory', 0x30000000, 0x1000);
    p.segattach(0, 'ex', 0, 0);
    const c = p.fork();
    expect(lineAt(c, 0x30000000)).to.equal('Bss    R  30000000 30001000    1');
    expect(errOf(() => c.write(0x30000000, bytes('x')))).to.equal('sys: trap: fault write addr=0x30000000');
    expect(errOf(() => w.plan9.segattach(c.pid, 0, 'ex', 0, 0))).to.equal(Esoverlap);
    c.exec();
    expect(lineAt(c, 0x30000000)).to.equal(undefined);
  });

  it('exec replaces stack, text, data and bss, and keeps shared, memory and #g segments', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    p.segattach(0, 'memory', 0x31000000, 0x1000);
    p.write(0x400000, bytes('old'));
    p.write(0x31000000, bytes('kept'));
    w.plan9.exec(p.pid, { name: '/bin/cat', text: 0x3000, data: 0x1000, bss: 0x1000 });
    expect(p.segmentText()).to.equal([
      'Stack     7ffffefff000 7ffffffff000    1',
      'Text   R    200000   203000    2',
      'Data        400000   401000    1',
      'Bss         401000   402000    1',
      'Shared    10000000 10100000    2',
      'Bss       31000000 31001000    1',
      '',
    ].join('\n'));
    expect([...p.read(0x400000, 3)]).to.deep.equal([0, 0, 0]);
    expect(text(p.read(0x31000000, 4))).to.equal('kept');
  });

  it('exec with a kept segment in the way of the new image fails and changes nothing', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    w.rejects(Esoverlap, () => w.plan9.exec(p.pid, { text: 0x30000000 }));
    const q = w.kernel.spawn();
    expect(w.kernel.segAlloc(q, 0, 0x200000, 0x1000, 3)).to.equal(0x200000);
    w.plan9.proc(q);
    w.rejects(Esoverlap, () => w.plan9.exec(q));
  });

  it('exit releases every slot: shared memory lives on with its other holders, the rest is freed', () => {
    w.global('ex');
    const p = w.proc(U);
    p.segattach(0, 'ex', 0, 0);
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    const c = p.fork();
    c.write(0x30000000, bytes('child'));
    const before = (snapshot(w.kernel) as { shadows: unknown[] }).shadows.length;
    c.exit();
    expect(w.plan9.has(c.pid)).to.equal(false);
    expect(lineAt(p, 0x30000000)).to.equal('Shared    30000000 30001000    1');
    expect(lineAt(p, 0x10000000)).to.equal('Shared    10000000 10100000    2');
    expect(text(p.read(0x30000000, 5))).to.equal('child');
    // the child's own stack, data and bss are gone
    expect((snapshot(w.kernel) as { shadows: unknown[] }).shadows.length).to.equal(before - 3);
    expect(verify(w.kernel)).to.deep.equal([]);
    expect(errOf(() => w.plan9.segdetach(c.pid, 0x30000000))).to.equal(Eprocdied);
  });

  it('the core exit() of a Plan 9 process releases its slots too', () => {
    const p = w.proc();
    p.segattach(0, 'shared', 0x30000000, 0x1000);
    w.kernel.exit(p.pid);
    expect(w.plan9.has(p.pid)).to.equal(false);
    expect(verify(w.kernel)).to.deep.equal([]);
    const left = (snapshot(w.kernel) as { shadows: { id: number }[] }).shadows;
    expect(left).to.have.length(1); // the cached text
  });
});

describe('plan9 layer entry', () => {
  let w: World;
  beforeEach(() => {
    w = new World();
  });

  it('plan9For keeps one Plan 9 layer per kernel, and its calls return values or throw Plan9Error', () => {
    expect(plan9For(w.kernel)).to.equal(w.plan9);
    expect(plan9For(new Kernel())).to.not.equal(w.plan9);
    const pid = w.plan9.spawn({ user: U });
    expect(w.plan9.segattach(pid, 0, 'shared', 0x30000000, 0x1000)).to.equal(0x30000000);
    expect(errOf(() => w.plan9.segattach(pid, 0, 'shared', 0x30000000, 0x1000))).to.equal(Esoverlap);
    expect(w.plan9.segdetach(pid, 0x30000000)).to.equal(0);
    expect(errOf(() => w.plan9.segdetach(pid, 0x30000000))).to.equal(Ebadarg);
    expect(w.plan9.segfree(pid, 0x400000, 0x1000)).to.equal(0);
    expect(w.plan9.segbrk(pid, 0x402000, 0)).to.equal(0x402000);
    expect(w.plan9.segflush(pid, 0x200000, 0x1000)).to.equal(0);
    const child = w.plan9.fork(pid);
    expect(child).to.be.a('number');
    expect(errOf(() => w.plan9.fork(9999))).to.equal(Eprocdied);
    const proc = new Plan9Process(w.plan9, pid);
    const err = (() => {
      try {
        proc.segattach(0, 'nosuch', 0x30000000, 0x1000);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).to.be.instanceOf(Plan9Error);
    expect((err as Error).message).to.equal(Ebadarg);
  });

  it('plan9For with eve names the host owner the #g permission check uses', () => {
    const k = new Kernel();
    expect(plan9For(k).eve).to.equal('eve');
    expect(plan9For(k, 'bootes')).to.equal(plan9For(k));
    expect(plan9For(k).eve).to.equal('bootes');
  });
});

describe('plan9 segattach names', () => {
  let w: World;
  beforeEach(() => {
    w = new World();
  });

  it('segattach names: control characters and huge names are refused before anything else', () => {
    const p = w.proc();
    w.rejects(`${Ebadchar}: 'a\tb'`, () => p.segattach(0, 'a\tb', 0x30000000, 0x1000));
    w.rejects(`${Ebadchar}: 'it''s\x01'`, () => p.segattach(0, "it's\x01", 0, 0));
    w.rejects(Etoolong, () => p.segattach(0, 'x'.repeat(65536), 0, 0));
    expect(p.segattach(0, 'shared\0junk', 0x30000000, 0x1000)).to.equal(0x30000000);
  });

  it('arguments are 64-bit unsigned: a negative length wraps and fails, a wrapped range is bad arg', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segattach(0, 'shared', 0x30000000, -1));
    w.rejects(Ebadarg, () => p.segattach(0, 'shared', 0x30000000, 2n ** 64n - 0x1000n));
    w.rejects(Ebadarg, () => p.segattach(0, 'shared', -0x1000, 0x1000));
    w.rejects(Ebadarg, () => p.segflush(0x400000, 2n ** 64n - 0x400000n));
    expect(p.segflush(0x400000, 2n ** 64n - 1n)).to.equal(0); // va+len wraps to just below va: nothing to do
  });

  it('the data/bss rule of ibrk: bss may be brk\'d below its base down to data\'s, becoming empty', () => {
    const p = w.proc();
    w.rejects(Ebadarg, () => p.segbrk(0x400000, 0x401000));
    expect(p.segbrk(0x402000, 0x400800)).to.equal(0);
    expect(lineAt(p, 0x402000)).to.equal('Bss         402000   402000    1');
    expect(p.segdetach(0x402000)).to.equal(0);
    expect(lineAt(p, 0x402000)).to.equal(undefined);
  });

  it('a bss brk below the data segment is virtual memory allocation failed', () => {
    const p = w.proc();
    w.rejects('virtual memory allocation failed', () => p.segbrk(0x402000, 0x300000));
    expect(p.segbrk(0x402000, 0x500000)).to.equal(0);
    expect(lineAt(p, 0x402000)).to.equal('Bss         402000   500000    1');
    p.write(0x4fffff, bytes('z'));
  });
});
