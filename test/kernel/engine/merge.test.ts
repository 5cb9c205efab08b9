// The merge rule as operations apply it: neighbours join after every change in the space the
// change was made in, as often as the rule allows, and a rule-(b) merge keeps both sides' bytes.

import { expect } from 'chai';
import { PERM_R, PERM_RWX } from '../../../src/kernel/constants.js';
import { mergeablePairs, verify } from '../../../src/kernel/inspect.js';
import { bytes, enumerate, fixture, P, RW, unchanged, X } from '../helpers.js';

describe('kernel engine merging', () => {
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
    expect(verify(k)).to.deep.equal([]);
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
    expect(verify(k)).to.deep.equal([]);
  });
  it('a reference dropped by another process merges nothing here', () => {
    const { k, A, B } = fixture();
    k.segAlloc(A, 0, X, P, RW);
    k.segShare(A, 0, X, P, B, RW);
    k.segTake(B, 0, X, P, A, RW);
    k.segAlloc(A, 0, X + P, P, RW);
    expect(enumerate(k, A)).to.have.length(2);
    k.exit(B);
    expect(enumerate(k, A)).to.have.length(2);
    expect(verify(k)).to.deep.equal([]);
  });
  it('bug: a segProtect over two mappings also merges the result with its right neighbour', () => {
    // segAlloc 5P RW, segProtect the first 3P RWX, then segProtect [X+2P, X+4P) RW: the two
    // changed pieces merged with each other but never with [X+4P, X+5P), which the rule joins
    const { k, A } = fixture();
    expect(k.segAlloc(A, 0, X, 5 * P, RW)).to.equal(X);
    expect(k.segProtect(A, 0, X, 3 * P, PERM_RWX)).to.equal(0);
    expect(k.segProtect(A, 0, X + 2 * P, 2 * P, RW)).to.equal(0);
    expect(enumerate(k, A)).to.deep.equal([
      { addr: X, len: 2 * P, flags: PERM_RWX },
      { addr: X + 2 * P, len: 3 * P, flags: RW },
    ]);
    expect(mergeablePairs(k)).to.deep.equal([]);
    expect(verify(k)).to.deep.equal([]);
  });
  it('a change merges to the left and to the right as far as the rule allows', () => {
    const { k, A } = fixture();
    k.segAlloc(A, 0, X, 6 * P, RW);
    k.segProtect(A, 0, X + P, P, PERM_R);
    k.segProtect(A, 0, X + 3 * P, P, PERM_R);
    expect(enumerate(k, A)).to.have.length(5);
    expect(k.segProtect(A, 0, X + P, 3 * P, RW)).to.equal(0);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: 6 * P, flags: RW }]);
    expect(unchanged(k, () => k.segProtect(A, 0, X, 7 * P, RW))).to.equal(-14);
  });
});
