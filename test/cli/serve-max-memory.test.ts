// `segfs serve --max-memory SIZE`: bytes or a number with K, M, G, T; absent, the kernel's
// default (half of the machine's memory).

import { expect } from 'chai';
import { parseServeArgs } from '../../src/cli/serve.js';
import { defaultMaxMemory, parseMemorySize } from '../../src/serve/serve.js';

describe('segfs serve --max-memory', () => {
  it('takes bytes, 512M, 4G and the like', () => {
    expect(parseServeArgs(['--max-memory', '512M'])!.maxMemory).to.equal(512 << 20);
    expect(parseServeArgs(['--max-memory=4G'])!.maxMemory).to.equal(4 * 2 ** 30);
    expect(parseServeArgs(['--max-memory', '1048576'])!.maxMemory).to.equal(1 << 20);
    expect(parseMemorySize('1.5GiB')).to.equal(1.5 * 2 ** 30);
    expect(parseMemorySize('64k')).to.equal(64 << 10);
  });

  it('is absent unless given, and the default is half of the memory', () => {
    expect(parseServeArgs([])).to.not.have.property('maxMemory');
    expect(defaultMaxMemory()).to.be.above(0);
  });

  it('refuses what is not a size, naming the forms', () => {
    expect(() => parseServeArgs(['--max-memory', 'lots'])).to.throw(/--max-memory: "lots" is not a memory size.*512M/);
    expect(() => parseServeArgs(['--max-memory', '0'])).to.throw(/not a memory size/);
    expect(() => parseServeArgs(['--max-memory', '4X'])).to.throw(/not a memory size/);
  });
});
