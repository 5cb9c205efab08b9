// The #p tree against the Dev: listing, walking, stat, the clone file, open modes and
// permissions, the ctl read-back rule, and what happens when a process exits.

import { expect } from 'chai';
import { Enoprocs, Qctl, qpath } from '../../src/devproc/index.js';
import { DMDIR, OREAD, ORDWR, OWRITE, QTDIR } from '../../src/lib9/modes.js';
import { E, Fixture, O, U, errstr } from './fixture.js';

describe('#p tree', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
  });

  it('the root lists clone, help and one directory per live process, by pid', () => {
    const a = f.proc();
    const k = f.kernel.spawn();
    const root = f.dev.readdir(f.walk(''));
    expect(root.map((d) => d.name)).to.deep.equal(['clone', 'help', String(a), String(k)]);
    expect(root.map((d) => d.mode.toString(8))).to.deep.equal(['666', '444', ((DMDIR | 0o555) >>> 0).toString(8), ((DMDIR | 0o555) >>> 0).toString(8)]);
    expect(root.map((d) => d.uid)).to.deep.equal([E, E, U, E]);
    expect(root.every((d) => d.gid === E)).to.equal(true);
  });

  it('a process directory holds ctl (0660), info and segment (0444), owned by its owner', () => {
    const a = f.proc();
    const d = f.dev.readdir(f.walk(String(a)));
    expect(d.map((e) => [e.name, e.mode, e.uid])).to.deep.equal([['ctl', 0o660, U], ['info', 0o444, U], ['segment', 0o444, U]]);
    expect(f.dev.stat(f.walk(`${a}/ctl`))).to.include({ name: 'ctl', mode: 0o660, uid: U });
    expect(f.dev.stat(f.walk(String(a)))).to.include({ name: String(a), uid: U });
    expect(f.dev.stat(f.walk(''))).to.include({ name: '#p', mode: (DMDIR | 0o555) >>> 0 });
  });

  it('walks: .. goes to the root, unknown names and dead pids do not exist, files are not directories', () => {
    const a = f.proc();
    const r = f.dev.walk(f.walk(''), [String(a), 'ctl']);
    expect(r.qids.map((q) => q.path)).to.deep.equal([qpath(a, 3), qpath(a, Qctl)]);
    expect(f.dev.walk(f.walk(String(a)), ['..']).qids[0]!.type).to.equal(QTDIR);
    for (const name of ['9999', '0', `0${a}`, '+1', 'nope']) expect(errstr(() => f.walk(name)), name).to.equal('file does not exist');
    expect(errstr(() => f.dev.walk(f.walk('help'), ['x']))).to.equal('not a directory');
    expect(f.dev.walk(f.walk(''), [String(a), 'nope']).chan).to.equal(undefined);
  });

  it('opening clone makes a process owned by the attach user; the open fid is its ctl and reads the pid', () => {
    const c = f.open('clone', ORDWR, O);
    const pid = Number(f.text(c));
    expect(f.text(c)).to.equal(`${pid}\n`);
    expect(c.qid.path).to.equal(qpath(pid, Qctl));
    expect(f.dev.owner(pid)).to.equal(O);
    expect(f.dev.write(c, Buffer.from('segalloc 0 0x1000 rw'), 0)).to.equal(20);
    expect(f.text(c)).to.equal('0x7fffffffe000\n');
    expect(f.text(c, 4)).to.equal('ffffffe000\n');
    f.dev.close(c);
    expect(f.kernel.proc(pid)).to.not.equal(undefined); // a process outlives the clone fid
    expect(f.open('clone', OREAD, U)).to.not.equal(undefined);
  });

  it('a ctl fid that wrote nothing reads the process latest result (so echo >ctl; cat ctl works)', () => {
    const a = f.proc();
    expect(f.file(`${a}/ctl`)).to.equal(`${a}\n`);
    f.ctl(a, 'segalloc 0x10000000 0x1000 rw');
    expect(f.file(`${a}/ctl`)).to.equal('0x10000000\n');
    const mine = f.open(`${a}/ctl`, ORDWR);
    f.dev.write(mine, Buffer.from('segquery 0'), 0);
    f.ctl(a, 'segfree 0x10000000 0x1000', E);
    expect(f.text(mine)).to.match(/^addr 0x10000000 /);
    expect(f.file(`${a}/ctl`)).to.equal('0\n');
  });

  it('only the owner and eve may open a ctl; help, info and segment are read-only', () => {
    const a = f.proc();
    expect(errstr(() => f.open(`${a}/ctl`, OWRITE, O))).to.equal('permission denied');
    expect(errstr(() => f.open(`${a}/ctl`, OREAD, O))).to.equal('permission denied');
    f.dev.close(f.open(`${a}/ctl`, OWRITE, E));
    for (const p of ['help', `${a}/info`, `${a}/segment`]) {
      expect(errstr(() => f.open(p, OWRITE)), p).to.equal('permission denied');
      expect(f.file(p, O)).to.be.a('string');
    }
    expect(errstr(() => f.open('', OWRITE))).to.equal('file is a directory');
    expect(errstr(() => f.open(String(a), ORDWR))).to.equal('file is a directory');
  });

  it('a ctl opened read-only cannot be written; create, remove and wstat are permission denied', () => {
    const a = f.proc();
    const c = f.open(`${a}/ctl`, OREAD);
    expect(errstr(() => f.dev.write(c, Buffer.from('kill'), 0))).to.equal('permission denied');
    expect(f.kernel.proc(a)).to.not.equal(undefined);
    expect(errstr(() => f.dev.create(f.walk(''), 'x', OREAD, 0o666))).to.equal('permission denied');
    expect(errstr(() => f.dev.remove(f.walk(String(a))))).to.equal('permission denied');
    expect(errstr(() => f.dev.wstat(f.walk(`${a}/ctl`), { mode: 0o666 }))).to.equal('permission denied');
    expect(errstr(() => f.dev.wstat(f.walk(`${a}/ctl`), { name: 'x' }))).to.equal('permission denied');
    expect(errstr(() => f.dev.wstat(f.walk('help', E), { length: 0n }))).to.equal('permission denied');
  });

  it('a wstat of only length or times (echo >ctl over 9P2000.u truncates) is accepted from the owner or eve', () => {
    const a = f.proc();
    f.dev.wstat(f.walk(`${a}/ctl`), { length: 0n });
    f.dev.wstat(f.walk(`${a}/ctl`, E), { length: 0n, mtime: 5 });
    expect(errstr(() => f.dev.wstat(f.walk(`${a}/ctl`, O), { length: 0n }))).to.equal('permission denied');
    expect(f.dev.stat(f.walk(`${a}/ctl`))).to.include({ mode: 0o660, uid: U });
  });

  it('files of a process that exited say process exited; its fids close cleanly', () => {
    const a = f.proc();
    const ctl = f.open(`${a}/ctl`, ORDWR);
    const info = f.open(`${a}/info`, OREAD);
    const dir = f.walk(String(a));
    f.kernel.exit(a);
    expect(errstr(() => f.text(info))).to.equal('process exited');
    expect(errstr(() => f.text(ctl))).to.equal('process exited');
    expect(errstr(() => f.dev.write(ctl, Buffer.from('segquery 0'), 0))).to.equal('process exited');
    expect(errstr(() => f.dev.stat(dir))).to.equal('process exited');
    expect(errstr(() => f.dev.walk(dir, ['ctl']))).to.equal('process exited');
    f.dev.close(ctl);
    f.dev.close(info);
    expect(f.dev.readdir(f.walk('')).map((d) => d.name)).to.deep.equal(['clone', 'help']);
  });

  it('info and segment are generated on each read; a core process lists one segquery line per segment', () => {
    const a = f.proc();
    expect(f.file(`${a}/segment`)).to.equal('');
    expect(f.file(`${a}/info`)).to.equal(`pid ${a} parent 0 job 1 name '' caps 0 realtime 0 shared 0 member 0 plan9 0 owner glenda\n`);
    f.ctl(a, 'segalloc 0x10000000 0x1000 rw');
    f.ctl(a, 'segalloc 0x20000000 0x1000 r');
    expect(f.file(`${a}/segment`).split('\n')).to.have.length(3);
  });

  it('clone and the creating commands stop at maxProcs with no free procs', () => {
    f = new Fixture({ maxProcs: 2 });
    const a = f.proc();
    f.proc();
    expect(errstr(() => f.open('clone', ORDWR))).to.equal(Enoprocs);
    expect(f.ctlError(a, 'proccreate x')).to.equal(Enoprocs);
    expect(f.ctlError(a, 'spawn')).to.equal(Enoprocs);
    expect(f.kernel.procs()).to.have.length(2);
  });

  it('one user stops at maxProcsPerUser while others and eve go on', () => {
    f = new Fixture({ maxProcs: 10, maxProcsPerUser: 2 });
    const a = f.proc();
    f.proc();
    expect(errstr(() => f.open('clone', ORDWR))).to.equal(Enoprocs);
    expect(f.ctlError(a, 'spawn')).to.equal(Enoprocs);
    expect(f.kernel.procs()).to.have.length(2);
    f.proc(O);
    f.proc(O);
    expect(errstr(() => f.open('clone', ORDWR, O))).to.equal(Enoprocs);
    for (let i = 0; i < 4; i++) f.proc(E); // eve is held only by maxProcs
    expect(f.kernel.procs()).to.have.length(8);
    f.ctl(a, 'kill'); // a process gone frees its owner's slot
    f.proc();
    expect(f.kernel.procs()).to.have.length(8);
  });

  it('reads and writes need an open fid and a non-negative offset', () => {
    const a = f.proc();
    const c = f.walk(`${a}/ctl`);
    expect(errstr(() => f.text(c))).to.equal('fd out of range or not open');
    const o = f.dev.open(c, ORDWR);
    expect(errstr(() => f.dev.read(o, Buffer.alloc(4), -1))).to.equal('negative i/o offset');
    expect(errstr(() => f.dev.write(o, Buffer.from('kill'), -1))).to.equal('negative i/o offset');
  });
});
