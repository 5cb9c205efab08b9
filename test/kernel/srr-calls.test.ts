// The SRR process segment calls: target pid rules, alloc/merge/query/free/resize,
// share/take/private/copy-on-write, protect and decommit. One test per row of the model's
// tables (G, S, T), then the decisions beyond them; failed calls are checked to change nothing.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import {
  PERM_R,
  PERM_RWX,
  PERM_W,
  PERM_X,
  SEG_COPIED,
  SEG_EAGER,
  SEG_PRIVATE,
  USER_TOP,
} from '../../src/kernel/constants.js';
import { bytes, enumerate, fixture, N, P, RW, unchanged, X } from './helpers.js';

describe('srr calls: target pid rules', () => {
  it('G1 a negative target is -EINVAL', () => {
    const { k, A } = fixture();
    expect(unchanged(k, () => k.segQuery(A, -1, 0))).to.equal(-22);
  });
  it('G2 a negative target beats the capability', () => {
    const { k, K } = fixture();
    expect(unchanged(k, () => k.segAlloc(K, -5, X, P, RW))).to.equal(-22);
  });
  it('G3 the own pid still needs CAP_PROC_SEGMENT', () => {
    const { k, A } = fixture();
    expect(unchanged(k, () => k.segQuery(A, A, 0))).to.equal(-1);
  });
  it('G4 another target without the capability is -EPERM and maps nothing', () => {
    const { k, A, B } = fixture();
    expect(unchanged(k, () => k.segAlloc(A, B, X, P, RW))).to.equal(-1);
    expect(k.segQuery(B, 0, 0)).to.equal(-2);
  });
  it('G5 permission is checked before shape', () => {
    const { k, A, B } = fixture();
    expect(unchanged(k, () => k.segAlloc(A, B, X + 1, P, RW))).to.equal(-1);
  });
  it('G6 with the capability the target is changed', () => {
    const { k, B, K } = fixture();
    expect(k.segAlloc(K, B, X, P, RW)).to.equal(X);
    expect(k.segQuery(B, 0, 0)).to.include({ addr: X, len: P, flags: 0x3 });
  });
  it('G7 a target that does not exist is -ESRCH', () => {
    const { k, K } = fixture();
    expect(unchanged(k, () => k.segQuery(K, N, 0))).to.equal(-3);
  });
  it('G8 a spawned process is empty', () => {
    const { k, A } = fixture();
    expect(k.segQuery(A, 0, 0)).to.equal(-2);
  });
});

describe('srr calls: alloc, merge, query, free, resize', () => {
  it('S1 adjacent anonymous allocations merge', () => {
    const { k, A } = fixture();
    expect(k.segAlloc(A, 0, X, P, RW)).to.equal(X);
    expect(k.segAlloc(A, 0, X + P, P, RW)).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: 2 * P, offset: 0, flen: 0, flags: 0x3 });
    expect(k.segQuery(A, 0, X + 1)).to.equal(-2);
  });
  it('S2 different rights do not merge', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    expect(k.segAlloc(A, 0, X + P, P, PERM_R)).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: P, flags: 3 });
    expect(k.segQuery(A, 0, X + 1)).to.include({ addr: X + P, len: P, flags: 1 });
  });
  it('S3 query returns the first segment starting at or above addr', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    k.segAlloc(A, 0, X + 4 * P, P, RW);
    expect(k.segQuery(A, 0, X + P)).to.include({ addr: X + 4 * P, len: P });
    expect(enumerate(k, A)).to.have.length(2);
  });
  it('S4 an overlapping fixed allocation is -EBUSY', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    expect(unchanged(k, () => k.segAlloc(A, 0, X + P, P, RW))).to.equal(-16);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: 2 * P });
  });
  it('S5 bad shapes and flags are -EINVAL', () => {
    const { k, A } = fixture();
    for (const [addr, len, flags] of [
      [X + 1, P, RW],
      [X, 0, RW],
      [X, P + 1, RW],
      [X, P, 0x8000],
      [X, P, RW | SEG_EAGER],
      [X, P, RW | SEG_COPIED],
    ] as const) {
      expect(unchanged(k, () => k.segAlloc(A, 0, addr, len, flags)), `${addr} ${len} ${flags}`).to.equal(-22);
    }
  });
  it('S6 ranges outside the user region are -EINVAL', () => {
    const { k, A } = fixture();
    expect(unchanged(k, () => k.segAlloc(A, 0, 0x1000, P, RW))).to.equal(-22);
    expect(unchanged(k, () => k.segAlloc(A, 0, USER_TOP, P, RW))).to.equal(-22);
    expect(unchanged(k, () => k.segAlloc(A, 0, USER_TOP - P, 2 * P, RW))).to.equal(-22);
  });
  it('S7 automatic placement goes down from the top', () => {
    const k = new Kernel({ maxSegments: 64 });
    const A = k.spawn();
    expect(k.segAlloc(A, 0, 0, 2 * P, RW)).to.equal(0x7fffffffd000);
    expect(k.segAlloc(A, 0, 0, P, PERM_R)).to.equal(0x7fffffffc000);
    expect(enumerate(k, A)).to.have.length(2);
  });
  it('S8 backed segments contiguous in their shadow merge', () => {
    const { k, A } = fixture();
    const s = k.shadowCreate(4 * P);
    expect(k.segAlloc(A, 0, X, P, 1, { backing: { shadow: s, offset: 0 } })).to.equal(X);
    expect(k.segAlloc(A, 0, X + P, P, 1, { backing: { shadow: s, offset: P } })).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: 2 * P, offset: 0, flen: 2 * P, handle: s });
  });
  it('S9 backed segments not contiguous in their shadow stay apart', () => {
    const { k, A } = fixture();
    const s = k.shadowCreate(4 * P);
    k.segAlloc(A, 0, X, P, 1, { backing: { shadow: s, offset: 0 } });
    k.segAlloc(A, 0, X + P, P, 1, { backing: { shadow: s, offset: 2 * P } });
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: P, offset: 0 });
    expect(k.segQuery(A, 0, X + 1)).to.include({ addr: X + P, len: P, offset: 2 * P });
  });
  it('S10 freeing the middle splits the segment', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 3 * P, RW);
    expect(k.segFree(A, 0, X + P, P)).to.equal(0);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: P });
    expect(k.segQuery(A, 0, X + 1)).to.include({ addr: X + 2 * P, len: P });
  });
  it('S11 a split past maxSegments is -ENOMEM', () => {
    const { k, A } = fixture(1);
    k.segAlloc(A, 0, X, 3 * P, RW);
    expect(unchanged(k, () => k.segFree(A, 0, X + P, P))).to.equal(-12);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: 3 * P });
  });
  it('S12 freeing nothing is fine, a zero length is not', () => {
    const { k, A } = fixture();
    expect(k.segFree(A, 0, X, P)).to.equal(0);
    expect(unchanged(k, () => k.segFree(A, 0, X, 0))).to.equal(-22);
  });
  it('S13 one free removes several segments', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segAlloc(A, 0, X + 2 * P, P, PERM_R);
    expect(k.segFree(A, 0, X, 3 * P)).to.equal(0);
    expect(k.segQuery(A, 0, 0)).to.equal(-2);
  });
  it('S14 resize returns the previous end', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    expect(k.segResize(A, 0, X, P)).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: 2 * P });
    expect(k.segResize(A, 0, X + 2 * P, -P)).to.equal(X + 2 * P);
    expect(k.segQuery(A, 0, 0)).to.include({ addr: X, len: P });
  });
  it('S15 resize errors', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segAlloc(A, 0, X + P, P, 1);
    expect(unchanged(k, () => k.segResize(A, 0, X, P))).to.equal(-16);
    expect(unchanged(k, () => k.segResize(A, 0, X + 5 * P, P))).to.equal(-14);
    expect(unchanged(k, () => k.segResize(A, 0, X, 100))).to.equal(-22);
    expect(unchanged(k, () => k.segResize(A, 0, X, -2 * P))).to.equal(-22);
  });
  it('S16 the segment containing addr is the one resized', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segAlloc(A, 0, X + P, P, 1);
    expect(k.segResize(A, 0, X + P, P)).to.equal(X + 2 * P);
    expect(k.segQuery(A, 0, X + 1)).to.include({ addr: X + P, len: 2 * P, flags: 1 });
  });
  it('S17 resizing to zero removes the segment', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    expect(k.segResize(A, 0, X, -P)).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.equal(-2);
  });
});

describe('srr calls: share, take, private, copy-on-write', () => {
  function setup(max = 64) {
    const f = fixture(max);
    expect(f.k.segAlloc(f.A, 0, X, 4 * P, RW)).to.equal(X);
    return { ...f, hA: (f.k.segQuery(f.A, 0, 0) as { handle: number }).handle };
  }
  const shareR = (f: ReturnType<typeof setup>) => expect(f.k.segShare(f.A, 0, X, 4 * P, f.B, PERM_R)).to.equal(0);
  const shareRW = (f: ReturnType<typeof setup>) => expect(f.k.segShare(f.A, 0, X, 4 * P, f.B, RW)).to.equal(0);

  it('T1 take maps part of a shared range', () => {
    const f = setup();
    shareR(f);
    expect(f.k.segTake(f.B, 0, X + P, P, f.A, PERM_R)).to.equal(X + P);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ addr: X + P, len: P, offset: P, flags: 1, handle: f.hA });
  });
  it('T2 the receiver limits rights silently', () => {
    let f = setup();
    shareRW(f);
    f.k.segTake(f.B, 0, X, P, f.A, PERM_R);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 1 });
    f = setup();
    shareRW(f);
    f.k.segTake(f.B, 0, X, P, f.A, PERM_RWX);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 3 });
  });
  it('T3 asking only for rights not granted is -EACCES', () => {
    const f = setup();
    shareR(f);
    expect(unchanged(f.k, () => f.k.segTake(f.B, 0, X, P, f.A, PERM_X))).to.equal(-13);
  });
  it('T4 the range must lie inside one grant', () => {
    const f = setup();
    expect(f.k.segShare(f.A, 0, X, 2 * P, f.B, PERM_R)).to.equal(0);
    expect(unchanged(f.k, () => f.k.segTake(f.B, 0, X + P, 2 * P, f.A, PERM_R))).to.equal(-13);
    expect(unchanged(f.k, () => f.k.segTake(f.C, 0, X, P, f.A, PERM_R))).to.equal(-13);
  });
  it('T5 a share is clipped to the sharer’s rights', () => {
    const f = setup();
    expect(f.k.segProtect(f.A, 0, X, 4 * P, PERM_R)).to.equal(0);
    expect(f.k.segShare(f.A, 0, X, P, f.B, RW)).to.equal(0);
    expect(f.k.segTake(f.B, 0, X, P, f.A, RW)).to.equal(X);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 1 });
  });
  it('T6 sharing only rights one lacks is -EACCES', () => {
    const f = setup();
    f.k.segProtect(f.A, 0, X, 4 * P, PERM_R);
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, f.B, PERM_W))).to.equal(-13);
  });
  it('T7 a private take may be writable', () => {
    const f = setup();
    shareR(f);
    expect(f.k.segTake(f.B, 0, X, P, f.A, RW | SEG_PRIVATE)).to.equal(X);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 0x103, handle: f.hA });
  });
  it('T8 before its first write a private segment sees the owner’s writes', () => {
    const f = setup();
    shareR(f);
    f.k.segTake(f.B, 0, X, P, f.A, RW | SEG_PRIVATE);
    f.k.memWrite(f.A, 0, X, bytes(1));
    expect(f.k.memRead(f.B, 0, X, 1)).to.deep.equal(bytes(1));
  });
  it('T9 the first write copies', () => {
    const f = setup();
    shareR(f);
    f.k.segTake(f.B, 0, X, P, f.A, RW | SEG_PRIVATE);
    f.k.memWrite(f.A, 0, X, bytes(1));
    expect(f.k.memWrite(f.B, 0, X, bytes(2))).to.equal(1);
    expect(f.k.memRead(f.A, 0, X, 1)).to.deep.equal(bytes(1));
    const q = f.k.segQuery(f.B, 0, 0) as { flags: number; offset: number; handle: number };
    expect(q).to.include({ flags: 0x1103, offset: 0 });
    expect(q.handle).to.not.equal(f.hA);
    f.k.memWrite(f.A, 0, X, bytes(3));
    expect(f.k.memRead(f.B, 0, X, 1)).to.deep.equal(bytes(2));
  });
  it('T10 without SEG_PRIVATE write is not granted', () => {
    const f = setup();
    shareR(f);
    f.k.segTake(f.B, 0, X, P, f.A, RW);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 1 });
    expect(unchanged(f.k, () => f.k.memWrite(f.B, 0, X, bytes(1)))).to.equal(-13);
  });
  it('T11 SEG_EAGER copies at once', () => {
    const f = setup();
    shareR(f);
    expect(f.k.segTake(f.B, 0, X, P, f.A, RW | SEG_PRIVATE | SEG_EAGER)).to.equal(X);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 0x1103 });
    f.k.memWrite(f.A, 0, X, bytes(5));
    expect(f.k.memRead(f.B, 0, X, 1)).to.deep.equal(bytes(0));
  });
  it('T12 a realtime process copies at once', () => {
    const f = setup();
    const RT = f.k.spawn({ realtime: true });
    expect(f.k.segShare(f.A, 0, X, P, RT, PERM_R)).to.equal(0);
    expect(f.k.segTake(RT, 0, X, P, f.A, RW | SEG_PRIVATE)).to.equal(X);
    expect(f.k.segQuery(RT, 0, 0)).to.include({ flags: 0x1103 });
  });
  it('T13 protect may add W only to a private segment', () => {
    const f = setup();
    shareR(f);
    f.k.segTake(f.B, 0, X, P, f.A, PERM_R);
    expect(unchanged(f.k, () => f.k.segProtect(f.B, 0, X, P, RW))).to.equal(-13);
    expect(f.k.segProtect(f.B, 0, X, P, RW | SEG_PRIVATE)).to.equal(0);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 0x103 });
  });
  it('T14 bad partners of a share', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, f.A, 1))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, N, 1))).to.equal(-3);
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, -1, 1))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, 0, 1))).to.equal(-22);
  });
  it('T15 takes of neighbouring pages merge', () => {
    const f = setup();
    shareR(f);
    expect(f.k.segTake(f.B, 0, X + P, P, f.A, 1)).to.equal(X + P);
    expect(f.k.segTake(f.B, 0, X + 2 * P, P, f.A, 1)).to.equal(X + 2 * P);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ addr: X + P, len: 2 * P, offset: P });
  });
  it('T16 a taken range whose address is in use is placed automatically', () => {
    const f = setup();
    shareR(f);
    f.k.segAlloc(f.B, 0, X, P, RW);
    expect(f.k.segTake(f.B, 0, X, P, f.A, 1)).to.equal(0x7fffffffe000);
  });
  it('T17 a shared writable take shares writes', () => {
    const f = setup();
    shareRW(f);
    f.k.segTake(f.B, 0, X, P, f.A, RW);
    expect(f.k.memWrite(f.B, 0, X, bytes(7))).to.equal(1);
    expect(f.k.memRead(f.A, 0, X, 1)).to.deep.equal(bytes(7));
  });
  it('T18 sharing for another process needs the capability', () => {
    const f = setup();
    expect(f.k.segAlloc(f.K, f.C, X, P, RW)).to.equal(X);
    expect(f.k.segShare(f.K, f.C, X, P, f.B, 1)).to.equal(0);
    expect(unchanged(f.k, () => f.k.segShare(f.A, f.C, X, P, f.B, 1))).to.equal(-1);
  });
  it('T19 rights 0 revokes a share', () => {
    const f = setup();
    shareR(f);
    expect(f.k.segShare(f.A, 0, X, P, f.B, 0)).to.equal(0);
    expect(unchanged(f.k, () => f.k.segTake(f.B, 0, X, P, f.A, 1))).to.equal(-13);
    expect(unchanged(f.k, () => f.k.segShare(f.A, 0, X, P, f.B, 0))).to.equal(-2);
  });
  it('T20 a take of memory freed since the share is -EFAULT', () => {
    const f = setup();
    shareR(f);
    f.k.segFree(f.A, 0, X, P);
    expect(unchanged(f.k, () => f.k.segTake(f.B, 0, X, P, f.A, 1))).to.equal(-14);
  });
  it('T21 a read-only shadow can be mapped writable only as private', () => {
    const f = setup();
    const s = f.k.shadowCreate(P, PERM_R);
    expect(unchanged(f.k, () => f.k.segAlloc(f.A, 0, X + 8 * P, P, RW, { backing: { shadow: s, offset: 0 } }))).to.equal(-13);
    expect(f.k.segAlloc(f.A, 0, X + 8 * P, P, RW | SEG_PRIVATE, { backing: { shadow: s, offset: 0 } })).to.equal(X + 8 * P);
    expect(f.k.memWrite(f.A, 0, X + 8 * P, bytes(9))).to.equal(1);
    expect(f.k.shadowRead(s, 0, 1)).to.deep.equal(bytes(0));
  });
});

describe('srr calls: decisions beyond the rows', () => {
  it('a take over two source mappings maps both pieces and keeps their bytes', () => {
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
    k.memWrite(B, 0, X, bytes(3));
    k.memWrite(B, 0, X + P, bytes(4));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(3));
    expect(k.memRead(A, 0, X + P, 1)).to.deep.equal(bytes(4)); // A's write made its copy, which B shares
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

describe('srr calls: a take from a private mapping not yet copied', () => {
  /** A owns X (RW) holding 1; B has taken it privately (RW | SEG_PRIVATE, not yet copied) and shares it on with C. */
  function setup(rights: number) {
    const f = fixture();
    const { k, A, B, C } = f;
    k.segAlloc(A, 0, X, P, RW);
    k.memWrite(A, 0, X, bytes(1));
    const hA = (k.segQuery(A, 0, 0) as { handle: number }).handle;
    k.segShare(A, 0, X, P, B, PERM_R);
    k.segTake(B, 0, X, P, A, RW | SEG_PRIVATE);
    expect(k.segShare(B, 0, X, P, C, rights)).to.equal(0);
    return { ...f, hA };
  }

  it('never copies the source: it keeps reading the shared shadow and does not become copied', () => {
    const { k, B, C, hA } = setup(RW);
    expect(k.segTake(C, 0, X, P, B, PERM_R)).to.equal(X);
    expect(k.segQuery(B, 0, 0)).to.include({ flags: PERM_R | PERM_W | SEG_PRIVATE, handle: hA });
    expect(k.segQuery(C, 0, 0)).to.include({ offset: 0, handle: hA });
    expect(k.shadowRefs(hA)).to.equal(3);
  });

  it('a receiver with R only maps the shared shadow and sees the owner’s later writes', () => {
    const { k, A, B, C, hA } = setup(PERM_R);
    expect(k.segTake(C, 0, X, P, B, RW)).to.equal(X);
    expect(k.segQuery(C, 0, 0)).to.include({ flags: PERM_R, handle: hA });
    k.memWrite(A, 0, X, bytes(5));
    expect(k.memRead(C, 0, X, 1)).to.deep.equal(bytes(5));
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(5));
    k.memWrite(B, 0, X, bytes(7)); // B's own copy now
    k.memWrite(A, 0, X, bytes(6));
    expect(k.memRead(C, 0, X, 1)).to.deep.equal(bytes(6));
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(7));
  });

  it('a receiver that gets W the source held only privately gets a private copy-on-write mapping', () => {
    const { k, A, B, C, hA } = setup(RW);
    expect(k.segTake(C, 0, X, P, B, RW)).to.equal(X);
    expect(k.segQuery(C, 0, 0)).to.include({ flags: RW | SEG_PRIVATE, handle: hA });
    expect(k.memRead(C, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memWrite(C, 0, X, bytes(2))).to.equal(1);
    const c = k.segQuery(C, 0, 0) as { flags: number; handle: number };
    expect(c.flags).to.equal(RW | SEG_PRIVATE | SEG_COPIED);
    expect(c.handle).to.not.equal(hA);
    // no write reached the shadow through B's private right
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.segQuery(B, 0, 0)).to.include({ flags: RW | SEG_PRIVATE, handle: hA });
  });

  it('such a private mapping is copied at once for a realtime receiver or with SEG_EAGER', () => {
    const { k, A, B, hA } = setup(RW);
    const rt = k.spawn({ realtime: true });
    k.segShare(B, 0, X, P, rt, RW);
    expect(k.segTake(rt, 0, X, P, B, RW)).to.equal(X);
    expect(k.segQuery(rt, 0, 0)).to.include({ flags: RW | SEG_PRIVATE | SEG_COPIED });
    const d = k.spawn();
    k.segShare(B, 0, X, P, d, RW);
    expect(k.segTake(d, 0, X, P, B, RW | SEG_PRIVATE | SEG_EAGER)).to.equal(X);
    expect(k.segQuery(d, 0, 0)).to.include({ flags: RW | SEG_PRIVATE | SEG_COPIED });
    k.memWrite(A, 0, X, bytes(9));
    expect(k.memRead(rt, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memRead(d, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.segQuery(B, 0, 0)).to.include({ flags: RW | SEG_PRIVATE, handle: hA });
  });

  it('W the source holds on its own copy is shared as it is', () => {
    const { k, B, C } = setup(RW);
    k.memWrite(B, 0, X, bytes(3)); // B's copy is made
    expect(k.segTake(C, 0, X, P, B, RW)).to.equal(X);
    expect(k.segQuery(C, 0, 0)).to.include({ flags: RW });
    k.memWrite(C, 0, X, bytes(4));
    expect(k.memRead(B, 0, X, 1)).to.deep.equal(bytes(4));
  });
});
