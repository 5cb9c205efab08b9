// libc's strtoull(s, 0, 0) and tokenize, and the kernel's parsecmd, as the #g ctl file uses them.

import { expect } from 'chai';
import { parsecmd, tokenize } from '../../src/lib9/parse-cmd.js';
import { strtoull } from '../../src/lib9/strtoull.js';

describe('plan9 strtoull (base 0, 64-bit)', () => {
  const cases: [string, bigint][] = [
    ['0', 0n],
    ['', 0n],
    ['junk', 0n],
    ['0x', 0n],
    ['4096', 4096n],
    ['0x1000', 0x1000n],
    ['0X1000', 0x1000n],
    ['0xABCdef', 0xabcdefn],
    ['010', 8n],
    ['09', 0n], // octal stops at 9
    ['0x1000zz', 0x1000n],
    ['  \t\n+12', 12n],
    ['-1', 0xffffffffffffffffn],
    ['-4096', 0xfffffffffffff000n],
    ['18446744073709551615', 0xffffffffffffffffn],
    ['18446744073709551616', 0xffffffffffffffffn],
    ['-99999999999999999999999', 0xffffffffffffffffn],
    ['0xffffffffffffffff', 0xffffffffffffffffn],
    ['0x10000000000000000', 0xffffffffffffffffn],
  ];
  for (const [s, want] of cases) {
    it(`${JSON.stringify(s)} is 0x${want.toString(16)}`, () => {
      expect(strtoull(s)).to.equal(want);
    });
  }
});

describe('plan9 tokenize and parsecmd', () => {
  it('splits on runs of space, tab, CR and LF', () => {
    expect(tokenize('  a\tb\r\n c  ')).to.deep.equal(['a', 'b', 'c']);
    expect(tokenize('')).to.deep.equal([]);
    expect(tokenize(' \t ')).to.deep.equal([]);
  });

  it('honours quotes, and a doubled quote inside them', () => {
    expect(tokenize("'a b' c")).to.deep.equal(['a b', 'c']);
    expect(tokenize("x'a b'y z")).to.deep.equal(['xa by', 'z']);
    expect(tokenize("'it''s' ok")).to.deep.equal(["it's", 'ok']);
    expect(tokenize("''")).to.deep.equal(['']);
    expect(tokenize("'open to the end")).to.deep.equal(['open to the end']);
  });

  it('parsecmd drops one trailing newline and stops at NUL', () => {
    expect(parsecmd(Buffer.from('va 1 2\n'))).to.deep.equal(['va', '1', '2']);
    expect(parsecmd(Buffer.from("'a\n'\n"))).to.deep.equal(['a\n']);
    expect(parsecmd(Buffer.from('va 1\0 2'))).to.deep.equal(['va', '1']);
    expect(parsecmd(Buffer.from(''))).to.deep.equal([]);
  });
});
