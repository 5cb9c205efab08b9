// dev.c's helpers on their own: walk/stat/readdir driven by a small gen function unlike #g's
// (a file at the top level, a nested directory that is listed by its parent), and readstr.

import { expect } from 'chai';
import type { Chan, Dev } from '../../src/dev/dev.js';
import { DEVDOTDOT, devAttach, devDir, devReaddir, devStat, devWalk, readstr, type Gen } from '../../src/dev/devhelp.js';
import { Enonexist, Enotdir } from '../../src/lib9/errors.js';
import { QTDIR, QTFILE } from '../../src/lib9/modes.js';
import { errstr } from '../helpers/errstr.js';

describe('devhelp: walk, stat and readdir through a gen function', () => {
  // root (path 0) holds file `motd` (path 1) and dir `sub` (path 2), which holds `x` (path 3)
  const dev = { dc: 'z', name: 'toy' } as unknown as Dev;
  const dir = (path: bigint, name: string) => devDir(dev, { type: QTDIR, vers: 0, path }, name, 0n, 'sys', 0o755, 'eve');
  const file = (path: bigint, name: string) => devDir(dev, { type: QTFILE, vers: 0, path }, name, 5n, 'sys', 0o644, 'eve');
  // a directory lists its children, a file its siblings (what devStat looks through)
  const rootKids = [file(1n, 'motd'), 'skip' as const, dir(2n, 'sub')];
  const subKids = [file(3n, 'x')];
  const gen: Gen = (c: Chan, _name, i) => {
    if (i === DEVDOTDOT) return dir(0n, '/');
    const kids = c.qid.path <= 1n ? rootKids : subKids;
    return kids[i] ?? 'end';
  };
  const root = () => devAttach(dev, 'glenda');

  it('walks down, up and in place; `..` of the root is the root', () => {
    const r = devWalk(root(), ['sub', 'x'], gen);
    expect(r.qids.map((q) => q.path)).to.deep.equal([2n, 3n]);
    expect(devWalk(root(), ['sub', '..', '..', '.', 'motd'], gen).qids.map((q) => q.path)).to.deep.equal([2n, 0n, 0n, 0n, 1n]);
  });

  it('fails on the first name only; later misses are partial walks', () => {
    expect(errstr(() => devWalk(root(), ['nope'], gen))).to.equal(Enonexist);
    expect(devWalk(root(), ['sub', 'nope'], gen)).to.deep.equal({ qids: [{ type: QTDIR, vers: 0, path: 2n }] });
    const motd = devWalk(root(), ['motd'], gen).chan!;
    expect(errstr(() => devWalk(motd, ['x'], gen))).to.equal(Enotdir);
    expect(devWalk(root(), ['motd', 'x'], gen).chan).to.equal(undefined);
  });

  it('stat finds a file among its siblings; an unlisted directory gets the 0555 eve fallback', () => {
    expect(devStat(devWalk(root(), ['motd'], gen).chan!, gen, 'motd', 'eve')).to.include({ name: 'motd', mode: 0o644, uid: 'sys' });
    const top = devStat(root(), gen, '/', 'eve');
    expect(top).to.include({ name: '/', uid: 'eve', gid: 'eve', mode: (0x80000000 | 0o555) >>> 0, length: 0n });
    const lost = devAttach(dev, 'glenda');
    lost.qid = { type: QTFILE, vers: 0, path: 99n };
    expect(errstr(() => devStat(lost, gen, 'lost', 'eve'))).to.equal(Enonexist);
  });

  it('readdir lists entries in index order, skipping empty indexes', () => {
    expect(devReaddir(root(), gen).map((d) => d.name)).to.deep.equal(['motd', 'sub']);
    expect(devReaddir(devWalk(root(), ['sub'], gen).chan!, gen).map((d) => d.name)).to.deep.equal(['x']);
  });
});

describe('devhelp: readstr', () => {
  it('copies the text from the offset, clamped to the buffer; nothing at or past the end', () => {
    const buf = Buffer.alloc(4);
    expect(readstr(0, buf, 'va 0x1\n')).to.equal(4);
    expect(buf.toString('latin1')).to.equal('va 0');
    expect(readstr(5, buf, 'va 0x1\n')).to.equal(2);
    expect(buf.subarray(0, 2).toString('latin1')).to.equal('1\n');
    expect(readstr(7, buf, 'va 0x1\n')).to.equal(0);
    expect(readstr(70, buf, 'va 0x1\n')).to.equal(0);
  });
});
