// hex: Plan 9's %#p and C's %#x.

import { expect } from 'chai';
import { hex } from '../../src/lib9/fmt.js';

describe('lib9 fmt hex', () => {
  it('%#p prefixes every value, zero included', () => {
    expect([hex(0x10000000), hex(0), hex(255n)]).to.deep.equal(['0x10000000', '0x0', '0xff']);
  });

  it("%#x prints zero bare, as C does", () => {
    expect([hex(0x2000, 'x'), hex(0, 'x'), hex(0n, 'x'), hex(1n << 63n, 'x')]).to.deep.equal(['0x2000', '0', '0', '0x8000000000000000']);
  });
});
