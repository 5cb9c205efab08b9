// The Kernel at scale: 100,000 mappings in one address space.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { verify } from '../../src/kernel/inspect.js';
import { bytes, enumerate, P, RW, X } from './helpers.js';

describe('kernel at scale', function () {
  this.timeout(30_000);
  it('holds 100,000 segments in one address space', () => {
    const n = 100_000;
    const k = new Kernel({ maxSegments: n });
    const A = k.spawn();
    for (let i = 0; i < n; i++) if (k.segAlloc(A, 0, X + i * 2 * P, P, RW) !== X + i * 2 * P) expect.fail(`alloc ${i}`);
    expect(k.proc(A)!.own!.count).to.equal(n);
    expect(k.segAlloc(A, 0, 0, P, RW)).to.equal(-12);
    expect(k.proc(A)!.own!.count).to.equal(n);
    expect(k.segQuery(A, 0, X + 77_777 * 2 * P - 1)).to.include({ addr: X + 77_777 * 2 * P, len: P });
    k.memWrite(A, 0, X + 99_999 * 2 * P, bytes(1));
    expect(k.memRead(A, 0, X + 99_999 * 2 * P, 1)).to.deep.equal(bytes(1));
    // filling the holes merges everything back into one segment
    for (let i = 0; i < n - 1; i++) if (k.segAlloc(A, 0, X + (2 * i + 1) * P, P, RW) < 0) expect.fail(`fill ${i}`);
    expect(enumerate(k, A)).to.deep.equal([{ addr: X, len: (2 * n - 1) * P, flags: RW }]);
    expect(k.memRead(A, 0, X + 99_999 * 2 * P, 1)).to.deep.equal(bytes(1));
    expect(verify(k)).to.deep.equal([]);
  });
});
