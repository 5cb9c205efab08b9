// Plan 9's devpermcheck (port/dev.c) and openmode (port/sysfile.c): the owner's bits for the
// owner, the group bits for eve (the group of every device file), the other bits for the rest;
// only omode&3 asks for anything.

import { expect } from 'chai';
import { Ebadarg, Eperm } from '../../src/lib9/errors.js';
import { OCEXEC, OEXEC, ORCLOSE, ORDWR, OREAD, OTRUNC, OWRITE } from '../../src/lib9/modes.js';
import { devPermCheck, openmode } from '../../src/lib9/perm.js';
import { errstr } from '../helpers/errstr.js';

describe('lib9 perm: devPermCheck and openmode', () => {
  const table: [string, number, number, boolean][] = [
    // user, perm, omode, allowed
    ['owner', 0o600, ORDWR, true],
    ['owner', 0o400, OWRITE, false],
    ['owner', 0o700, OEXEC, true],
    ['owner', 0o660, OEXEC, false],
    ['eve', 0o060, ORDWR, true], // eve gets the group bits
    ['eve', 0o600, OREAD, false],
    ['other', 0o004, OREAD, true],
    ['other', 0o660, OREAD, false],
    ['other', 0o002, OWRITE | OTRUNC, true], // only omode&3 counts
  ];
  for (const [user, perm, omode, ok] of table) {
    it(`${user} with perm ${perm.toString(8)} and omode ${omode}: ${ok ? 'allowed' : 'denied'}`, () => {
      const call = () => devPermCheck(user, 'eve', 'owner', perm, omode);
      if (ok) call();
      else expect(errstr(call)).to.equal(Eperm);
    });
  }

  it('the owner bits apply to eve when eve owns the file', () => {
    expect(errstr(() => devPermCheck('eve', 'eve', 'eve', 0o060, OREAD))).to.equal(Eperm);
  });

  it('openmode drops OTRUNC, OCEXEC and ORCLOSE, maps OEXEC to OREAD, refuses the rest', () => {
    expect(openmode(OWRITE | OTRUNC | OCEXEC | ORCLOSE)).to.equal(OWRITE);
    expect(openmode(OEXEC)).to.equal(OREAD);
    expect(openmode(ORDWR)).to.equal(ORDWR);
    for (const bad of [4, 7, 0x80, 0x100 | OREAD]) expect(errstr(() => openmode(bad))).to.equal(Ebadarg);
  });
});

describe('lib9 perm: the whole devPermCheck matrix', () => {
  /** The rwx bits each open mode needs (OREAD r, OWRITE w, ORDWR rw, OEXEC x). */
  const need = [0o4, 0o2, 0o6, 0o1];
  const classes: [string, number][] = [['owner', 6], ['eve', 3], ['other', 0]];
  for (const [user, shift] of classes) {
    it(`${user}: allowed exactly when its own three bits hold what the mode needs, whatever the others say`, () => {
      for (let bits = 0; bits < 8; bits++) {
        for (let omode = OREAD; omode <= OEXEC; omode++) {
          // the class's bits as given, every other class's bits full or empty: they never count
          for (const rest of [0, 0o777]) {
            const perm = (rest & ~(0o7 << shift)) | (bits << shift);
            const call = () => devPermCheck(user, 'eve', 'owner', perm, omode | OTRUNC | ORCLOSE);
            const ok = (bits & need[omode]!) === need[omode];
            if (ok) call();
            else expect(errstr(call), `${user} perm ${perm.toString(8)} omode ${omode}`).to.equal(Eperm);
          }
        }
      }
    });
  }
});
