// Loads and stores: memReadInto under memRead's checks, and reads too large to allocate.

import { expect } from 'chai';
import { bytes, fixture, P, RW, unchanged, X } from './helpers.js';

describe('kernel memory access', () => {
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
  it('a read too large to allocate is -ENOMEM and changes nothing', () => {
    const { k, A } = fixture();
    // a 4 TiB segment costs nothing until touched; a 4 TiB result buffer cannot be had
    const big = 0x3ff00000000;
    expect(k.segAlloc(A, 0, X, big, RW)).to.equal(X);
    expect(unchanged(k, () => k.memRead(A, 0, X, big))).to.equal(-12);
  });
});
