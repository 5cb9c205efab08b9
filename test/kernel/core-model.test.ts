// The kernel core beyond the §5 tables: the decisions of docs/kernel.md, merging details, and
// the accessors the Plan 9 layer uses (forkSpace, resizeMapping, memReadInto, segmentAt).

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { PERM_R, PERM_RWX, SEG_EAGER, SEG_PRIVATE, USER_TOP } from '../../src/kernel/constants.js';
import { bytes, enumerate, fixture, P, RW, unchanged, X } from './core-helpers.js';

describe('kernel core merging', () => {
  it('an allocation that merges fits under maxSegments', () => {
    const { k, A } = fixture(1);
    k.segAlloc(A, 0, X, P, RW);
    expect(k.segAlloc(A, 0, X + P, P, RW)).to.equal(X + P);
    expect(unchanged(k, () => k.segAlloc(A, 0, X + 4 * P, P, RW))).to.equal(-12);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 2 * P, flags: RW }]);
  });
  it('a merge of two anonymous segments keeps both segments’ bytes', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X + P, P, PERM_R);
    k.segProtect(A, 0, X + P, P, RW);
    k.memWrite(A, 0, X + P, bytes(2));
    k.segAlloc(A, 0, X, P, RW);
    k.memWrite(A, 0, X, bytes(1));
    k.segAlloc(A, 0, X + 2 * P, P, RW);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 3 * P, flags: RW }]);
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memRead(A, 0, X + P, 1)).to.deep.equal(bytes(2));
    expect(k.memRead(A, 0, X + 2 * P, 1)).to.deep.equal(bytes(0));
    expect(k.verify()).to.deep.equal([]);
  });
  it('protecting a page and back splits and re-merges one shadow', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 3 * P, RW);
    const h = (k.segQuery(A, 0, 0) as { handle: number }).handle;
    expect(k.segProtect(A, 0, X + P, P, PERM_R)).to.equal(0);
    expect(enumerate(k, A)).to.have.length(3);
    expect(k.shadowRefs(h)).to.equal(3);
    expect(k.segProtect(A, 0, X + P, P, RW)).to.equal(0);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 3 * P, flags: RW }]);
    expect(k.shadowRefs(h)).to.equal(1);
  });
  it('freeing what shared a shadow merges what is left in the same space', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 3 * P, RW);
    k.segFree(A, 0, X + P, P);
    k.segAlloc(A, 0, X + P, P, RW); // its own shadow; the outer halves still share one
    expect(enumerate(k, A)).to.have.length(3);
    expect(k.segFree(A, 0, X + 2 * P, P)).to.equal(0);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 2 * P, flags: RW }]);
    expect(k.verify()).to.deep.equal([]);
  });
  it('a reference dropped by another process merges nothing here (§6.1 item 3)', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segShare(A, 0, X, P, B, RW);
    k.segTake(B, 0, X, P, A, RW);
    k.segAlloc(A, 0, X + P, P, RW);
    expect(enumerate(k, A)).to.have.length(2);
    k.exit(B);
    expect(enumerate(k, A)).to.have.length(2);
    expect(k.verify()).to.deep.equal([]);
  });
});

describe('kernel core ranges over several segments', () => {
  it('a take over two source segments maps both pieces and keeps their bytes', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segAlloc(A, 0, X + P, P, RW | SEG_PRIVATE); // another shadow, so no merge
    k.memWrite(A, 0, X, bytes(1));
    k.memWrite(A, 0, X + P, bytes(2));
    k.segShare(A, 0, X, 2 * P, B, RW);
    expect(k.segTake(B, 0, X, 2 * P, A, RW)).to.equal(X);
    expect(enumerate(k, B).map((s) => [s.addr, s.len])).to.deep.equal([
      [X, P],
      [X + P, P],
    ]);
    k.memWrite(B, 0, X + P, bytes(3));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memRead(A, 0, X + P, 1)).to.deep.equal(bytes(3)); // A's private copy is what B shares
  });
  it('a claim with DROP_W over a split range leaves the sender one read-only piece', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, 4 * P, RW);
    k.segProtect(A, 0, X + P, P, PERM_R);
    expect(k.vmOffer(A, B, X, 3 * P, 0x21)).to.equal(0);
    const out = { localAddr: 0, size: 0 };
    expect(k.vmClaim(B, A, X, 0, out)).to.equal(0);
    expect(enumerate(k, A)).to.deep.equal([
      { addr: X, len: 3 * P, flags: PERM_R },
      { addr: X + 3 * P, len: P, flags: RW },
    ]);
    expect(enumerate(k, B)).to.deep.equal([{ addr: X, len: 3 * P, flags: PERM_R }]);
    expect(k.verify()).to.deep.equal([]);
  });
  it('an eager private protect over two segments copies both', () => {
    const { k, A } = fixture();
    const s = k.shadowCreate(2 * P);
    k.segAlloc(A, 0, X, P, PERM_R, { backing: { shadow: s, offset: 0 } });
    k.segAlloc(A, 0, X + P, P, PERM_R, { backing: { shadow: s, offset: 2 * P - P } });
    k.shadowWrite(s, 0, bytes(5));
    expect(k.segProtect(A, 0, X, 2 * P, RW | SEG_PRIVATE | SEG_EAGER)).to.equal(0);
    k.shadowWrite(s, 0, bytes(6));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(5));
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 2 * P, flags: 0x1103 }]);
    expect(k.shadowRefs(s)).to.equal(1);
  });
});

describe('kernel core decisions', () => {
  it('anonymous memory others hold cannot grow; global memory grows as far as it goes', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segShare(A, 0, X, P, B, RW);
    k.segTake(B, 0, X, P, A, RW);
    expect(unchanged(k, () => k.segResize(B, 0, X, P))).to.equal(-12);
    const s = k.shadowCreate(2 * P);
    k.segAlloc(B, 0, X + 8 * P, P, RW, { backing: { shadow: s, offset: 0 } });
    k.shadowWrite(s, P, bytes(5));
    expect(k.segResize(B, 0, X + 8 * P, P)).to.equal(X + 9 * P);
    expect(k.memRead(B, 0, X + 9 * P, 1)).to.deep.equal(bytes(5));
    expect(unchanged(k, () => k.segResize(B, 0, X + 8 * P, P))).to.equal(-12);
  });
  it('growing exclusive memory reads zero even where a freed tail was', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    k.memWrite(A, 0, X + P, bytes(9));
    k.segFree(A, 0, X + P, P);
    expect(k.segResize(A, 0, X, P)).to.equal(X + P);
    expect(k.memRead(A, 0, X + P, 1)).to.deep.equal(bytes(0));
  });
  it('part of a segmented segment cannot be protected', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW, { segmented: true });
    expect(unchanged(k, () => k.segProtect(A, 0, X, P, PERM_R))).to.equal(-16);
    expect(k.segProtect(A, 0, X, 2 * P, PERM_R)).to.equal(0);
    expect(k.segQuery(A, 0, 0)).to.include({ len: 2 * P, flags: 0x2001 });
  });
  it('taking from a private segment not yet copied makes its copy first', () => {
    const { k, A, B, C } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.memWrite(A, 0, X, bytes(1));
    k.segShare(A, 0, X, P, B, PERM_R);
    k.segTake(B, 0, X, P, A, RW | SEG_PRIVATE);
    k.segShare(B, 0, X, P, C, RW);
    expect(k.segTake(C, 0, X, P, B, RW)).to.equal(X);
    expect(k.segQuery(B, 0, 0)).to.include({ flags: 0x1103 });
    expect(k.memWrite(C, 0, X, bytes(2))).to.equal(1);
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(2));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(1));
  });
  it('copy-on-write of memory nobody else holds keeps the shadow', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW | SEG_PRIVATE);
    const h = (k.segQuery(A, 0, 0) as { handle: number }).handle;
    expect(k.memWrite(A, 0, X, bytes(3))).to.equal(1);
    expect(k.segQuery(A, 0, 0)).to.include({ flags: 0x1103, handle: h });
  });
  it('decommit of memory one may never write is refused', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segShare(A, 0, X, P, B, PERM_R);
    k.segTake(B, 0, X, P, A, PERM_R);
    expect(unchanged(k, () => k.segDecommit(B, 0, X, P))).to.equal(-13);
  });
  it('a private backed mapping may add W but not X', () => {
    const { k, A } = fixture();
    const s = k.shadowCreate(P, PERM_R);
    expect(unchanged(k, () => k.segAlloc(A, 0, X, P, PERM_RWX | SEG_PRIVATE, { backing: { shadow: s, offset: 0 } }))).to.equal(-13);
    expect(k.segAlloc(A, 0, X, P, RW | SEG_PRIVATE | SEG_EAGER, { backing: { shadow: s, offset: 0 } })).to.equal(X);
  });
  it('SEG_SHARED_REGION outside a share group is -EINVAL', () => {
    const { k, A } = fixture();
    expect(unchanged(k, () => k.segAlloc(A, 0, 0, P, RW | 0x400))).to.equal(-22);
  });
  it('non-integer arguments are -EINVAL', () => {
    const { k, A } = fixture();
    expect(unchanged(k, () => k.segAlloc(A, 0, NaN, P, RW))).to.equal(-22);
    expect(unchanged(k, () => k.segAlloc(A, 0, X, 1.5 * P, RW))).to.equal(-22);
    expect(unchanged(k, () => k.segQuery(A, 0, 0.5))).to.equal(-22);
    expect(unchanged(k, () => k.memRead(A, 0, X, Infinity))).to.equal(-22);
    expect(unchanged(k, () => k.segFree(A, 0, USER_TOP, P))).to.equal(-22);
  });
  it('automatic placement fails with -ENOMEM when the region is full', () => {
    const { k, A } = fixture();
    expect(k.segAlloc(A, 0, 0, USER_TOP - 0x200000, RW)).to.equal(0x200000);
    expect(unchanged(k, () => k.segAlloc(A, 0, 0, P, PERM_R))).to.equal(-12);
  });
});

describe('kernel core accessors for the Plan 9 layer', () => {
  it('forkSpace shares, copies on write, copies, or omits each segment', () => {
    const k = new Kernel();
    const par = k.spawn();
    const kid = k.spawn({ parent: par });
    for (const [i, v] of [1, 2, 3, 4].entries()) {
      k.segAlloc(par, 0, X + i * 2 * P, P, RW, { segmented: true });
      k.memWrite(par, 0, X + i * 2 * P, bytes(v));
    }
    const how = ['share', 'cow', 'copy', 'omit'] as const;
    expect(k.forkSpace(par, kid, (s) => how[(s.addr - X) / (2 * P)]!)).to.equal(0);
    expect(enumerate(k, kid).map((s) => s.addr)).to.deep.equal([X, X + 2 * P, X + 4 * P]);
    for (let i = 0; i < 3; i++) k.memWrite(kid, 0, X + i * 2 * P, bytes(10 + i));
    expect(k.memRead(par, 0, X, 1)).to.deep.equal(bytes(10)); // shared
    expect(k.memRead(par, 0, X + 2 * P, 1)).to.deep.equal(bytes(2)); // copy-on-write
    expect(k.memRead(par, 0, X + 4 * P, 1)).to.deep.equal(bytes(3)); // copied
    k.memWrite(par, 0, X + 2 * P, bytes(20));
    expect(k.memRead(kid, 0, X + 2 * P, 1)).to.deep.equal(bytes(11));
    expect(k.forkSpace(par, kid, () => 'share')).to.equal(-22); // the child is not empty
    expect(k.verify()).to.deep.equal([]);
  });
  it('forkSpace keeps aux and the segmented flag', () => {
    const k = new Kernel();
    const par = k.spawn();
    const kid = k.spawn();
    k.segAlloc(par, 0, X, P, RW, { segmented: true });
    k.segmentAt(par, X)!.aux = { slot: 5 };
    k.forkSpace(par, kid, () => 'cow');
    expect(k.segmentAt(kid, X + 1)!.aux).to.deep.equal({ slot: 5 });
    expect(k.segmentAt(kid, X)!.segmented).to.equal(true);
  });
  it('resizeMapping grows a shared mapping for its holder', () => {
    const { k, A, B } = fixture();
    const s = k.shadowCreate(P, PERM_RWX, 'anon');
    k.segAlloc(A, 0, X, P, RW, { backing: { shadow: s, offset: 0 }, segmented: true });
    k.segAlloc(B, 0, X, P, RW, { backing: { shadow: s, offset: 0 }, segmented: true });
    k.shadow(s)!.resize(2 * P);
    expect(k.resizeMapping(A, X, 2 * P)).to.equal(0);
    k.memWrite(A, 0, X + P, bytes(4));
    expect(k.shadowRead(s, P, 1)).to.deep.equal(bytes(4));
    expect(unchanged(k, () => k.resizeMapping(A, X, 3 * P))).to.equal(-22);
    expect(unchanged(k, () => k.resizeMapping(A, X + P, P))).to.equal(-14);
    k.segAlloc(B, 0, X + P, P, RW);
    expect(unchanged(k, () => k.resizeMapping(B, X, 2 * P))).to.equal(-16);
  });
  it('memReadInto fills the caller’s buffer under memRead’s checks', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    k.memWrite(A, 0, X + P - 1, bytes(7, 8));
    const dst = new Uint8Array(2);
    expect(k.memReadInto(A, 0, X + P - 1, dst)).to.equal(2);
    expect(dst).to.deep.equal(bytes(7, 8));
    expect(k.memReadInto(A, 0, X + 2 * P - 1, dst)).to.equal(-14);
    expect(k.memReadInto(A, 0, X, new Uint8Array(0))).to.equal(-22);
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
  it('a read too large to allocate is -ENOMEM and changes nothing', () => {
    const { k, A } = fixture();
    // a 4 TiB segment costs nothing until touched; a 4 TiB result buffer cannot be had
    const big = 0x3ff00000000;
    expect(k.segAlloc(A, 0, X, big, RW)).to.equal(X);
    expect(unchanged(k, () => k.memRead(A, 0, X, big))).to.equal(-12);
  });
});

describe('kernel core at scale', function () {
  this.timeout(30_000);
  it('holds 100,000 segments in one address space', () => {
    const n = 100_000;
    const k = new Kernel({ maxSegments: n });
    const A = k.spawn();
    for (let i = 0; i < n; i++) if (k.segAlloc(A, 0, X + i * 2 * P, P, RW) !== X + i * 2 * P) expect.fail(`alloc ${i}`);
    expect(k.proc(A)!.own!.count).to.equal(n);
    expect(k.segAlloc(A, 0, 0, P, RW)).to.equal(-12);
    expect(k.proc(A)!.own!.count).to.equal(n);
    expect(k.segQuery(A, 0, X + 77_777 * 2 * P - 1)).to.include({ addr: X + 77_777 * 2 * P, len: P });
    k.memWrite(A, 0, X + 99_999 * 2 * P, bytes(1));
    expect(k.memRead(A, 0, X + 99_999 * 2 * P, 1)).to.deep.equal(bytes(1));
    // filling the holes merges everything back into one segment
    for (let i = 0; i < n - 1; i++) if (k.segAlloc(A, 0, X + (2 * i + 1) * P, P, RW) < 0) expect.fail(`fill ${i}`);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: (2 * n - 1) * P, flags: RW }]);
    expect(k.memRead(A, 0, X + 99_999 * 2 * P, 1)).to.deep.equal(bytes(1));
    expect(k.verify()).to.deep.equal([]);
  });
});
