// What parsecmd sees of a control message (cmdText) and the per-field quoting that #p's
// commands rely on (tokenizeFields). tokenize and parsecmd's fields are tested with strtoull
// in test/plan9/plan9-parse.test.ts.

import { expect } from 'chai';
import { cmdText, tokenizeFields } from '../../src/lib9/parse-cmd.js';

describe('lib9 parse-cmd: cmdText and tokenizeFields', () => {
  it('cmdText ends at the first NUL and drops one trailing newline, not two', () => {
    expect(cmdText(Buffer.from('va 1 2\n'))).to.equal('va 1 2');
    expect(cmdText(Buffer.from('va 1 2\n\n'))).to.equal('va 1 2\n');
    expect(cmdText(Buffer.from('va\0 1\n'))).to.equal('va');
    expect(cmdText(Buffer.from('\n'))).to.equal('');
    expect(cmdText(new Uint8Array(0))).to.equal('');
  });

  it('cmdText reads bytes as Latin-1, one character per byte, and honours a view’s offset', () => {
    expect(cmdText(Uint8Array.of(0x61, 0xff, 0x80))).to.equal('a\xff\x80');
    const whole = Buffer.from('xxva 1\nyy');
    expect(cmdText(whole.subarray(2, 7))).to.equal('va 1');
  });

  it('tokenizeFields marks a field quoted when any part of it was inside quotes', () => {
    expect(tokenizeFields("memwrite 0x10 'hi there' 6869")).to.deep.equal([
      { text: 'memwrite', quoted: false },
      { text: '0x10', quoted: false },
      { text: 'hi there', quoted: true },
      { text: '6869', quoted: false },
    ]);
    expect(tokenizeFields("a'b'c")).to.deep.equal([{ text: 'abc', quoted: true }]);
    expect(tokenizeFields("''")).to.deep.equal([{ text: '', quoted: true }]);
    expect(tokenizeFields('')).to.deep.equal([]);
  });
});
