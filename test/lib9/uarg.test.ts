// System call arguments as C's unsigned 64-bit values: negative numbers wrap, a number that
// is not finite is refused, and page rounding wraps at 2^64 so the kernel's `top <= va` check
// sees what C would.

import { expect } from 'chai';
import { Ebadarg } from '../../src/lib9/errors.js';
import { BY2PG } from '../../src/lib9/mem.js';
import { PGMASK, U64, pground, u64 } from '../../src/lib9/uarg.js';
import { errstr } from '../helpers/errstr.js';

describe('lib9 uarg: u64 and pground', () => {
  it('u64 keeps non-negative values, wraps negative ones modulo 2^64 and truncates fractions', () => {
    expect(u64(0)).to.equal(0n);
    expect(u64(0x1000)).to.equal(0x1000n);
    expect(u64(-1)).to.equal(U64);
    expect(u64(-4096)).to.equal(U64 - 4095n);
    expect(u64(1.9)).to.equal(1n);
    expect(u64(Number.MAX_SAFE_INTEGER)).to.equal(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('u64 of a bigint is its low 64 bits', () => {
    expect(u64(1n << 64n)).to.equal(0n);
    expect(u64((1n << 64n) + 5n)).to.equal(5n);
    expect(u64(-2n)).to.equal(U64 - 1n);
  });

  it('u64 of NaN or an infinity is `bad arg in system call`', () => {
    for (const bad of [NaN, Infinity, -Infinity]) expect(errstr(() => u64(bad))).to.equal(Ebadarg);
  });

  it('pground rounds up to a page and wraps past 2^64 - 1', () => {
    expect(PGMASK).to.equal(BigInt(BY2PG - 1));
    expect(pground(0n)).to.equal(0n);
    expect(pground(1n)).to.equal(BigInt(BY2PG));
    expect(pground(BigInt(BY2PG))).to.equal(BigInt(BY2PG));
    expect(pground(BigInt(BY2PG) + 1n)).to.equal(BigInt(2 * BY2PG));
    // va+len beyond the top page wraps to 0, as the 64-bit sum does in C
    expect(pground(U64)).to.equal(0n);
    expect(pground(U64 - PGMASK)).to.equal(U64 - PGMASK);
  });
});
