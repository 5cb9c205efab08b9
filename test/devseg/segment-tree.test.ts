// The #g tree through dev.c's helpers (walk, stat, directory read), the ctl grammar beyond
// the cases of segment-dev.test.ts, and the reference counts behind remove-while-open.

import { expect } from 'chai';
import { OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import {
  Ebadarg, Ebadctl, Egone, Eisdir, Enonexist, Enotdir, Enovmem, Eperm,
} from '../../src/lib9/errors.js';
import { Fixture, O, U, errstr } from './fixture.js';

describe('#g walk, stat and directory reads', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
    f.mkdir('a');
    f.mkdir('b');
  });

  it('walks names, `.` and `..` (the parent of #g is #g)', () => {
    const r = f.dev.walk(f.root(), ['a', '..', '.', '..', 'b', 'ctl']);
    expect(r.qids.map((q) => q.path)).to.deep.equal([1n, 0n, 0n, 0n, 9n, 10n]);
    expect(r.chan!.qid.path).to.equal(10n);
  });

  it('zero names clone the chan; the walked chan is never changed', () => {
    const root = f.root();
    const r = f.dev.walk(root, []);
    expect(r.qids).to.deep.equal([]);
    expect(r.chan).to.not.equal(root);
    expect(r.chan!.qid).to.deep.equal(root.qid);
    f.dev.walk(root, ['a', 'ctl']);
    expect(root.qid.path).to.equal(0n);
  });

  it('a missing first name is file does not exist; a later one is a partial walk', () => {
    expect(errstr(() => f.dev.walk(f.root(), ['nosuch']))).to.equal(Enonexist);
    const r = f.dev.walk(f.root(), ['a', 'nosuch', 'ctl']);
    expect(r.qids.map((q) => q.path)).to.deep.equal([1n]);
    expect(r.chan).to.equal(undefined);
  });

  it('walking from a file is not a directory; further down it is a partial walk', () => {
    expect(errstr(() => f.dev.walk(f.walk('a/ctl'), ['x']))).to.equal(Enotdir);
    const r = f.dev.walk(f.root(), ['a', 'data', 'x']);
    expect(r.qids).to.have.length(2);
    expect(r.chan).to.equal(undefined);
  });

  it('walks need no permission', () => {
    f.dev.wstat(f.walk('a/ctl'), { mode: 0 });
    expect(f.dev.walk(f.root(O), ['a', 'data']).chan).to.not.equal(undefined);
  });

  it('listings follow slots, not creation order', () => {
    f.mkdir('c');
    f.dev.remove(f.walk('a'));
    f.mkdir('d');
    expect(f.names()).to.deep.equal(['d', 'b', 'c']);
  });

  it('stat of ctl and data gives the generated entries', () => {
    f.segment('s', '0x30000000 0x3000');
    const ctl = f.dev.stat(f.walk('s/ctl'));
    expect(ctl).to.include({ name: 'ctl', uid: U, gid: 'eve', muid: U, mode: 0o660, length: 0n, type: 'g'.charCodeAt(0), dev: 0 });
    expect(f.dev.stat(f.walk('s/data'))).to.include({ name: 'data', length: 0x3000n });
  });

  it('stat, walk and open of a removed segment say global segment disappeared', () => {
    const dir = f.walk('a');
    const data = f.walk('a/data');
    f.dev.remove(f.walk('a'));
    expect(errstr(() => f.dev.stat(dir))).to.equal(Egone);
    expect(errstr(() => f.dev.stat(data))).to.equal(Egone);
    expect(errstr(() => f.dev.walk(dir, ['ctl']))).to.equal(Egone);
    expect(errstr(() => f.dev.open(data, OREAD))).to.equal(Egone);
    expect(errstr(() => f.dev.wstat(data, { mode: 0o600 }))).to.equal(Egone);
  });

  it('reading a directory as a file, or writing it, is file is a directory', () => {
    const c = f.open('a', OREAD);
    expect(errstr(() => f.read(c, 10))).to.equal(Eisdir);
    expect(errstr(() => f.write(c, 'x'))).to.equal(Eisdir);
    expect(errstr(() => f.dev.readdir(f.walk('a/ctl')))).to.equal(Enotdir);
  });
});

describe('#g ctl grammar', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
    f.mkdir('ex');
  });

  const accepted: [string, string][] = [
    ['  va\t0x10000000   4096  ', 'va 0x10000000 0x1000\n'],
    ["'va' '0x10000000' 4096\n", 'va 0x10000000 0x1000\n'],
    ['va 268435456 1', 'va 0x10000000 0x1000\n'],
    ['va +0x10000000 0X1000', 'va 0x10000000 0x1000\n'],
    ['va 0x10000fff 2', 'va 0x10000000 0x2000\n'],
    ['va 0x10000000 0x1000 shared extra', 'va 0x10000000 0x1000\n'],
    ['va 0x10000000 0x1000\0va trailing bytes after NUL', 'va 0x10000000 0x1000\n'],
    ['va 0x10000000 0x1000000000', 'va 0x10000000 0x1000000000\n'],
  ];
  for (const [msg, want] of accepted) {
    it(`${JSON.stringify(msg)} reads back ${JSON.stringify(want)} and returns the whole count`, () => {
      const c = f.open('ex/ctl', OWRITE);
      expect(f.write(c, msg)).to.equal(Buffer.byteLength(msg, 'latin1'));
      expect(f.ctl('ex')).to.equal(want);
    });
  }

  const rejected: [string, string][] = [
    ['va 0x10000000 99999999999999999999999', Ebadarg], // overflow is ~0: va+len wraps
    ['va 0xfffffffffffff000 0x2000', Ebadarg], // wraps past 2^64
    ['va zz 0x1000', Ebadarg], // no digits: 0
    ['va 0x1000 0x1000000001', Enovmem],
    ["'va 1 2'", Ebadctl],
    ['\tx va 1 2', Ebadctl],
  ];
  for (const [msg, want] of rejected) {
    it(`${JSON.stringify(msg)} is ${want}`, () => {
      const c = f.open('ex/ctl', OWRITE);
      expect(errstr(() => f.write(c, msg))).to.equal(want);
    });
  }
});

describe('#g reference counts and lifetimes', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
  });

  it('the table holds one reference, each open ctl/data one more, close gives it back', () => {
    f.segment('ex');
    const g = f.store.globals.find('ex')!;
    expect(g.ref).to.equal(1);
    const a = f.open('ex/ctl', OREAD);
    const b = f.open('ex/data', ORDWR);
    expect(g.ref).to.equal(3);
    f.dev.close(a);
    f.dev.close(a); // a second close of a closed chan does nothing
    expect(g.ref).to.equal(2);
    f.dev.close(b);
    expect(g.ref).to.equal(1);
  });

  it('the data I/O process holds the segment from the first transfer until the segment goes', () => {
    f.segment('ex');
    const s = f.store.globals.find('ex')!.s!;
    expect(s.ref).to.equal(1);
    const d = f.open('ex/data', ORDWR);
    expect(s.ref).to.equal(1);
    f.read(d, 1);
    expect(s.ref).to.equal(2);
    f.write(d, 'x');
    expect(s.ref).to.equal(2);
    f.dev.close(d);
    f.dev.remove(f.walk('ex'));
    expect(s.ref).to.equal(0);
    expect(f.kernel.shadowRefs(s.shadow.id)).to.equal(0);
    expect(f.shadows()).to.deep.equal([]);
  });

  it('a failed open holds nothing', () => {
    f.mkdir('ex');
    const g = f.store.globals.find('ex')!;
    errstr(() => f.open('ex/data', ORDWR));
    errstr(() => f.open('ex/data', ORDWR, O));
    expect(g.ref).to.equal(1);
  });

  it('an unallocated segment removed with no opens frees nothing twice', () => {
    f.mkdir('ex');
    f.dev.remove(f.walk('ex'));
    expect(f.shadows()).to.deep.equal([]);
    expect(f.names()).to.deep.equal([]);
  });

  it('read and write on an unopened chan are refused', () => {
    f.segment('ex');
    expect(errstr(() => f.read(f.walk('ex/data'), 1))).to.equal('fd out of range or not open');
    expect(errstr(() => f.dev.open(f.walk('ex/ctl'), 7))).to.equal(Ebadarg);
    expect(errstr(() => f.dev.open(f.walk('ex/ctl', O), OREAD))).to.equal(Eperm);
  });
});
