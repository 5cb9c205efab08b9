// vm_offer / vm_claim / vm_listoffer. One test per row of the model's table (O), then the
// decisions beyond it.

import { expect } from 'chai';
import { PERM_R, PERM_RWX, SEG_PRIVATE, VMO_GRANTALL, VMO_DISOWN, VMO_GRANT_R, VMO_GRANT_W } from '../../src/kernel/constants.js';
import { verify } from '../../src/kernel/inspect.js';
import type { OfferRecord } from '../../src/kernel/offers.js';
import { bytes, enumerate, fixture, N, P, RW, unchanged, X } from './helpers.js';

function setup(max = 64) {
  const f = fixture(max);
  expect(f.k.segAlloc(f.A, 0, X, 2 * P, RW)).to.equal(X);
  const hA = (f.k.segQuery(f.A, 0, 0) as { handle: number }).handle;
  return { ...f, hA, out: { localAddr: 0, size: 0 }, l: [] as OfferRecord[] };
}

describe('vm_offer calls: offers', () => {
  it('O1 a claim maps the offer and leaves the sender alone', () => {
    const f = setup();
    expect(f.k.vmOffer(f.A, f.B, X, 2 * P, VMO_GRANT_R)).to.equal(0);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.out).to.deep.equal({ localAddr: X, size: 2 * P });
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ addr: X, len: 2 * P, flags: 1, handle: f.hA });
    expect(f.k.segQuery(f.A, 0, 0)).to.include({ addr: X, len: 2 * P, flags: 3 });
  });
  it('O2 DISOWN unmaps the pages from the sender at claim time', () => {
    const f = setup();
    expect(f.k.vmOffer(f.A, f.B, X, P, 0x73)).to.equal(0);
    expect(f.k.segQuery(f.A, 0, 0)).to.include({ addr: X, len: 2 * P, flags: 3 });
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.out).to.deep.equal({ localAddr: X, size: P });
    expect(f.k.segQuery(f.A, 0, 0)).to.include({ addr: X + P, len: P, flags: 3 });
    expect(f.k.segQuery(f.A, 0, X + P + 1)).to.equal(-2);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ addr: X, len: P, flags: 3 });
  });
  it('O3 DROP_W leaves the sender read-only on those pages', () => {
    const f = setup();
    expect(f.k.vmOffer(f.A, f.B, X, P, 0x21)).to.equal(0);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.k.segQuery(f.A, 0, 0)).to.include({ addr: X, len: P, flags: 1 });
    expect(f.k.segQuery(f.A, 0, X + 1)).to.include({ addr: X + P, len: P, flags: 3 });
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ addr: X, len: P, flags: 1 });
  });
  it('O4 length 0 cancels a pending offer', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_R);
    expect(f.k.vmOffer(f.A, f.B, X, 0, 0)).to.equal(0);
    expect(unchanged(f.k, () => f.k.vmClaim(f.B, f.A, X, 0, f.out))).to.equal(-2);
  });
  it('O5 cancelling nothing: -ENOENT if mapped, -EFAULT if not', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, 0, 0))).to.equal(-2);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X + 8 * P, 0, 0))).to.equal(-14);
  });
  it('O6 cancelling after the claim is too late', () => {
    let f = setup();
    f.k.vmOffer(f.A, f.B, X, P, 0x71);
    f.k.vmClaim(f.B, f.A, X, 0, f.out);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, 0, 0))).to.equal(-14);
    f = setup();
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_R);
    f.k.vmClaim(f.B, f.A, X, 0, f.out);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, 0, 0))).to.equal(-2);
  });
  it('O7 an offer is consumed by its claim', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_R);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(unchanged(f.k, () => f.k.vmClaim(f.B, f.A, X, 0, f.out))).to.equal(-2);
  });
  it('O8 only the addressee can claim', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_R);
    expect(unchanged(f.k, () => f.k.vmClaim(f.C, f.A, X, 0, f.out))).to.equal(-2);
  });
  it('O9 bad shapes are -EINVAL', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, P + 1, 1))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X + 1, P, 1))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, -P, 1))).to.equal(-22);
  });
  it('O10 the whole range must be mapped', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, 3 * P, 1))).to.equal(-14);
  });
  it('O11 grants are clipped to the sender’s rights', () => {
    const f = setup();
    f.k.segProtect(f.A, 0, X, 2 * P, PERM_R);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_W))).to.equal(-13);
    expect(f.k.vmOffer(f.A, f.B, X, P, VMO_GRANTALL)).to.equal(0);
    const n = { n: 4 };
    expect(f.k.vmListOffer(f.A, f.l, n)).to.equal(0);
    expect(f.l[0]).to.include({ flags: 0x01 });
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, P, VMO_DISOWN))).to.equal(-22);
  });
  it('O12 unknown offer flags and any claim flags are -EINVAL', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.B, X, P, 0x100))).to.equal(-22);
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_R);
    expect(unchanged(f.k, () => f.k.vmClaim(f.B, f.A, X, 1, f.out))).to.equal(-22);
  });
  it('O13 bad receivers', () => {
    const f = setup();
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, N, X, P, 1))).to.equal(-3);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, 0, X, P, 1))).to.equal(-22);
    expect(unchanged(f.k, () => f.k.vmOffer(f.A, f.A, X, P, 1))).to.equal(-22);
  });
  it('O14 a second claim of disowned pages fails and its offer goes', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, 0x71);
    f.k.vmOffer(f.A, f.C, X, P, 0x71);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.k.vmClaim(f.C, f.A, X, 0, f.out)).to.equal(-14);
    const n = { n: 0 };
    expect(f.k.vmListOffer(f.C, [], n)).to.equal(0);
    expect(n.n).to.equal(0);
    const nA = { n: 8 };
    expect(f.k.vmListOffer(f.A, f.l, nA)).to.equal(0);
    expect(nA.n).to.equal(0);
  });
  it('O15 a new offer at the same address replaces the pending one', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, 2 * P, 1);
    expect(f.k.vmOffer(f.A, f.B, X, P, 3)).to.equal(0);
    const n = { n: 4 };
    expect(f.k.vmListOffer(f.A, f.l, n)).to.equal(0);
    expect(n.n).to.equal(1);
    expect(f.l[0]).to.include({ kind: 'offer', direction: 'sent', src: f.A, dest: f.B, addr: X, len: P, flags: 3 });
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.out.size).to.equal(P);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 3 });
  });
  function o16() {
    const f = setup();
    f.k.segAlloc(f.B, 0, 0x20000000, P, RW);
    f.k.vmOffer(f.A, f.B, X, P, 1);
    f.k.vmOffer(f.A, f.C, X + P, P, 1);
    f.k.vmOffer(f.B, f.A, 0x20000000, P, 1);
    return f;
  }
  it('O16 the list holds sent and received offers in creation order', () => {
    const f = o16();
    const n = { n: 3 };
    expect(f.k.vmListOffer(f.A, f.l, n)).to.equal(0);
    expect(n.n).to.equal(3);
    expect(f.l.map((r) => [r.direction, r.src, r.dest, r.addr])).to.deep.equal([
      ['sent', f.A, f.B, X],
      ['sent', f.A, f.C, X + P],
      ['received', f.B, f.A, 0x20000000],
    ]);
  });
  it('O17 too small a list is -ERANGE with the count needed', () => {
    const f = o16();
    const n = { n: 2 };
    expect(unchanged(f.k, () => f.k.vmListOffer(f.A, f.l, n))).to.equal(-34);
    expect(n.n).to.equal(3);
    expect(f.l).to.have.length(0);
  });
  it('O18 empty lists and negative counts', () => {
    const f = setup();
    const n = { n: 0 };
    expect(f.k.vmListOffer(f.A, f.l, n)).to.equal(0);
    expect(n.n).to.equal(0);
    expect(f.k.vmListOffer(f.A, f.l, { n: -1 })).to.equal(-22);
  });
  it('O19 a claim whose address is taken is placed automatically', () => {
    const f = setup();
    f.k.segAlloc(f.B, 0, X, P, RW);
    f.k.vmOffer(f.A, f.B, X, P, 1);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.out.localAddr).to.equal(0x7fffffffe000);
  });
  it('O20 a claim past maxSegments is -ENOMEM and keeps the offer', () => {
    const f = setup(2);
    f.k.segAlloc(f.B, 0, 0x20000000, P, RW);
    f.k.segAlloc(f.B, 0, 0x30000000, P, PERM_R);
    f.k.vmOffer(f.A, f.B, X, P, 1);
    expect(unchanged(f.k, () => f.k.vmClaim(f.B, f.A, X, 0, f.out))).to.equal(-12);
    const n = { n: 4 };
    expect(f.k.vmListOffer(f.B, f.l, n)).to.equal(0);
    expect(n.n).to.equal(1);
    expect(f.k.segQuery(f.A, 0, 0)).to.include({ addr: X, len: 2 * P, flags: 3 });
  });
  it('O21 an exited sender takes its offers with it', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, 1);
    f.k.exit(f.A);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(-3);
    const n = { n: 4 };
    expect(f.k.vmListOffer(f.B, f.l, n)).to.equal(0);
    expect(n.n).to.equal(0);
  });
  it('O22 a write-only grant can be written but not read', () => {
    const f = setup();
    f.k.vmOffer(f.A, f.B, X, P, VMO_GRANT_W);
    expect(f.k.vmClaim(f.B, f.A, X, 0, f.out)).to.equal(0);
    expect(f.k.segQuery(f.B, 0, 0)).to.include({ flags: 2 });
    expect(unchanged(f.k, () => f.k.memRead(f.B, 0, X, 1))).to.equal(-13);
    expect(f.k.memWrite(f.B, 0, X, bytes(1))).to.equal(1);
  });
});

describe('vm_offer calls: decisions beyond the rows', () => {
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
    expect(verify(k)).to.deep.equal([]);
  });
  it('a claim of W the sender held only privately is private copy-on-write; of R, the shared shadow', () => {
    const { k, A, B, C } = fixture();
    k.segAlloc(A, 0, X, 2 * P, RW);
    k.memWrite(A, 0, X, bytes(1));
    const hA = (k.segQuery(A, 0, 0) as { handle: number }).handle;
    k.segShare(A, 0, X, 2 * P, C, PERM_R);
    k.segTake(C, 0, X, 2 * P, A, RW | SEG_PRIVATE);
    const out = { localAddr: 0, size: 0 };
    expect(k.vmOffer(C, B, X, P, VMO_GRANT_R | VMO_GRANT_W)).to.equal(0);
    expect(k.vmOffer(C, B, X + P, P, VMO_GRANT_R)).to.equal(0);
    expect(k.vmClaim(B, C, X, 0, out)).to.equal(0);
    expect(k.vmClaim(B, C, X + P, 0, out)).to.equal(0);
    expect(k.segQuery(C, 0, 0)).to.include({ flags: RW | SEG_PRIVATE, handle: hA, len: 2 * P });
    expect(k.segQuery(B, 0, 0)).to.include({ addr: X, len: P, flags: RW | SEG_PRIVATE, handle: hA });
    expect(k.segQuery(B, 0, X + 1)).to.include({ addr: X + P, len: P, flags: PERM_R, handle: hA, offset: P });
    k.memWrite(B, 0, X, bytes(2));
    expect(k.memRead(A, 0, X, 1)).to.deep.equal(bytes(1));
    expect(k.memRead(C, 0, X, 1)).to.deep.equal(bytes(1));
    k.memWrite(A, 0, X + P, bytes(9));
    expect(k.memRead(B, 0, X + P, 1)).to.deep.equal(bytes(9));
  });
  it('a claim whose drops unmap the source lets rule (b) merge the received page into its neighbour’s shadow', () => {
    const { k, A, B } = fixture();
    k.segAlloc(B, 0, X, P, PERM_RWX);
    k.memWrite(B, 0, X, bytes(2));
    const hB = (k.segQuery(B, 0, 0) as { handle: number }).handle;
    k.segAlloc(A, 0, X + P, P, PERM_RWX);
    k.memWrite(A, 0, X + P, bytes(1));
    const hA = (k.segQuery(A, 0, 0) as { handle: number }).handle;
    expect(k.vmOffer(A, B, X + P, P, VMO_GRANTALL | VMO_DISOWN)).to.equal(0);
    const out = { localAddr: 0, size: 0 };
    expect(k.vmClaim(B, A, X + P, 0, out)).to.equal(0);
    expect(out.localAddr).to.equal(X + P);
    expect(k.segQuery(A, 0, 0)).to.equal(-2);
    expect(enumerate(k, B)).to.deep.equal([{ addr: X, len: 2 * P, flags: PERM_RWX }]);
    expect(k.segQuery(B, 0, 0)).to.include({ handle: hB });
    expect(k.shadowRefs(hA)).to.equal(0);
    expect(k.memRead(B, 0, X, 2)).to.deep.equal(bytes(2, 0));
    expect(k.memRead(B, 0, X + P, 1)).to.deep.equal(bytes(1));
    expect(verify(k)).to.deep.equal([]);
  });
});
