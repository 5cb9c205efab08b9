// The acceptance suite every Dev (and every mux of Devs) must pass, called directly and through
// the 9P server in each dialect. The rules are Plan 9's for a device (port/dev.c, walk(5),
// open(5), stat(5), remove(5)):
// - a walk fails only when its first name fails; a later failure returns the qids walked so
//   far and no new file; a walk of no names clones; `..` of the root is the root;
// - stat, walk, create and the directory listing give one file the same qid;
// - a listing comes in the device's own order, the same on every read;
// - open honours permissions and modes: writing a read-only file is `permission denied`, a
//   directory opens for reading only;
// - closing releases what opening took: a file removed while open goes when its last holder
//   closes, and the device's references return to where they started (through 9P also when a
//   Tversion or a hang-up clunks every fid); ORCLOSE removes;
// - a removed file cannot be walked to or listed, and one made again has a new qid.path.
// Each device describes its fixture tree and what it can create in a DevUnderTest.

import { expect } from 'chai';
import type { Qid } from '../../src/lib9/dir.js';
import { Eisdir, Enonexist, Enotdir, Eperm } from '../../src/lib9/errors.js';
import { OREAD, ORCLOSE, ORDWR, OWRITE, QTDIR } from '../../src/lib9/modes.js';
import { DIALECTS } from '../../src/9p/codec/dialect.js';
import { directDriver, wireDriver, type Driver, type Entry, type Handle, type Served } from './dev-drivers.js';

/** A device with a small tree in place, and what the suite may do with it. */
export interface DevUnderTest extends Served {
  /** A directory one level below the root that holds files. */
  dir: string;
  /** A file inside `dir`. */
  file: string;
  /** Files `user` may open for reading (opening them has no side effect). */
  readable: string[];
  /** A file `user` may read but not write. */
  readOnly: string;
  /** What `user` can create; absent when the device makes nothing. */
  create?: CreateSpec;
  /** The device's references, as a value that compares deep-equal when nothing is held. */
  census(): unknown;
}

export interface CreateSpec {
  /** The directory to create in ('' is the root). */
  in: string;
  /** The new file's perm (with DMDIR for a directory). */
  perm: number;
  /** The open mode create uses. */
  omode: number;
  /** Writes that make a new file usable, as [file below it, text] (#g: `va` to ctl). */
  setup: [string, string][];
  /** The file below the new one ('' for itself) that holds it while open: opened ORDWR and written. */
  hold: string;
}

export interface DevCase {
  name: string;
  /** Whether the device creates files (its DevUnderTest has `create`): the create rules run only then. */
  creates: boolean;
  /** A fresh device for one test. */
  make(): DevUnderTest;
}

/** The errnos 9P2000.L carries for the strings the suite expects (Linux's numbers). */
const LINUX_ERRNO: Record<string, number> = {
  [Enonexist]: 2,
  [Eperm]: 13,
  [Enotdir]: 20,
  [Eisdir]: 21,
};

const names = (path: string): string[] => (path === '' ? [] : path.split('/'));
const join = (dir: string, name: string): string => (dir === '' ? name : name === '' ? dir : `${dir}/${name}`);
const isDirQid = (q: Qid): boolean => (q.type & QTDIR) !== 0;

/** Registers the suite for `c`: once on the Dev, once through the 9P server per dialect. */
export function devSuite(c: DevCase): void {
  describe(`Dev acceptance: ${c.name}`, () => {
    for (const via of ['Dev', ...DIALECTS] as const) {
      describe(via === 'Dev' ? 'called directly' : `through the 9P server in ${via}`, () => {
        const env = { t: undefined as unknown as DevUnderTest, d: undefined as unknown as Driver };
        beforeEach(async () => {
          env.t = c.make();
          expect(env.t.create !== undefined, 'DevCase.creates says whether make() describes create').to.equal(c.creates);
          if (via === 'Dev') {
            env.d = directDriver(env.t);
          } else {
            const w = wireDriver(env.t, via);
            await w.start();
            env.d = w;
          }
        });
        afterEach(async () => {
          await env.d.finish();
        });
        rules(env, { creates: c.creates, connected: via !== 'Dev', orclose: via !== '9P2000.L' });
      });
    }
  });
}

/** Which rules apply: creation, a connection to reset, and ORCLOSE (9P2000.L's open flags have none). */
interface Applies {
  creates: boolean;
  connected: boolean;
  orclose: boolean;
}

function rules(env: { t: DevUnderTest; d: Driver }, applies: Applies): void {
  const ctx = () => new Steps(env.t, env.d);

  it('`..` of the root is the root, and of a directory its parent', async () => {
    const s = ctx();
    const root = await s.d.attach();
    const rq = (await s.d.stat(root)).qid;
    expect(isDirQid(rq), 'the root is a directory').to.equal(true);
    const up = await s.d.walk(root, ['..', '..']);
    expect(up.qids).to.deep.equal([rq, rq]);
    await s.d.close(up.h!);
    const back = await s.d.walk(root, [...names(s.t.dir), '..']);
    expect(back.qids[back.qids.length - 1]).to.deep.equal(rq);
    await s.d.close(back.h!);
    await s.d.close(root);
  });

  it('a walk of no names clones: the same file on a handle of its own', async () => {
    const s = ctx();
    const root = await s.d.attach();
    for (const path of ['', s.t.dir, s.t.file]) {
      const h = await s.walkTo(root, path);
      const q = (await s.d.stat(h)).qid;
      const clone = await s.d.walk(h, []);
      expect(clone.qids).to.deep.equal([]);
      expect(clone.h).to.not.equal(undefined);
      expect((await s.d.stat(clone.h!)).qid).to.deep.equal(q);
      await s.d.close(clone.h!);
      // the original outlives its clone
      expect((await s.d.stat(h)).qid).to.deep.equal(q);
      await s.d.close(h);
    }
    await s.d.close(root);
  });

  it('a walk fails only on its first name; a later miss returns the qids walked so far', async () => {
    const s = ctx();
    const start = s.t.census();
    const root = await s.d.attach();
    await s.failsWith(s.d.walk(root, ['no-such-file']), Enonexist);
    const dq = (await s.qidOf(root, s.t.dir));
    const miss = await s.d.walk(root, [...names(s.t.dir), 'no-such-file']);
    expect(miss.h, 'no new file for a partial walk').to.equal(undefined);
    expect(miss.qids).to.deep.equal([dq]);
    const past = await s.d.walk(root, [...names(s.t.file), 'beyond']);
    expect(past.h).to.equal(undefined);
    expect(past.qids).to.deep.equal([dq, await s.qidOf(root, s.t.file)]);
    const f = await s.walkTo(root, s.t.file);
    await s.failsWith(s.d.walk(f, ['beyond']), Enotdir);
    await s.d.close(f);
    await s.d.close(root);
    expect(s.t.census()).to.deep.equal(start);
  });

  it('stat, walk and the listing give every file the same qid', async () => {
    const s = ctx();
    const root = await s.d.attach();
    const visit = async (path: string, depth: number): Promise<void> => {
      for (const e of await s.list(root, path)) {
        const r = await s.d.walk(root, [...names(path), e.name]);
        expect(r.qids[r.qids.length - 1], `walk qid of ${join(path, e.name)}`).to.deep.equal(e.qid);
        const st = await s.d.stat(r.h!);
        expect(st.qid, `stat qid of ${join(path, e.name)}`).to.deep.equal(e.qid);
        if (st.name !== undefined) expect(st.name).to.equal(e.name);
        expect(st.isDir, `mode and qid type of ${e.name}`).to.equal(isDirQid(e.qid));
        await s.d.close(r.h!);
        if (isDirQid(e.qid) && depth < 2) await visit(join(path, e.name), depth + 1);
      }
    };
    await visit('', 1);
    await s.d.close(root);
  });

  it('a listing comes in the device’s order, the same on every read, each name once', async () => {
    const s = ctx();
    const root = await s.d.attach();
    for (const path of ['', s.t.dir]) {
      const first = await s.list(root, path);
      expect(await s.list(root, path)).to.deep.equal(first);
      expect(new Set(first.map((e) => e.name)).size).to.equal(first.length);
      // the device's own order, read whole from the Dev: a 9P read in pieces keeps it
      const direct = directDriver(s.t);
      const dr = await direct.attach();
      expect(await new Steps(s.t, direct).list(dr, path)).to.deep.equal(first);
      await direct.close(dr);
    }
    await s.d.close(root);
  });

  it('open honours modes: a read-only file will not open for writing, a directory only reads', async () => {
    const s = ctx();
    const root = await s.d.attach();
    const ro = await s.walkTo(root, s.t.readOnly);
    await s.failsWith(s.d.open(ro, OWRITE), Eperm);
    await s.failsWith(s.d.open(ro, ORDWR), Eperm);
    await s.d.open(ro, OREAD);
    await s.d.close(ro);
    for (const path of ['', s.t.dir]) {
      const h = await s.walkTo(root, path);
      await s.failsWith(s.d.open(h, OWRITE), Eisdir);
      await s.failsWith(s.d.open(h, ORDWR), Eisdir);
      await s.d.open(h, OREAD);
      await s.d.close(h);
    }
    if (s.d.checksOpenMode) {
      const r = await s.walkTo(root, s.t.readable[0]!);
      await s.d.open(r, OREAD);
      const f = await s.d.failure(s.d.write(r, 0, 'x'));
      expect(f.ename ?? f.errno, 'a write on a file opened for reading fails').to.not.equal(undefined);
      await s.d.close(r);
    }
    await s.d.close(root);
  });

  it('closing releases every reference: the device’s census returns to its start', async () => {
    const s = ctx();
    const start = s.t.census();
    const root = await s.d.attach();
    for (const path of s.t.readable) {
      const h = await s.walkTo(root, path);
      const clone = (await s.d.walk(h, [])).h!;
      await s.d.open(h, OREAD);
      await s.d.read(h, 0, 64);
      await s.d.close(h);
      await s.d.close(clone);
    }
    await s.list(root, s.t.dir);
    await s.d.close(root);
    expect(s.t.census()).to.deep.equal(start);
  });

  for (const how of applies.connected ? ['version', 'hangup'] as const : []) {
    it(`a ${how === 'version' ? 'new Tversion' : 'hang-up'} releases every reference the connection held`, async () => {
      const s = ctx();
      const start = s.t.census();
      const root = await s.d.attach();
      for (const path of s.t.readable) {
        const h = await s.walkTo(root, path);
        await s.d.open(h, OREAD);
        await s.walkTo(root, path);
      }
      if (s.t.create !== undefined) {
        const path = await s.make(root, 'suite-left-open');
        await s.d.open(await s.walkTo(root, join(path, s.t.create.hold)), ORDWR);
        await s.d.remove(await s.walkTo(root, path));
      }
      await s.d.reset!(how);
      expect(s.t.census()).to.deep.equal(start);
    });
  }

  it('the root cannot be removed', async () => {
    const s = ctx();
    const root = await s.d.attach();
    const h = await s.walkTo(root, '');
    await s.failsWith(s.d.remove(h), Eperm);
    expect(isDirQid((await s.d.stat(root)).qid)).to.equal(true);
    await s.d.close(root);
  });

  if (!applies.creates) return;
  describe('on a device that creates files', () => {
    it('create leaves the new file open; its qid is the one stat, walk and the listing give', async () => {
      const s = ctx();
      const spec = s.t.create!;
      const root = await s.d.attach();
      const h = await s.walkTo(root, spec.in);
      const q = await s.d.create(h, 'suite-new', spec.perm, spec.omode);
      expect((await s.d.stat(h)).qid).to.deep.equal(q);
      await s.d.close(h);
      expect(await s.qidOf(root, join(spec.in, 'suite-new'))).to.deep.equal(q);
      expect(await s.list(root, spec.in)).to.deep.include({ name: 'suite-new', qid: q });
      await s.d.close(root);
    });

    it('a file removed while open goes when its last holder closes', async () => {
      const s = ctx();
      const spec = s.t.create!;
      const start = s.t.census();
      const root = await s.d.attach();
      const before = await s.list(root, spec.in);
      const path = await s.make(root, 'suite-held');
      const held = await s.walkTo(root, join(path, spec.hold));
      await s.d.open(held, ORDWR);
      expect(await s.d.write(held, 0, 'held')).to.equal(4);
      const x = await s.walkTo(root, path);
      await s.d.remove(x);
      await s.cannotReach(root, spec.in, 'suite-held');
      expect(await s.list(root, spec.in)).to.deep.equal(before);
      expect((await s.d.read(held, 0, 4)).toString('latin1'), 'the open file still reads').to.equal('held');
      await s.d.close(held);
      await s.d.close(root);
      expect(s.t.census()).to.deep.equal(start);
    });

    if (applies.orclose) it('ORCLOSE removes the file when it is closed, from create or from open', async () => {
      const s = ctx();
      const spec = s.t.create!;
      const start = s.t.census();
      const root = await s.d.attach();
      const h = await s.walkTo(root, spec.in);
      await s.d.create(h, 'suite-rclose', spec.perm, spec.omode | ORCLOSE);
      await s.qidOf(root, join(spec.in, 'suite-rclose'));
      await s.d.close(h);
      await s.cannotReach(root, spec.in, 'suite-rclose');
      const path = await s.make(root, 'suite-rclose2');
      const o = await s.walkTo(root, path);
      await s.d.open(o, OREAD | ORCLOSE);
      await s.d.close(o);
      await s.cannotReach(root, spec.in, 'suite-rclose2');
      await s.d.close(root);
      expect(s.t.census()).to.deep.equal(start);
    });

    it('a removed file cannot be walked to or listed; made again, it has a new qid.path', async () => {
      const s = ctx();
      const spec = s.t.create!;
      const root = await s.d.attach();
      const path = await s.make(root, 'suite-gone');
      const q = await s.qidOf(root, path);
      await s.d.remove(await s.walkTo(root, path));
      await s.cannotReach(root, spec.in, 'suite-gone');
      expect((await s.list(root, spec.in)).map((e) => e.name)).to.not.include('suite-gone');
      await s.make(root, 'suite-gone');
      expect((await s.qidOf(root, path)).path).to.not.equal(q.path);
      await s.d.close(root);
    });
  });
}

/** The steps the rules repeat, on one driver. */
class Steps {
  constructor(readonly t: DevUnderTest, readonly d: Driver) {}

  /** A new handle on `path` ('' clones); the walk must go the whole way. */
  async walkTo(from: Handle, path: string): Promise<Handle> {
    const r = await this.d.walk(from, names(path));
    expect(r.h, `walk to ${path || '.'}`).to.not.equal(undefined);
    return r.h!;
  }

  async qidOf(root: Handle, path: string): Promise<Qid> {
    const h = await this.walkTo(root, path);
    try {
      return (await this.d.stat(h)).qid;
    } finally {
      await this.d.close(h);
    }
  }

  /** The listing of directory `path`, read on a handle of its own. */
  async list(root: Handle, path: string): Promise<Entry[]> {
    const h = await this.walkTo(root, path);
    try {
      await this.d.open(h, OREAD);
      return (await this.d.readdir(h)).map((e) => ({ name: e.name, qid: { ...e.qid } }));
    } finally {
      await this.d.close(h);
    }
  }

  /** Creates `name` in the create directory, closes it and runs the setup writes; its path. */
  async make(root: Handle, name: string): Promise<string> {
    const spec = this.t.create!;
    const h = await this.walkTo(root, spec.in);
    await this.d.create(h, name, spec.perm, spec.omode);
    await this.d.close(h);
    const path = join(spec.in, name);
    for (const [file, text] of spec.setup) {
      const f = await this.walkTo(root, join(path, file));
      await this.d.open(f, OWRITE);
      await this.d.write(f, 0, text);
      await this.d.close(f);
    }
    return path;
  }

  /** `name` is gone from directory `dir`: walking to it is `file does not exist`. */
  async cannotReach(root: Handle, dir: string, name: string): Promise<void> {
    const h = await this.walkTo(root, dir);
    await this.failsWith(this.d.walk(h, [name]), Enonexist);
    await this.d.close(h);
  }

  /** `p` fails with `ename` (or, in a dialect of errnos, with Linux's errno for it). */
  async failsWith(p: Promise<unknown>, ename: string): Promise<void> {
    const f = await this.d.failure(p);
    if (f.ename !== undefined) expect(f.ename).to.equal(ename);
    else expect(f.errno, ename).to.equal(LINUX_ERRNO[ename]);
  }
}
