// The merge rule as operations apply it: neighbours join after every change in the space the
// change was made in, as often as the rule allows, and a rule-(b) merge keeps both sides' bytes.

import { expect } from 'chai';
import { PERM_R } from '../../../src/kernel/constants.js';
import { verify } from '../../../src/kernel/inspect.js';
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
});
