// The memory budget (Kernel's maxMemory, src/kernel/engine/memory-budget.ts): chunks made on
// first touch are counted; a call that would pass the budget fails with -ENOMEM (a harness
// call with Plan9Error Enovmem) and changes nothing; freed memory comes back to the budget.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { CHUNK, Shadow } from '../../src/kernel/engine/shadow.js';
import { MemoryBudget } from '../../src/kernel/engine/memory-budget.js';
import { CAP_PROC_SEGMENT } from '../../src/kernel/constants.js';
import { Enovmem } from '../../src/lib9/errors.js';
import { P, RW, X, unchanged } from './helpers.js';

const ENOMEM = -12;

function budgeted(maxMemory: number) {
  const k = new Kernel({ maxMemory });
  return { k, A: k.spawn(), K: k.spawn({ caps: CAP_PROC_SEGMENT }) };
}

describe('kernel memory budget', () => {
  it('counts the chunks touched, not the sizes made', () => {
    const { k, K, A } = budgeted(16 * P);
    expect(k.segAlloc(K, A, X, 8 * P, RW)).to.equal(X);
    expect(k.memory.committed).to.equal(0);
    expect(k.memWrite(K, A, X, Uint8Array.of(1))).to.equal(1);
    expect(k.memory).to.deep.include({ max: 16 * P, committed: 8 * P });
  });

  it('refuses a store past the budget with -ENOMEM and changes nothing', () => {
    const { k, K, A } = budgeted(3 * P);
    expect(k.segAlloc(K, A, X, 2 * P, RW)).to.equal(X);
    expect(k.segAlloc(K, A, X + 4 * P, 2 * P, RW)).to.equal(X + 4 * P);
    expect(k.memWrite(K, A, X, Uint8Array.of(1))).to.equal(1);
    expect(unchanged(k, () => k.memWrite(K, A, X + 4 * P, Uint8Array.of(2)))).to.equal(ENOMEM);
    expect(k.memory.committed).to.equal(2 * P);
  });

  it('refuses to make a segment whose first chunk cannot fit', () => {
    const { k, K, A } = budgeted(4 * P);
    expect(unchanged(k, () => k.segAlloc(K, A, X, 8 * P, RW))).to.equal(ENOMEM);
    expect(() => k.shadowCreate(8 * P)).to.throw(Enovmem);
  });

  it('gives freed memory back: create, fill, free, create and fill again', () => {
    const { k, K, A } = budgeted(4 * P);
    for (let round = 0; round < 3; round++) {
      expect(k.segAlloc(K, A, X, 4 * P, RW)).to.equal(X);
      expect(k.memWrite(K, A, X, new Uint8Array(4 * P).fill(round + 1))).to.equal(4 * P);
      expect(k.memory.committed).to.equal(4 * P);
      expect(k.segFree(K, A, X, 4 * P)).to.equal(0);
      expect(k.memory.committed).to.equal(0);
    }
    const id = k.shadowCreate(4 * P);
    k.shadowWrite(id, 0, Uint8Array.of(1));
    expect(k.memory.committed).to.equal(4 * P);
    k.shadowPut(id);
    expect(k.memory.committed).to.equal(0);
  });

  it('gives back the memory of a process that exits', () => {
    const { k, K, A } = budgeted(4 * P);
    expect(k.segAlloc(K, A, X, 4 * P, RW)).to.equal(X);
    expect(k.memWrite(K, A, X, Uint8Array.of(1))).to.equal(1);
    k.exit(A);
    expect(k.memory.committed).to.equal(0);
  });

  it('commits all chunks of a write or none of them', () => {
    const budget = new MemoryBudget(CHUNK + P);
    const s = new Shadow(1, 2 * CHUNK, 7, 'anon', budget);
    expect(() => s.write(CHUNK - 1, Uint8Array.of(1, 2))).to.throw(Enovmem);
    expect(budget.committed).to.equal(0);
    const out = new Uint8Array(2);
    s.read(CHUNK - 1, out);
    expect([...out]).to.deep.equal([0, 0]);
  });

  it('charges the growth of a growable chunk and refuses it past the budget', () => {
    const budget = new MemoryBudget(4 * P);
    const s = new Shadow(1, P, 7, 'global', budget);
    s.write(0, Uint8Array.of(1));
    s.resize(2 * P); // a #g segment's chunk grows in place at once
    expect(budget.committed).to.equal(2 * P);
    expect(() => s.resize(8 * P)).to.throw(Enovmem);
    expect([s.size, budget.committed]).to.deep.equal([2 * P, 2 * P]);
    s.free();
    expect(budget.committed).to.equal(0);
  });

  it('refuses a budget that is not a byte count', () => {
    expect(() => new Kernel({ maxMemory: -1 })).to.throw(RangeError);
    expect(() => new Kernel({ maxMemory: 1.5 })).to.throw(RangeError);
  });
});
