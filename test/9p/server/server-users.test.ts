// The user table: names ↔ numbers for 9P2000.u/.L attach, getattr and setattr.

import { expect } from 'chai';
import { NOBODY, UserTable } from '../../../src/9p/server/users.js';

describe('9P server: user names and numbers', () => {
  it('uid 0 is eve, and eve and root are reported as 0', () => {
    const u = new UserTable('glenda');
    expect(u.nameOf(0)).to.equal('glenda');
    expect(u.numberOf('glenda')).to.equal(0);
    expect(u.numberOf('root')).to.equal(0);
  });

  it('learns a number from an attach that carried a name and a number', () => {
    const u = new UserTable('eve');
    u.bind('alice', 1000);
    expect(u.nameOf(1000)).to.equal('alice');
    expect(u.numberOf('alice')).to.equal(1000);
    u.bind('mallory', 0);
    expect(u.nameOf(0)).to.equal('eve');
  });

  it('round-trips unknown numbers through decimal names; other names are nobody', () => {
    const u = new UserTable('eve');
    expect(u.nameOf(1234)).to.equal('1234');
    expect(u.numberOf('1234')).to.equal(1234);
    expect(u.numberOf('bob')).to.equal(NOBODY);
    expect(u.numberOf('01')).to.equal(NOBODY);
  });
});
