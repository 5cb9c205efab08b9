// The one place errors meet the wire: a Plan9Error becomes Rerror (9P2000: the string; .u: the
// string and the errno) or Rlerror (the errno); anything else is an internal `i/o error`.

import { expect } from 'chai';
import * as E from '../../../src/lib9/errors.js';
import { MsgType } from '../../../src/9p/codec/types.js';
import { describe as describeError, errorReply } from '../../../src/9p/server/wire-error.js';
import { ERRMAX } from '../../../src/9p/codec/constants.js';

describe('9P server error replies', () => {
  it('a Plan9Error in each dialect', () => {
    const e = new E.Plan9Error(E.Enonexist);
    expect(errorReply(7, e, '9P2000')).to.deep.equal({ type: MsgType.Rerror, tag: 7, ename: E.Enonexist });
    expect(errorReply(7, e, '9P2000.u')).to.deep.equal({ type: MsgType.Rerror, tag: 7, ename: E.Enonexist, errno: 2 });
    expect(errorReply(7, e, '9P2000.L')).to.deep.equal({ type: MsgType.Rlerror, tag: 7, ecode: 2 });
  });

  it("the server's own protocol errors keep their errnos", () => {
    const want: [string, number][] = [
      [E.Eunknownfid, 9], [E.Edupfid, 9], [E.Ebadusefid, 9], [E.Ebadoffset, 29], [E.Enotversion, 71],
      [E.Eduptag, 71], [E.Enoauth, 2], [E.Einval, 22], [E.Enosys, 38], [E.Enotsup, 95], [E.Enodata, 61],
      [E.Ewstatdir, 1], [E.Etoomanyfids, 24], [E.Enotdir, 20], [E.Eisdir, 21], [E.Eexist, 17],
      [E.Ebadchar, 22], [E.Enegoff, 22], [E.Eshort, 22],
    ];
    for (const [s, errno] of want) expect(describeError(new E.Plan9Error(s)), s).to.deep.equal({ ename: s, errno, internal: false });
  });

  it('anything else is an internal i/o error', () => {
    expect(describeError(new TypeError('oops'))).to.deep.equal({ ename: E.Eio, errno: 5, internal: true });
    expect(errorReply(1, 'a string', '9P2000.L')).to.deep.equal({ type: MsgType.Rlerror, tag: 1, ecode: 5 });
  });

  it('cuts a long string to ERRMAX bytes at a character boundary, errno from the whole string', () => {
    const d = describeError(new E.Plan9Error('é'.repeat(200)));
    expect(Buffer.byteLength(d.ename)).to.equal(ERRMAX);
    expect(d.errno).to.equal(5);
  });
});
