// kernel.md §5.5 (shared processes, seed 004) and §5.6 (cross-seed rules). One test per row.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { toErrstr, toZx } from '../../src/lib9/errno.js';
import { CAP_PROC_SEGMENT, PERM_R, SEG_EAGER, SEG_PRIVATE, SEG_SHARED_REGION, SHARED_BASE } from '../../src/kernel/constants.js';
import { bytes, enumerate, fixture, N, P, RW, unchanged, X } from './core-helpers.js';

function setup() {
  const f = fixture();
  const pr = f.k.procCreate(f.A, 1, 'proto') as { pid: number };
  const m1 = f.k.procCreateShared(f.A, pr.pid, 0, 'm1') as { pid: number };
  const m2 = f.k.procCreateShared(m1.pid, 0, 0, 'm2') as { pid: number };
  return { ...f, Pr: pr.pid, M1: m1.pid, M2: m2.pid };
}
const TOPPAGE = 0x7fffffffe000;

describe('kernel core §5.5 shared processes', () => {
  it('Z1 procCreate options', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.procCreate(f.A, 2, 'x'))).to.equal(-22);
    expect(f.k.procCreate(f.A, 0, 'n')).to.include({ base: 0x200000, size: 0x7fffffdff000 });
  });
  it('Z2 a prototype sees the shared region', () => {
    const f = setup();
    expect(f.k.procCreate(f.A, 1, 'proto')).to.include({ base: 0x400000001000, size: 0x3fffffffe000 });
  });
  it('Z3 a member has a restricted region', () => {
    const f = setup();
    expect(f.k.procCreateShared(f.A, f.Pr, 0, 'm1')).to.include({ restrictedBase: 0x200000, restrictedSize: 0x3fffffe00000 });
  });
  it('Z4 procCreateShared checks', () => {
    const f = setup();
    const Nn = (f.k.procCreate(f.A, 0, 'n') as { pid: number }).pid;
    expect(unchanged(f.k, () => f.k.procCreateShared(f.A, f.Pr, 1, 'x'))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.procCreateShared(f.A, Nn, 0, 'x'))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.procCreateShared(f.A, N, 0, 'x'))).to.equal(-3);
    expect(unchanged(f.k, () => f.k.procCreateShared(f.A, -3, 0, 'x'))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.procCreateShared(f.C, f.Pr, 0, 'x'))).to.equal(-1);
    expect(f.k.procCreateShared(f.K, f.Pr, 0, 'x')).to.be.an('object');
  });
  it('Z5 options are checked first', () => {
    const f = setup();
    const Nn = (f.k.procCreate(f.A, 0, 'n') as { pid: number }).pid;
    expect(unchanged(f.k, () => f.k.procCreateShared(f.C, Nn, 1, 'x'))).to.equal(-22);
  });
  it('Z6 names are cut to 31 bytes', () => {
    const f = setup();
    const r = f.k.procCreateShared(f.A, f.Pr, 0, 'a'.repeat(40)) as { pid: number };
    expect(f.k.procInfo(r.pid)).to.include({ name: 'a'.repeat(31) });
  });
  it('Z7 members are in the prototype’s job', () => {
    const f = setup();
    expect((f.k.procInfo(f.M1) as { job: number }).job).to.equal((f.k.procInfo(f.Pr) as { job: number }).job);
  });
  it('Z8 the shared region is one space for the whole group', () => {
    const f = setup();
    expect(f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION)).to.equal(TOPPAGE);
    expect(f.k.segQuery(f.M2, 0, SHARED_BASE)).to.include({ addr: TOPPAGE, len: P, flags: 0x403 });
    expect(f.k.segQuery(f.Pr, 0, 0)).to.include({ addr: TOPPAGE, len: P, flags: 0x403 });
  });
  it('Z9 restricted regions are private to each member', () => {
    const f = setup();
    f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION);
    expect(f.k.segAlloc(f.M1, 0, X, P, RW)).to.equal(X);
    expect(f.k.segQuery(f.M2, 0, 0)).to.include({ addr: TOPPAGE });
    expect(f.k.segAlloc(f.M2, 0, X, P, RW)).to.equal(X);
  });
  it('Z10 default placement: restricted for members, shared for the prototype', () => {
    const f = setup();
    expect(f.k.segAlloc(f.M1, 0, 0, P, RW)).to.equal(0x3ffffffff000);
    expect(f.k.segAlloc(f.Pr, 0, 0, P, RW)).to.equal(TOPPAGE);
  });
  it('Z11 the guard page and the other region are out of reach', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.segAlloc(f.M1, 0, 0x400000000000, P, RW))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.segAlloc(f.M1, 0, 0x3ffffffff000, 2 * P, RW))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.segAlloc(f.Pr, 0, X, P, RW))).to.equal(-22);
  });
  it('Z12 a write in the shared region is seen by every member', () => {
    const f = setup();
    f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION);
    expect(f.k.memWrite(f.M1, 0, TOPPAGE, bytes(6))).to.equal(1);
    expect(f.k.memRead(f.M2, 0, TOPPAGE, 1)).to.deep.equal(bytes(6));
  });
  it('Z13 restricted mode reaches only the restricted region', () => {
    const f = setup();
    f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION);
    f.k.segAlloc(f.M1, 0, X, P, RW);
    expect(unchanged(f.k, () => f.k.memRead(f.M1, 0, TOPPAGE, 1, 'restricted'))).to.equal(-14);
    expect(f.k.memRead(f.M1, 0, X, 1, 'restricted')).to.deep.equal(bytes(0));
    expect(unchanged(f.k, () => f.k.memRead(f.Pr, 0, TOPPAGE, 1, 'restricted'))).to.equal(-22);
  });
  it('Z14 the group outlives its prototype', () => {
    const f = setup();
    f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION);
    f.k.exit(f.Pr);
    const m3 = f.k.procCreateShared(f.M1, 0, 0, 'm3') as { pid: number };
    expect(m3).to.be.an('object');
    expect(f.k.segQuery(m3.pid, 0, SHARED_BASE)).to.include({ addr: TOPPAGE });
  });
  it('Z15 the shared region goes with the last member', () => {
    const f = setup();
    f.k.segAlloc(f.M1, 0, 0, P, RW | SEG_SHARED_REGION);
    const h = (f.k.segQuery(f.M1, 0, SHARED_BASE) as { handle: number }).handle;
    expect(f.k.shadowRefs(h)).to.equal(1);
    f.k.exit(f.Pr);
    f.k.exit(f.M1);
    expect(f.k.shadowRefs(h)).to.equal(1);
    f.k.exit(f.M2);
    expect(f.k.shadowRefs(h)).to.equal(0);
    expect(f.k.verify()).to.deep.equal([]);
  });
  it('Z16 a claim by a member lands in its restricted region', () => {
    const f = setup();
    f.k.segAlloc(f.A, 0, 0x20000000, P, RW);
    f.k.vmOffer(f.A, f.M1, 0x20000000, P, 1);
    const out = { localAddr: 0, size: 0 };
    expect(f.k.vmClaim(f.M1, f.A, 0x20000000, 0, out)).to.equal(0);
    expect(out.localAddr).to.equal(0x20000000);
    expect(f.k.segQuery(f.M2, 0, 0)).to.equal(-2);
  });
});

describe('kernel core §5.6 cross-seed rules', () => {
  it('X1 Plan 9 (segmented) segments never merge', () => {
    const { k, A } = fixture();
    expect(k.segAlloc(A, 0, X, P, RW, { segmented: true })).to.equal(X);
    expect(k.segAlloc(A, 0, X + P, P, RW, { segmented: true })).to.equal(X + P);
    expect(enumerate(k, A)).to.deep.equal([
      { addr: X, len: P, flags: 0x2003 },
      { addr: X + P, len: P, flags: 0x2003 },
    ]);
  });
  it('X2 a segmented segment loses only its tail', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW, { segmented: true });
    expect(unchanged(k, () => k.segFree(A, 0, X, P))).to.equal(-16);
    expect(k.segFree(A, 0, X + P, P)).to.equal(0);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: P });
  });
  it('X3 an eager private copy of a #g shadow stops seeing its writes', () => {
    const { k, A, B } = fixture();
    const s = k.shadowCreate(P);
    expect(k.segAlloc(A, 0, X, P, RW, { backing: { shadow: s, offset: 0 }, segmented: true })).to.equal(X);
    expect(k.segAlloc(B, 0, X, P, RW | SEG_PRIVATE | SEG_EAGER, { backing: { shadow: s, offset: 0 } })).to.equal(X);
    k.shadowWrite(s, 0, bytes(4));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(4));
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(0));
  });
  it('X4 errno to zx_status_t', () => {
    expect([-16, -22, -3, -13, -34].map(toZx)).to.deep.equal([-26, -10, -11, -30, -15]);
  });
  it('X5 errno to Plan 9 error strings', () => {
    expect(toErrstr(-16)).to.equal('segments overlap');
    expect(toErrstr(-22)).to.equal('bad arg in system call');
  });
});

describe('kernel core facades and harness', () => {
  it('translates every code the core returns', () => {
    expect([-1, -2, -3, -12, -13, -14, -34].map(toErrstr)).to.deep.equal([
      'permission denied',
      'file does not exist',
      'process exited',
      'virtual memory allocation failed',
      'permission denied',
      'bad arg in system call',
      'i/o count too small',
    ]);
    expect([-1, -2, -12, -14, 0, 5].map(toZx)).to.deep.equal([-30, -25, -4, -25, 0, 0]);
    expect(() => toErrstr(-99)).to.throw(RangeError);
  });
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
  it('a private segment’s decommit zeroes only its own copy', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    k.memWrite(A, 0, X, bytes(1, 2));
    k.segShare(A, 0, X, 2 * P, B, PERM_R);
    k.segTake(B, 0, X, 2 * P, A, RW | SEG_PRIVATE);
    expect(k.segDecommit(B, 0, X, P)).to.equal(0);
    expect(k.memRead(B, 0, X, 2)).to.deep.equal(bytes(0, 0));
    expect(k.memRead(A, 0, X, 2)).to.deep.equal(bytes(1, 2));
    expect(k.segDecommit(A, 0, X, P)).to.equal(0);
    expect(k.memRead(A, 0, X, 2)).to.deep.equal(bytes(0, 0));
  });
  it('decommit of shared memory zeroes it for every holder and keeps it mapped', () => {
    const { k, A, B } = fixture();
    const s = k.shadowCreate(P);
    k.segAlloc(A, 0, X, P, RW, { backing: { shadow: s, offset: 0 }, segmented: true });
    k.segAlloc(B, 0, X, P, RW, { backing: { shadow: s, offset: 0 }, segmented: true });
    k.memWrite(A, 0, X, bytes(8));
    expect(k.segDecommit(B, 0, X, P)).to.equal(0);
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(0));
    expect(k.shadowRead(s, 0, 1)).to.deep.equal(bytes(0));
    expect(unchanged(k, () => k.segDecommit(B, 0, X + P, P))).to.equal(-14);
  });
});
