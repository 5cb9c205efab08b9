// Rules across the three systems: Plan 9 (segmented) mappings, #g shadows under private
// copies, and the translations of errno results to zx_status_t and Plan 9 error strings.

import { expect } from 'chai';
import { toErrstr, toZx } from '../../src/lib9/errno.js';
import { SEG_EAGER, SEG_PRIVATE } from '../../src/kernel/constants.js';
import { bytes, enumerate, fixture, P, RW, unchanged, X } from './helpers.js';

describe('kernel cross-seed rules', () => {
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
});
