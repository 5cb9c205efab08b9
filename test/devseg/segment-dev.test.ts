// 9front's #g (port/devsegment.c), case by case (cases 1–39), straight against the #g Dev.
// Where this device deliberately differs from 9front (case 34: a re-created segment gets a
// fresh qid.path) the test says so.

import { expect } from 'chai';
import { DMDIR, OEXEC, ORCLOSE, ORDWR, OREAD, OTRUNC, OWRITE, QTDIR, QTFILE } from '../../src/lib9/modes.js';
import {
  Ebadarg, Ebadctl, Eexist, Ehasva, Eisdir, Enotalloc, Enovmem, Eperm, Ephyscollide, Etoolong, Etoomany,
} from '../../src/lib9/errors.js';
import { E, Fixture, O, U, errstr } from './fixture.js';

describe('#g device: 9front devsegment.c behaviour, cases 1–39', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
  });

  it('case 1: the first mkdir gets qid path 1 and lists as the creator\'s, gid eve, DMDIR|0777', () => {
    const c = f.mkdir('ex');
    expect(c.qid).to.deep.equal({ type: QTDIR, vers: 0, path: 1n });
    expect(c.open).to.equal(true);
    const [d, ...rest] = f.dev.readdir(f.root());
    expect(rest).to.have.length(0);
    expect(d).to.include({ name: 'ex', uid: U, gid: E, muid: U, mode: (DMDIR | 0o777) >>> 0, length: 0n });
    expect(d!.qid).to.deep.equal({ type: QTDIR, vers: 0, path: 1n });
  });

  it('case 2: a segment dir lists ctl (path 2) then data (path 3), both 0660 and empty', () => {
    f.mkdir('ex');
    const ds = f.dev.readdir(f.walk('ex'));
    expect(ds.map((d) => [d.name, d.qid.path, d.qid.type, d.mode, d.length, d.uid, d.gid])).to.deep.equal([
      ['ctl', 2n, QTFILE, 0o660, 0n, U, E],
      ['data', 3n, QTFILE, 0o660, 0n, U, E],
    ]);
  });

  it('case 3: create without DMDIR is bad arg', () => {
    expect(errstr(() => f.mkdir('ex2', U, OREAD, 0o666))).to.equal(Ebadarg);
    expect(f.names()).to.deep.equal([]);
  });

  it('case 4: creating an existing name is file already exists', () => {
    f.mkdir('ex');
    expect(errstr(() => f.mkdir('ex', O))).to.equal(Eexist);
  });

  it('case 5: nothing can be created inside a segment dir', () => {
    f.mkdir('ex');
    expect(errstr(() => f.dev.create(f.walk('ex'), 'x', OREAD, DMDIR | 0o777))).to.equal(Eperm);
  });

  it('case 6: the names of physical classes collide', () => {
    expect(errstr(() => f.mkdir('shared'))).to.equal(Ephyscollide);
    expect(errstr(() => f.mkdir('memory'))).to.equal(Ephyscollide);
    expect(f.names()).to.deep.equal([]);
  });

  it('case 7: a 128-byte name is too long, a 127-byte one is fine', () => {
    expect(errstr(() => f.mkdir('n'.repeat(128)))).to.equal(Etoolong);
    f.mkdir('n'.repeat(127));
    expect(f.names()).to.deep.equal(['n'.repeat(127)]);
  });

  it('case 8: the owner opening data before va gets segment not yet allocated', () => {
    f.mkdir('ex');
    expect(errstr(() => f.open('ex/data', OREAD))).to.equal(Enotalloc);
  });

  it('case 9: another user opening data before va gets permission denied (perm check first)', () => {
    f.mkdir('ex');
    expect(errstr(() => f.open('ex/data', OREAD, O))).to.equal(Eperm);
  });

  it('case 10: ctl opens before va, and reading it says segment not yet allocated', () => {
    f.mkdir('ex');
    const c = f.open('ex/ctl', OREAD);
    expect(errstr(() => f.readText(c))).to.equal(Enotalloc);
  });

  it('case 11: va returns the whole count; ctl reads it back; data gets its length', () => {
    f.mkdir('ex');
    const c = f.open('ex/ctl', OWRITE);
    expect(f.write(c, 'va 0x10000000 0x100000\n')).to.equal(23);
    expect(f.ctl('ex')).to.equal('va 0x10000000 0x100000\n');
    expect(f.dev.stat(f.walk('ex/data')).length).to.equal(1048576n);
  });

  it('case 12: a second va, even a bare one, is already has a virtual address', () => {
    f.segment('ex');
    const c = f.open('ex/ctl', OWRITE);
    expect(errstr(() => f.write(c, 'va 0x20000000 0x1000'))).to.equal(Ehasva);
    expect(errstr(() => f.write(c, 'va'))).to.equal(Ehasva);
    expect(f.ctl('ex')).to.equal('va 0x10000000 0x100000\n');
  });

  it('case 13: va is rounded down and the end up to pages', () => {
    f.segment('ex', '0x10000123 0x10');
    expect(f.ctl('ex')).to.equal('va 0x10000000 0x1000\n');
  });

  for (const [n, msg, want] of [
    ['14', 'va 0 0x1000', Ebadarg],
    ['14', 'va 0x800 0x1000', Ebadarg],
    ['15', 'va 0x10000000', Ebadarg],
    ['16', 'va 0x10000000 0', Ebadarg],
    ['17', 'foo 1 2', Ebadctl],
    ['17', 'VA 1 2', Ebadctl],
    ['17', '', Ebadctl],
    ['17', '\n', Ebadctl],
    ['20', 'va -4096 4096', Ebadarg],
    ['21', 'va 0x7ffffffff000 0x1000', Ebadarg],
    ['22', 'va 0x10000000 0x1000000001', Enovmem],
  ] as const) {
    it(`case ${n}: ${JSON.stringify(msg)} is ${want}, and the segment stays unallocated`, () => {
      f.mkdir('ex');
      const c = f.open('ex/ctl', OWRITE);
      expect(errstr(() => f.write(c, msg))).to.equal(want);
      expect(errstr(() => f.ctl('ex'))).to.equal(Enotalloc);
      expect(f.dev.stat(f.walk('ex/data')).length).to.equal(0n);
    });
  }

  it('case 18: a leading 0 is octal', () => {
    f.segment('ex', '010000000 4096');
    expect(f.ctl('ex')).to.equal('va 0x200000 0x1000\n');
  });

  it('case 19: trailing garbage after the digits is ignored', () => {
    f.segment('ex', '0x10000000junk 4097');
    expect(f.ctl('ex')).to.equal('va 0x10000000 0x2000\n');
  });

  it('case 21: a segment ending one page below USTKTOP is fine', () => {
    f.segment('ex', '0x7fffffffe000 0x1000');
    expect(f.ctl('ex')).to.equal('va 0x7fffffffe000 0x1000\n');
  });

  it('case 23: fixed from a user who is not eve is permission denied', () => {
    f.mkdir('ex');
    f.dev.wstat(f.walk('ex/ctl'), { mode: 0o666 });
    const c = f.open('ex/ctl', OWRITE, O);
    expect(errstr(() => f.write(c, 'va 0x10000000 0x1000 fixed'))).to.equal(Eperm);
    expect(errstr(() => f.write(c, 'va 0x10000000 0x1000 sticky'))).to.equal(Eperm);
    expect(errstr(() => f.ctl('ex'))).to.equal(Enotalloc);
  });

  it('case 24: eve makes a sticky segment, and ctl says so', () => {
    f.mkdir('ex', E);
    const c = f.open('ex/ctl', OWRITE, E);
    expect(f.write(c, 'va 0x10000000 0x1000 sticky\n')).to.equal(28);
    expect(f.ctl('ex', E)).to.equal('va 0x10000000 0x1000 sticky\n');
  });

  it('case 24 (fixed): eve makes a fixed segment, and ctl shows its physical address', () => {
    f.mkdir('ex', E);
    f.write(f.open('ex/ctl', OWRITE, E), 'va 0x10000000 0x1000 fixed');
    expect(f.ctl('ex', E)).to.match(/^va 0x10000000 0x1000 fixed 0x[0-9a-f]+000\n$/);
  });

  it('case 25: ctl reads honour the offset', () => {
    f.segment('ex');
    const c = f.open('ex/ctl', OREAD);
    expect(f.readText(c, 5, 3)).to.equal('0x100');
    expect(f.read(c, 5, 23)).to.have.length(0);
    expect(f.read(c, 5, 1000)).to.have.length(0);
  });

  it('case 26: data writes come back, untouched bytes read as zeros', () => {
    f.segment('ex');
    const c = f.open('ex/data', ORDWR);
    expect(f.write(c, 'hi mom')).to.equal(6);
    expect(f.readText(c, 6, 0)).to.equal('hi mom');
    expect([...f.read(c, 4, 6)]).to.deep.equal([0, 0, 0, 0]);
  });

  it('case 27: writes across or past the end fail whole; reads are truncated', () => {
    f.segment('ex');
    const c = f.open('ex/data', ORDWR);
    expect(errstr(() => f.write(c, 'abcdef', 0xffffd))).to.equal(Ebadarg);
    expect([...f.read(c, 6, 0xffffd)]).to.deep.equal([0, 0, 0]);
    expect(f.read(c, 6, 0x100000)).to.have.length(0);
    expect(errstr(() => f.write(c, '', 0x100000))).to.equal(Ebadarg);
    expect(f.write(c, '', 0xfffff)).to.equal(0);
    expect(f.write(c, 'xyz', 0xffffd)).to.equal(3);
    expect(f.readText(c, 6, 0xffffd)).to.equal('xyz');
    expect(f.dev.stat(f.walk('ex/data')).length).to.equal(0x100000n);
  });

  it('case 28: OEXEC is refused by the 0660 perm, even to the owner', () => {
    f.segment('ex');
    expect(errstr(() => f.open('ex/data', OEXEC))).to.equal(Eperm);
    expect(errstr(() => f.open('ex/data', OEXEC, E))).to.equal(Eperm);
  });

  it('case 29: wstat of ctl\'s mode changes data\'s too', () => {
    f.mkdir('ex');
    f.dev.wstat(f.walk('ex/ctl'), { mode: 0o600 });
    expect(f.dev.stat(f.walk('ex/data')).mode).to.equal(0o600);
    expect(f.dev.stat(f.walk('ex/ctl')).mode).to.equal(0o600);
  });

  it('case 30: wstat by another user, or of any directory, is permission denied', () => {
    f.mkdir('ex');
    expect(errstr(() => f.dev.wstat(f.walk('ex/ctl', O), { mode: 0o666 }))).to.equal(Eperm);
    for (const user of [U, E, O]) {
      expect(errstr(() => f.dev.wstat(f.walk('ex', user), { mode: 0o777 }))).to.equal(Eperm);
      expect(errstr(() => f.dev.wstat(f.walk('', user), { mode: 0o777 }))).to.equal(Eperm);
    }
    expect(f.dev.stat(f.walk('ex/ctl')).mode).to.equal(0o660);
  });

  it('case 31: a wstat that touches nothing succeeds and changes nothing', () => {
    f.mkdir('ex');
    f.dev.wstat(f.walk('ex/ctl'), {});
    expect(f.dev.stat(f.walk('ex/data'))).to.include({ mode: 0o660, uid: U });
  });

  it('wstat: eve may chown; name, gid, length and mtime are ignored (echo > ctl truncates)', () => {
    f.segment('ex');
    f.dev.wstat(f.walk('ex/ctl', E), { uid: O, length: 0n, mtime: 1, name: 'zz', gid: 'sys' });
    const d = f.dev.stat(f.walk('ex/data'));
    expect(d).to.include({ uid: O, gid: E, name: 'data', length: 0x100000n });
    expect(f.names()).to.deep.equal(['ex']);
  });

  it('case 32: ctl, data and #g cannot be removed', () => {
    f.mkdir('ex');
    expect(errstr(() => f.dev.remove(f.walk('ex/ctl')))).to.equal(Eperm);
    expect(errstr(() => f.dev.remove(f.walk('ex/data')))).to.equal(Eperm);
    expect(errstr(() => f.dev.remove(f.walk('')))).to.equal(Eperm);
    expect(f.names()).to.deep.equal(['ex']);
  });

  it('case 33: anyone may remove a segment dir', () => {
    f.segment('ex');
    f.dev.remove(f.walk('ex', O));
    expect(f.names()).to.deep.equal([]);
  });

  it('case 34: mkdir after remove works and is unallocated — with a fresh qid path (deviation)', () => {
    f.segment('ex');
    f.dev.remove(f.walk('ex', O));
    const c = f.mkdir('ex');
    expect(c.qid.path).to.not.equal(1n);
    expect(errstr(() => f.ctl('ex'))).to.equal(Enotalloc);
    expect(f.dev.walk(f.root(), ['ex']).qids[0]).to.deep.equal(c.qid);
  });

  it('case 35: an open data fd keeps working after its segment is removed', () => {
    f.segment('ex');
    const id = f.store.globals.find('ex')!.s!.shadow.id;
    const c = f.open('ex/data', ORDWR);
    f.write(c, 'still here');
    f.dev.remove(f.walk('ex'));
    expect(f.names()).to.deep.equal([]);
    expect(f.readText(c, 10)).to.equal('still here');
    expect(f.write(c, 'yes')).to.equal(3);
    expect(f.shadows()).to.deep.equal([id]);
    f.dev.close(c);
    expect(f.shadows()).to.deep.equal([]);
  });

  it('case 36: stat of a segment dir says eve and DMDIR|0555, unlike its listing', () => {
    f.mkdir('ex');
    const d = f.dev.stat(f.walk('ex'));
    expect(d).to.include({ name: 'ex', uid: E, gid: E, muid: E, mode: (DMDIR | 0o555) >>> 0, length: 0n });
    expect(d.qid).to.deep.equal({ type: QTDIR, vers: 0, path: 1n });
    const top = f.dev.stat(f.root());
    expect(top).to.include({ name: '#g', uid: E, gid: E, mode: (DMDIR | 0o555) >>> 0, length: 0n });
    expect(top.qid).to.deep.equal({ type: QTDIR, vers: 0, path: 0n });
  });

  it('case 37: a segment created with ORCLOSE goes away when the fd is closed', () => {
    const c = f.mkdir('t', U, OREAD | ORCLOSE);
    expect(f.names()).to.deep.equal(['t']);
    f.dev.close(c);
    expect(f.names()).to.deep.equal([]);
  });

  it('case 37 (open): opening a segment dir with ORCLOSE removes it at close', () => {
    f.mkdir('t');
    const c = f.open('t', OREAD | ORCLOSE, O);
    expect(f.names()).to.deep.equal(['t']);
    f.dev.close(c);
    expect(f.names()).to.deep.equal([]);
  });

  it('case 38: directories open only for reading', () => {
    f.mkdir('ex');
    expect(errstr(() => f.open('', OWRITE))).to.equal(Eisdir);
    expect(errstr(() => f.open('', OREAD | ORCLOSE))).to.equal(Eisdir);
    expect(errstr(() => f.open('', OREAD | OTRUNC))).to.equal(Eisdir);
    expect(errstr(() => f.open('ex', ORDWR))).to.equal(Eisdir);
    expect(errstr(() => f.open('ex', OEXEC))).to.equal(Eisdir);
    expect(f.open('', OREAD).open).to.equal(true);
  });

  it('case 39: the 101st segment is too many', () => {
    for (let i = 0; i < 100; i++) f.mkdir(`s${i}`);
    expect(errstr(() => f.mkdir('s100'))).to.equal(Etoomany);
    expect(f.names()).to.have.length(100);
  });
});
