// MappingList against a plain sorted array, with enough mappings to split, merge and empty
// blocks (a block holds 512): every query answers as a linear scan would.

import { expect } from 'chai';
import { MappingList } from '../../../src/kernel/engine/mapping-list.js';
import { Mapping } from '../../../src/kernel/engine/mapping.js';
import { Shadow } from '../../../src/kernel/engine/shadow.js';

const P = 0x1000;
const BASE = 0x200000;
const SLOTS = 6000;
const shadow = new Shadow(1, P, 7, 'anon');

function seg(slot: number, pages: number): Mapping {
  return new Mapping({
    addr: BASE + slot * P,
    len: pages * P,
    rights: 3,
    maxRights: 7,
    shadow,
    offset: 0,
    isPrivate: false,
    copied: false,
    segmented: false,
    region: 'normal',
  });
}

describe('kernel engine MappingList', () => {
  it('answers like a linear scan through thousands of inserts and removes', () => {
    let x = 99;
    const int = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    const list = new MappingList();
    let model: Mapping[] = [];
    const free = (slot: number, pages: number) =>
      slot + pages <= SLOTS && model.every((s) => s.end <= BASE + slot * P || s.addr >= BASE + (slot + pages) * P);
    let peak = 0;
    for (let step = 0; step < 12_000; step++) {
      const grow = step < 6000 ? int(10) < 8 : int(10) < 4;
      if (grow || model.length === 0) {
        const slot = int(SLOTS);
        const pages = 1 + int(2);
        if (!free(slot, pages)) continue;
        const s = seg(slot, pages);
        list.insert(s);
        model.push(s);
        model.sort((a, b) => a.addr - b.addr);
      } else {
        const s = model[int(model.length)]!;
        expect(list.remove(s)).to.equal(true);
        expect(list.remove(s)).to.equal(false);
        model = model.filter((m) => m !== s);
      }
      if (step % 97 === 0) {
        expect([...list]).to.deep.equal(model);
        for (let i = 0; i < 20; i++) {
          const a = BASE + int(SLOTS * P + P) - P / 2;
          expect(list.find(a), `find ${a}`).to.equal(model.find((s) => s.addr <= a && a < s.end));
          expect(list.ceil(a)).to.equal(model.find((s) => s.addr >= a));
          expect(list.floor(a)).to.equal(model.filter((s) => s.addr <= a).pop());
          const to = a + int(40 * P);
          expect(list.overlapping(a, to)).to.deep.equal(model.filter((s) => s.addr < to && s.end > a));
          const len = (1 + int(4)) * P;
          expect(list.highestFit(BASE, BASE + SLOTS * P, len)).to.equal(highestFit(model, len));
        }
      }
      expect(list.size).to.equal(model.length);
      peak = Math.max(peak, model.length);
    }
    expect(peak, 'enough segments for several blocks').to.be.greaterThan(1500);
    expect(model.length, 'and back to few').to.be.lessThan(500);
  });
});

/** The highest va with [va, va+len) free in [BASE, BASE + SLOTS pages), by a scan. */
function highestFit(model: Mapping[], len: number): number {
  let hi = BASE + SLOTS * P;
  for (let i = model.length - 1; i >= 0; i--) {
    if (hi - model[i]!.end >= len) return hi - len;
    hi = model[i]!.addr;
  }
  return hi - BASE >= len ? hi - len : -1;
}
