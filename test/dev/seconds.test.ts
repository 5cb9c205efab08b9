// seconds(): the clock in whole seconds, read at most once per second.

import { expect } from 'chai';
import { seconds } from '../../src/dev/seconds.js';

describe('dev: seconds', () => {
  it('is the current time in whole seconds, the same for calls within one second', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = seconds();
    const b = seconds();
    const after = Math.floor(Date.now() / 1000);
    expect(Number.isInteger(a)).to.equal(true);
    // the cached value may predate `before` only by the timer's lateness at a boundary
    expect(a).to.be.within(before - 1, after);
    expect(b).to.be.within(a, after);
  });
});
