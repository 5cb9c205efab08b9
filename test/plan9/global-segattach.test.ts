// segattach's global segattach hook (9front's _globalsegattach): a segment of another table
// gets a slot, its address and references from the Plan 9 layer, which asks the hook after the
// va and slot checks, checks overlap, and on any failure releases the segment and changes nothing.

import { expect } from 'chai';
import { PERM_R, PERM_W } from '../../src/kernel/constants.js';
import { USTKTOP } from '../../src/lib9/mem.js';
import { Plan9Error } from '../../src/lib9/errors.js';
import type { ForeignSegment } from '../../src/plan9/foreign-segment.js';
import { snapshot, verify } from '../../src/kernel/inspect.js';
import { World, errOf, lineAt } from './plan9-fixture.js';

const SEG = 0x20000000;

/** A foreign segment that records what the Plan 9 layer asks of it. */
class Recorder implements ForeignSegment {
  released = 0;
  readonly zeroed: [number, number][] = [];
  constructor(readonly base = SEG, readonly size = 0x3000) {}
  zero(off: number, len: number): void {
    this.zeroed.push([off, len]);
  }
  release(): void {
    this.released++;
  }
}

/** A world whose hook answers `name` with `answer` and counts how often it was asked. */
function hooked(answer: () => ForeignSegment, name = 'far'): { w: World; asked: () => number } {
  const w = new World();
  let asked = 0;
  w.plan9.globalSegattach = (_pid, n) => {
    if (n !== name) return undefined;
    asked++;
    return answer();
  };
  return { w, asked: () => asked };
}

describe('Plan 9 global segattach hook', () => {
  it('attaches the segment at its own address as Shared with ref 2 (the slot and its table)', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    expect(p.segattach(0, 'far', 0, 0)).to.equal(SEG);
    expect(lineAt(p, SEG)).to.equal('Shared    20000000 20003000    2');
    expect(w.plan9.segmentAt(p.pid, SEG + 0x2fff)?.foreign).to.equal(f);
    expect(f.released).to.equal(0);
  });

  it('is asked first, before the local #g table: a name in both is the hook\'s', () => {
    const f = new Recorder();
    const { w } = hooked(() => f, 'both');
    w.global('both', '0x10000000 0x1000');
    expect(w.proc().segattach(0, 'both', 0, 0)).to.equal(SEG);
  });

  it('a name the hook does not know goes on to the local #g and the physical classes', () => {
    const { w, asked } = hooked(() => new Recorder());
    w.global('local', '0x10000000 0x1000');
    const p = w.proc();
    expect(p.segattach(0, 'local', 0, 0)).to.equal(0x10000000);
    expect(p.segattach(0, 'shared', 0x30000000, 0x1000)).to.equal(0x30000000);
    expect(asked()).to.equal(0);
  });

  it('va at USTKTOP and a full slot table fail before the hook is asked, changing nothing', () => {
    const { w, asked } = hooked(() => new Recorder());
    const p = w.proc();
    w.rejects('bad arg in system call', () => p.segattach(0, 'far', USTKTOP, 0));
    for (let i = 0; ; i++) {
      try {
        p.segattach(0, 'shared', 0x40000000 + i * 0x1000, 0x1000);
      } catch (e) {
        expect((e as Error).message).to.equal('virtual memory allocation failed');
        break;
      }
    }
    w.rejects('virtual memory allocation failed', () => p.segattach(0, 'far', 0, 0));
    expect(asked()).to.equal(0);
  });

  it('a refusal of the hook is segattach\'s error, and changes nothing', () => {
    const { w } = hooked(() => {
      throw new Plan9Error('permission denied');
    });
    const p = w.proc();
    w.rejects('permission denied', () => p.segattach(0, 'far', 0, 0));
  });

  it('overlap with a slot: `segments overlap`, the segment released once, nothing left behind', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    p.segattach(0, 'shared', SEG + 0x1000, 0x1000);
    w.rejects('segments overlap', () => p.segattach(0, 'far', 0, 0));
    expect(f.released).to.equal(1);
  });

  it('a failed mapping (a core mapping that is no slot\'s in the way) rolls back: released once, nothing left', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    expect(w.kernel.segAlloc(p.pid, 0, SEG + 0x2000, 0x1000, PERM_R | PERM_W)).to.equal(SEG + 0x2000);
    w.rejects('segments overlap', () => p.segattach(0, 'far', 0, 0));
    expect(f.released).to.equal(1);
    expect(verify(w.kernel)).to.deep.equal([]);
  });

  it('segdetach by an inner address releases it once, leaving nothing behind; attachable again', () => {
    const w = new World();
    w.proc().exit(); // the image cache keeps the program's text from now on
    const before = snapshot(w.kernel);
    let f = new Recorder();
    w.plan9.globalSegattach = (_pid, n) => (n === 'far' ? f : undefined);
    const p = w.proc();
    const q = w.proc();
    const after = () => ({ core: snapshot(w.kernel), q: q.segmentText() });
    const spawned = after();
    p.segattach(0, 'far', 0, 0);
    expect(p.segdetach(SEG + 0x1234)).to.equal(0);
    expect(f.released).to.equal(1);
    expect(lineAt(p, SEG)).to.equal(undefined);
    expect(after()).to.deep.equal(spawned);
    expect(errOf(() => p.segdetach(SEG))).to.equal('bad arg in system call');
    f = new Recorder();
    expect(p.segattach(0, 'far', 0, 0)).to.equal(SEG);
    p.exit();
    q.exit();
    expect(f.released).to.equal(1);
    expect(snapshot(w.kernel)).to.deep.equal(before);
  });

  it('a fork shares it (ref 3); the memory goes only with the last slot', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    p.segattach(0, 'far', 0, 0);
    const c = p.fork();
    expect(lineAt(c, SEG)).to.equal('Shared    20000000 20003000    3');
    p.segdetach(SEG);
    expect(f.released).to.equal(0);
    expect(lineAt(c, SEG)).to.equal('Shared    20000000 20003000    2');
    c.exit();
    expect(f.released).to.equal(1);
  });

  it('segbrk keeps its size (`device or object already in use`); segfree zeroes through it', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    p.segattach(0, 'far', 0, 0);
    expect(p.segbrk(SEG, 0)).to.equal(SEG);
    expect(p.segbrk(SEG, SEG + 0x3000)).to.equal(0);
    w.rejects('device or object already in use', () => p.segbrk(SEG, SEG + 0x4000));
    w.rejects('device or object already in use', () => p.segbrk(SEG, SEG + 0x1000));
    w.rejects('virtual memory allocation failed', () => p.segbrk(SEG, SEG - 1));
    expect(p.segfree(SEG + 0x800, 0x2000)).to.equal(0);
    expect(f.zeroed).to.deep.equal([[0x1000, 0x1000]]);
  });

  it('spans: the parts of an access by segment; a fault posts the note and throws it', () => {
    const f = new Recorder();
    const { w } = hooked(() => f);
    const p = w.proc();
    p.segattach(0, 'shared', SEG + 0x3000, 0x1000);
    p.segattach(0, 'far', 0, 0);
    const spans = w.plan9.spans(p.pid, SEG + 0x2ff0, 0x20, true);
    expect(spans.map((s) => [s.seg.foreign === f, s.lo, s.hi])).to.deep.equal([
      [true, SEG + 0x2ff0, SEG + 0x3000],
      [false, SEG + 0x3000, SEG + 0x3010],
    ]);
    expect(errOf(() => w.plan9.spans(p.pid, SEG + 0x3ff0, 0x20, false))).to.equal('sys: trap: fault read addr=0x20004000');
    expect(p.notes).to.deep.equal(['sys: trap: fault read addr=0x20004000']);
    expect(w.plan9.segmentAt(p.pid, SEG + 0x4000)).to.equal(undefined);
  });
});
