// Plan9Error: the Plan 9 string as the message, and the errno and its name as a stable code.

import { expect } from 'chai';
import { Ebadarg, Enonexist, Eperm, Esoverlap, Plan9Error, error } from '../../src/lib9/errors.js';
import { errstr } from '../helpers/errstr.js';

describe('lib9 Plan9Error', () => {
  it('carries the string, the errno it maps to and that errno\'s name', () => {
    for (const [s, errno, code] of [
      [Enonexist, 2, 'ENOENT'], [Eperm, 13, 'EACCES'], [Esoverlap, 16, 'EBUSY'], [Ebadarg, 22, 'EINVAL'],
    ] as const) {
      const e = new Plan9Error(s);
      expect([e.name, e.message, e.errno, e.code], s).to.deep.equal(['Plan9Error', s, errno, code]);
      expect(e).to.be.instanceOf(Error);
    }
  });

  it('a string outside the table is EIO', () => {
    const e = new Plan9Error('no such widget');
    expect([e.errno, e.code]).to.deep.equal([5, 'EIO']);
  });

  it('error() throws one', () => {
    expect(errstr(() => error(Enonexist))).to.equal(Enonexist);
    try {
      error(Eperm);
    } catch (e) {
      expect((e as Plan9Error).code).to.equal('EACCES');
    }
  });
});
