// The harness: processes (spawn, exit, procInfo, exit hooks) and shadows held from outside.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { CAP_PROC_SEGMENT } from '../../src/kernel/constants.js';
import { bytes, fixture, N, P, RW, X } from './helpers.js';

describe('kernel harness', () => {
  it('shadow holds: create holds once, put frees', () => {
    const k = new Kernel();
    const A = k.spawn();
    const s = k.shadowCreate(P);
    k.segAlloc(A, 0, X, P, RW, { backing: { shadow: s, offset: 0 } });
    expect(k.shadowRefs(s)).to.equal(2);
    k.shadowPut(s);
    expect(k.shadowRefs(s)).to.equal(1);
    expect(() => k.shadowPut(s)).to.throw('bad arg in system call');
    k.segFree(A, 0, X, P);
    expect(k.shadowRefs(s)).to.equal(0);
    expect(() => k.shadowRead(s, 0, 1)).to.throw('file does not exist');
  });
  it('rejects bad harness arguments with Plan 9 errors', () => {
    const k = new Kernel();
    expect(() => k.shadowCreate(100)).to.throw('bad arg in system call');
    expect(() => k.shadowCreate(P, 8)).to.throw('bad arg in system call');
    const s = k.shadowCreate(P);
    expect(() => k.shadowRead(s, P, 1)).to.throw('bad arg in system call');
    expect(() => k.shadowWrite(s, P - 1, bytes(1, 2))).to.throw('bad arg in system call');
    expect(() => k.spawn({ parent: 77 })).to.throw('bad arg in system call');
    expect(() => new Kernel({ maxSegments: 0 })).to.throw(RangeError);
  });
  it('procInfo reports the process', () => {
    const k = new Kernel();
    const A = k.spawn({ caps: CAP_PROC_SEGMENT, name: 'a' });
    const c = k.procCreate(A, 0, 'kid') as { pid: number };
    expect(k.procInfo(c.pid)).to.deep.equal({
      pid: c.pid,
      parent: A,
      job: (k.procInfo(A) as { job: number }).job,
      name: 'kid',
      caps: CAP_PROC_SEGMENT,
      realtime: false,
      shared: false,
      member: false,
    });
    expect(k.procInfo(N)).to.equal(-3);
    expect(k.segQuery(N, 0, 0)).to.equal(-3);
  });
  it('onExit hooks run before the memory goes', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    const seen: number[] = [];
    k.onExit((p) => seen.push(p.pid, p.own!.count));
    k.exit(A);
    expect(seen).to.deep.equal([A, 1]);
    expect(k.proc(A)).to.equal(undefined);
  });
});
