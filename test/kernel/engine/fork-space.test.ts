// The engine's copy-on-write across two address spaces, driven by a fork over the engine alone:
// shared memory, copy-on-write copies on both sides, eager copies, and what is left out.

import { expect } from 'chai';
import { USER_BASE, USER_TOP } from '../../../src/kernel/constants.js';
import { AddressSpace } from '../../../src/kernel/engine/address-space.js';
import { Mapping } from '../../../src/kernel/engine/mapping.js';
import { Memory } from '../../../src/kernel/engine/memory.js';
import { run } from '../../../src/kernel/engine/transaction.js';
import { bytes, P, RW, X } from '../helpers.js';
import { forkSpace, load, store } from './fork-space.js';

/** An engine and two normal spaces; the parent holds one segmented page at X + 2iP per value, holding that value. */
function world(values: number[]) {
  const mem = new Memory(64);
  const par = new AddressSpace('normal', USER_BASE, USER_TOP);
  const kid = new AddressSpace('normal', USER_BASE, USER_TOP);
  run(mem, () => {
    values.forEach((v, i) => {
      const shadow = mem.newShadow(P);
      shadow.write(0, bytes(v));
      const m = new Mapping({ addr: X + i * 2 * P, len: P, rights: RW, maxRights: 7, shadow, offset: 0, isPrivate: false, copied: false, segmented: true, region: 'normal' });
      mem.map(par, m);
    });
    return 0;
  });
  return { mem, par, kid };
}

describe('kernel engine copy-on-write across spaces (fork)', () => {
  it('shares, copies on write, copies, or omits each mapping', () => {
    const { mem, par, kid } = world([1, 2, 3, 4]);
    const how = ['share', 'cow', 'copy', 'omit'] as const;
    expect(forkSpace(mem, par, kid, (m) => how[(m.addr - X) / (2 * P)]!)).to.equal(0);
    expect([...kid.mappings].map((m) => m.addr)).to.deep.equal([X, X + 2 * P, X + 4 * P]);
    for (let i = 0; i < 3; i++) store(mem, kid, X + i * 2 * P, bytes(10 + i));
    expect(load(par, X, 1)).to.deep.equal(bytes(10)); // shared
    expect(load(par, X + 2 * P, 1)).to.deep.equal(bytes(2)); // copy-on-write
    expect(load(par, X + 4 * P, 1)).to.deep.equal(bytes(3)); // copied
    store(mem, par, X + 2 * P, bytes(20));
    expect(load(kid, X + 2 * P, 1)).to.deep.equal(bytes(11));
    expect(forkSpace(mem, par, kid, () => 'share')).to.equal(-22); // the child is not empty
    for (const s of mem.shadows()) expect(s.refs).to.be.greaterThan(0);
  });
  it('keeps the segmented flag, and a copy-on-write fork makes both sides private', () => {
    const { mem, par, kid } = world([1]);
    forkSpace(mem, par, kid, () => 'cow');
    const [p] = [...par.mappings];
    const [c] = [...kid.mappings];
    expect([p!.segmented, p!.isPrivate, p!.copied]).to.deep.equal([true, true, false]);
    expect([c!.segmented, c!.isPrivate, c!.copied]).to.deep.equal([true, true, false]);
    expect(c!.shadow).to.equal(p!.shadow);
    expect(p!.shadow.refs).to.equal(2);
  });
});
