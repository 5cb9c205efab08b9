// Zircon shared processes: prototypes, members, the shared and restricted regions. One test per
// row of the model's table (Z).

import { expect } from 'chai';
import { SEG_SHARED_REGION, SHARED_BASE } from '../../src/kernel/constants.js';
import { bytes, fixture, N, P, RW, unchanged, X } from './helpers.js';
import { verify } from '../../src/kernel/inspect.js';

function setup() {
  const f = fixture();
  const pr = f.k.procCreate(f.A, 1, 'proto') as { pid: number };
  const m1 = f.k.procCreateShared(f.A, pr.pid, 0, 'm1') as { pid: number };
  const m2 = f.k.procCreateShared(m1.pid, 0, 0, 'm2') as { pid: number };
  return { ...f, Pr: pr.pid, M1: m1.pid, M2: m2.pid };
}
const TOPPAGE = 0x7fffffffe000;

describe('zircon calls: shared processes', () => {
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
    expect(verify(f.k)).to.deep.equal([]);
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


