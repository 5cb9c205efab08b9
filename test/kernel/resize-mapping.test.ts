// resizeMapping: the Plan 9 layer's segbrk of a segment others hold too.

import { expect } from 'chai';
import { PERM_RWX } from '../../src/kernel/constants.js';
import { bytes, fixture, P, RW, unchanged, X } from './helpers.js';

describe('kernel resizeMapping', () => {
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
});
