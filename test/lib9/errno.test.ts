// The one errno table: names and texts, the Plan 9 string ↔ errno translations, and the
// kernel's facade translation of a core result.

import { expect } from 'chai';
import {
  EACCES, EBUSY, EIO, ENOENT, EPERM, errnoFor, errnoName, errstrFor, strerror, toErrstr,
} from '../../src/lib9/errno.js';
import * as E from '../../src/lib9/error-strings.js';

describe('lib9 errno table', () => {
  it('names each errno and gives E<n> for one the table lacks', () => {
    expect([1, 2, 13, 16, 116].map(errnoName)).to.deep.equal(['EPERM', 'ENOENT', 'EACCES', 'EBUSY', 'ESTALE']);
    expect(errnoName(200)).to.equal('E200');
  });

  it('gives strerror texts, "errno N" for one the table lacks', () => {
    expect([strerror(ENOENT), strerror(EACCES), strerror(EIO)]).to.deep.equal(
      ['No such file or directory', 'Permission denied', 'Input/output error']);
    expect(strerror(200)).to.equal('errno 200');
  });

  it('maps every Plan 9 string to an errno, and strings outside the table to EIO', () => {
    for (const s of Object.values(E)) expect(errnoFor(s), s).to.be.a('number').and.not.equal(0);
    expect([errnoFor(E.Enonexist), errnoFor(E.Eperm), errnoFor(E.Esoverlap)]).to.deep.equal([ENOENT, EACCES, EBUSY]);
    expect(errnoFor('something new')).to.equal(EIO);
  });

  it('reads an errno back as one Plan 9 string that maps to it or to its kernel twin', () => {
    expect([errstrFor(ENOENT), errstrFor(EACCES), errstrFor(EPERM), errstrFor(EBUSY)]).to.deep.equal(
      [E.Enonexist, E.Eperm, E.Eperm, E.Esoverlap]);
    expect(errstrFor(30)).to.equal(undefined);
  });

  it('every errno a Plan 9 string maps to reads back as a string (so a .L answer has a Plan 9 message)', () => {
    for (const s of Object.values(E)) {
      if (errnoFor(s) === 71) continue; // EPROTO: the protocol broke; Linux's text says so
      expect(errstrFor(errnoFor(s)), s).to.be.a('string');
    }
  });

  it('toErrstr takes a negative errno and refuses anything else', () => {
    expect(toErrstr(-ENOENT)).to.equal(E.Enonexist);
    expect(() => toErrstr(ENOENT)).to.throw(RangeError);
    expect(() => toErrstr(0)).to.throw(RangeError);
    expect(() => toErrstr(-99)).to.throw(RangeError);
  });
});
