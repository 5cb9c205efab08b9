// The devices under the Dev acceptance suite (dev-suite.ts), each with a small tree made
// through its own calls and a census of the references it holds: #g, #p, the aname mux as
// serve's kernelDevices builds it, and the example ramfs.

import type { Chan, Dev } from '../../src/dev/dev.js';
import type { SegmentDev } from '../../src/devseg/index.js';
import { ProcDev } from '../../src/devproc/index.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import type { Globalseg } from '../../src/plan9/global-segments.js';
import type { Seg } from '../../src/plan9/segment.js';
import { kernelDevices, segmentDevice } from '../../src/serve/serve.js';
import { RamFs } from '../../examples/ramfs.js';
import type { DevCase, DevUnderTest } from './dev-suite.js';

const EVE = 'eve';
const USER = 'glenda';

/** A fixture device's answer: they never wait. */
function now<T>(v: T | Promise<T>): T {
  if (v instanceof Promise) throw new Error('a fixture device answered later');
  return v;
}

/** A chan on `path` from `dev`'s root as USER. */
function chanAt(dev: Dev, path: string): Chan {
  const root = now(dev.attach('', USER));
  if (path === '') return root;
  const r = now(dev.walk(root, path.split('/')));
  dev.close(root);
  if (r.chan === undefined) throw new Error(`fixture: no ${path}`);
  return r.chan;
}

/** Opens `path` as USER with `omode` and writes `text`. */
function put(dev: Dev, path: string, omode: number, text: string): void {
  const c = now(dev.open(chanAt(dev, path), omode));
  now(dev.write(c, Buffer.from(text), 0));
  dev.close(c);
}

/** Creates `name` in directory `dir` as USER, writing `text` into it if given. */
function mk(dev: Dev, dir: string, name: string, perm: number, omode: number, text?: string): void {
  const c = chanAt(dev, dir);
  now(dev.create(c, name, omode, perm));
  if (text !== undefined) now(dev.write(c, Buffer.from(text), 0));
  dev.close(c);
}

// ---- #g ----

/**
 * The #g tree: segment `seg` with an address, and `ro`, whose one perm (ctl and data) is
 * 0444 so its owner may read but not write. Census: every segment the device has made, with
 * its references; one removed and closed must hold nothing.
 */
function segmentTree(g: SegmentDev): Omit<DevUnderTest, 'dev' | 'aname'> {
  mk(g, '', 'seg', DMDIR | 0o777, OREAD);
  put(g, 'seg/ctl', OWRITE, 'va 0x10000000 0x2000');
  mk(g, '', 'ro', DMDIR | 0o777, OREAD);
  put(g, 'ro/ctl', OWRITE, 'va 0x10100000 0x1000');
  const ctl = chanAt(g, 'ro/ctl');
  g.wstat(ctl, { mode: 0o444 });
  g.close(ctl);
  return {
    user: USER,
    eve: EVE,
    dir: 'seg',
    file: 'seg/ctl',
    readable: ['seg/ctl', 'seg/data', 'ro/data'],
    readOnly: 'ro/data',
    create: { in: '', perm: DMDIR | 0o777, omode: OREAD, setup: [['ctl', 'va 0x20000000 0x1000']], hold: 'data' },
    census: segmentCensus(g),
  };
}

/** Notes every Globalseg and Seg the device's store makes, and reports who still holds them. */
function segmentCensus(g: SegmentDev): () => unknown {
  const store = g.segmentStore;
  const made: Globalseg[] = [];
  const segs: Seg[] = [];
  const create = store.globals.create.bind(store.globals);
  store.globals.create = (...a) => { const x = create(...a); made.push(x); return x; };
  const newseg = store.newseg.bind(store);
  store.newseg = (...a) => { const s = newseg(...a); segs.push(s); return s; };
  return () => ({
    // the data file's I/O process holds the segment until the Globalseg goes, as 9front's segio does
    listed: [...store.globals.live()].map((x) => `${x.name} ref ${x.ref} seg ${x.s === null ? '-' : x.s.ref - (x.kproc ? 1 : 0)}`),
    held: made.filter((x) => !x.listed && x.ref !== 0).map((x) => x.name),
    memory: segs.filter((s) => s.ref !== 0 && ![...store.globals.live()].some((x) => x.s === s)).length,
  });
}

export const segmentCase: DevCase = {
  name: '#g (SegmentDev)',
  creates: true,
  make() {
    const g = segmentDevice(EVE, new Kernel());
    return { dev: g, aname: '', ...segmentTree(g) };
  },
};

// ---- #p ----

/** The #p tree: one process, made by the kernel (so eve's); USER reads its info and segment. */
function procTree(kernel: Kernel): Omit<DevUnderTest, 'dev' | 'aname'> {
  const pid = kernel.spawn();
  return {
    user: USER,
    eve: EVE,
    dir: String(pid),
    file: `${pid}/info`,
    readable: ['help', `${pid}/info`, `${pid}/segment`],
    readOnly: 'help',
    census: () => kernel.procs().map((p) => p.pid),
  };
}

export const procCase: DevCase = {
  name: '#p (ProcDev)',
  creates: false,
  make() {
    const kernel = new Kernel();
    return { dev: new ProcDev(kernel, EVE), aname: '', ...procTree(kernel) };
  },
};

// ---- the aname mux ----

/** serve's kernelDevices: #g at "", "/" and "#g", #p at "#p", one kernel. */
export function muxCase(aname: '' | '#g' | '#p'): DevCase {
  return {
    name: `the aname mux of kernelDevices, attached at ${JSON.stringify(aname)}`,
    creates: aname !== '#p',
    make() {
      const kernel = new Kernel();
      const mux = kernelDevices(EVE, kernel);
      const g = mux.fallback as SegmentDev;
      const tree = aname === '#p' ? procTree(kernel) : segmentTree(g);
      return { dev: mux, aname, anames: mux.anames, ...tree };
    },
  };
}

// ---- ramfs ----

/** The example ramfs: directory d with file f, and ro (0444), all USER's; census: the tree. */
export const ramfsCase: DevCase = {
  name: 'the example ramfs',
  creates: true,
  make() {
    const fs = new RamFs(EVE);
    mk(fs, '', 'd', DMDIR | 0o755, OREAD);
    mk(fs, 'd', 'f', 0o644, ORDWR, 'hello');
    mk(fs, '', 'ro', 0o444, OREAD);
    const census = (): string[] => {
      const out: string[] = [];
      const walk = (n: typeof fs.root, path: string): void => {
        out.push(path);
        for (const k of n.children?.values() ?? []) walk(k, `${path}/${k.name}`);
      };
      walk(fs.root, '');
      return out;
    };
    return {
      dev: fs,
      aname: '',
      user: USER,
      eve: EVE,
      dir: 'd',
      file: 'd/f',
      readable: ['d/f', 'ro'],
      readOnly: 'ro',
      create: { in: 'd', perm: 0o644, omode: ORDWR, setup: [], hold: '' },
      census,
    };
  },
};
