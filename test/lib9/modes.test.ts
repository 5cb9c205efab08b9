// intro(5) and stat(5): a qid's type is the top byte of its file's mode, so every QT bit is
// the DM bit of the same name shifted down 24; open modes fit in the mode byte of Topen.

import { expect } from 'chai';
import * as M from '../../src/lib9/modes.js';

describe('lib9 modes: qid types, mode bits and open modes', () => {
  it('each QT bit is its DM bit >> 24', () => {
    const pairs: [number, number][] = [
      [M.QTDIR, M.DMDIR], [M.QTAPPEND, M.DMAPPEND], [M.QTEXCL, M.DMEXCL], [M.QTMOUNT, M.DMMOUNT],
      [M.QTAUTH, M.DMAUTH], [M.QTTMP, M.DMTMP], [M.QTSYMLINK, M.DMSYMLINK],
    ];
    for (const [qt, dm] of pairs) expect(dm >>> 24, `0x${dm.toString(16)}`).to.equal(qt);
    expect(M.QTFILE).to.equal(0);
  });

  it('the mode bits are distinct and above the permission bits', () => {
    const bits = Object.entries(M).filter(([k]) => k.startsWith('DM')).map(([, v]) => v as number);
    let seen = 0;
    for (const b of bits) {
      expect(b & 0o777, `0x${b.toString(16)}`).to.equal(0);
      expect(seen & b).to.equal(0);
      seen |= b;
    }
  });

  it('open modes: the access mode in the low two bits, the flags above, all in one byte', () => {
    expect([M.OREAD, M.OWRITE, M.ORDWR, M.OEXEC]).to.deep.equal([0, 1, 2, 3]);
    for (const f of [M.OTRUNC, M.OCEXEC, M.ORCLOSE]) {
      expect(f & 3).to.equal(0);
      expect(f).to.be.below(0x100);
    }
  });
});
