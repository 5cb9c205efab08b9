// Plan 9's port/dev.c for the Dev interface: the generic attach, walk, stat and directory read
// that every device drives with its one gen function, readstr for synthetic text files, and
// the Eperm defaults for the calls a device does not support.

import type { Chan, Dev, WalkResult } from './dev.js';
import type { Dir, Qid } from '../lib9/dir.js';
import { Enonexist, Enotdir, Eperm, error } from '../lib9/errors.js';
import { QTDIR } from '../lib9/modes.js';

/** Index a gen function is asked for when a walk steps to `..`. */
export const DEVDOTDOT = -1;

/** What a gen function yields for one index: an entry, "nothing at this index", or the end. */
export type GenResult = Dir | 'skip' | 'end';

/**
 * A device's description of its tree (Plan 9's Devgen). The contract, as dev.c states it:
 * - Called with index i = 0, 1, 2, … for the children of directory `c`: return the i-th
 *   child's Dir, 'skip' for an empty index, and 'end' after the last one. devReaddir lists
 *   these in index order; devWalk matches names against them.
 * - devStat calls it the same way with `c` itself and looks for an entry whose qid.path is
 *   `c`'s: so a file must be generated among its siblings when `c` is that file, and a
 *   directory that lists its children instead falls back to a generic 0555 entry (dev.c).
 * - With i = DEVDOTDOT it returns the parent of directory `c` (must not be 'end'/'skip').
 * - `name` is the name being walked to (undefined for stat and directory reads); a gen may
 *   use it to answer at once but must still return entries that devWalk compares by name.
 * - It may throw a Plan9Error (for example when the object behind `c` has disappeared); the
 *   helper that called it then fails with that error.
 */
export type Gen = (c: Chan, name: string | undefined, i: number) => GenResult;

/** The kernel's boot time in seconds: every generated entry's mtime (9front's kerndate). */
export const kerndate = Math.floor(Date.now() / 1000);

/** Plan 9's devdir: an entry with mode = perm | qid.type<<24, gid eve, muid = uid. */
export function devDir(dev: Dev, qid: Qid, name: string, length: bigint, uid: string, perm: number, eve: string): Dir {
  return {
    type: dev.dc.charCodeAt(0),
    dev: 0,
    qid: { ...qid },
    mode: (perm | (qid.type << 24)) >>> 0,
    atime: Math.floor(Date.now() / 1000),
    mtime: kerndate,
    length,
    name,
    uid,
    gid: eve,
    muid: uid,
  };
}

/** Plan 9's devattach: a channel to the device's root, path 0, a directory. */
export function devAttach(dev: Dev, user: string): Chan {
  return { dev, qid: { type: QTDIR, vers: 0, path: 0n }, user, open: false, mode: 0, rclose: false, aux: undefined };
}

/** Plan 9's devclone: a new, unopened channel to the same file. */
export function devClone(c: Chan): Chan {
  return { dev: c.dev, qid: { ...c.qid }, user: c.user, open: false, mode: 0, rclose: false, aux: undefined };
}

/**
 * Plan 9's devwalk. Fails only when the first name fails (`not a directory` from a file,
 * `file does not exist` for a missing name); a later miss returns the qids walked so far and
 * no chan. `.` stays, `..` asks the gen for DEVDOTDOT. Errors thrown by the gen propagate.
 */
export function devWalk(c: Chan, names: readonly string[], gen: Gen): WalkResult {
  const nc = devClone(c);
  const qids: Qid[] = [];
  for (let j = 0; j < names.length; j++) {
    if ((nc.qid.type & QTDIR) === 0) {
      if (j === 0) error(Enotdir);
      return { qids };
    }
    const n = names[j]!;
    if (n === '..') {
      const up = gen(nc, undefined, DEVDOTDOT);
      if (typeof up === 'string') throw new Error(`dev${c.dev.name}: gen gave no entry for ..`);
      nc.qid = { ...up.qid };
    } else if (n !== '.') {
      const found = lookup(nc, n, gen);
      if (found === undefined) {
        if (j === 0) error(Enonexist);
        return { qids };
      }
      nc.qid = found;
    }
    qids.push({ ...nc.qid });
  }
  return { qids, chan: nc };
}

function lookup(c: Chan, name: string, gen: Gen): Qid | undefined {
  for (let i = 0; ; i++) {
    const d = gen(c, name, i);
    if (d === 'end') return undefined;
    if (d !== 'skip' && d.name === name) return { ...d.qid };
  }
}

/**
 * Plan 9's devstat: the entry the gen yields whose qid.path is `c`'s. A directory the gen
 * does not list among its siblings gets dev.c's fallback: name `elem` (the last element of
 * the path the chan was reached by), uid and gid eve, mode DMDIR|0555, length 0. A file that
 * is not found is `file does not exist`.
 */
export function devStat(c: Chan, gen: Gen, elem: string, eve: string): Dir {
  for (let i = 0; ; i++) {
    const d = gen(c, undefined, i);
    if (d === 'end') break;
    if (d !== 'skip' && d.qid.path === c.qid.path) return d;
  }
  if ((c.qid.type & QTDIR) === 0) error(Enonexist);
  return devDir(c.dev, c.qid, elem, 0n, eve, 0o555, eve);
}

/** Plan 9's devdirread, whole: every entry of directory `c`, in index order. */
export function devReaddir(c: Chan, gen: Gen): Dir[] {
  const out: Dir[] = [];
  for (let i = 0; ; i++) {
    const d = gen(c, undefined, i);
    if (d === 'end') return out;
    if (d !== 'skip') out.push(d);
  }
}

/** Plan 9's readstr: `text` from `offset` into `buf`, clamped; 0 at or past the end. */
export function readstr(offset: number, buf: Uint8Array, text: string): number {
  if (offset >= text.length) return 0;
  const n = Math.min(buf.length, text.length - offset);
  buf.set(Buffer.from(text.slice(offset, offset + n), 'latin1'));
  return n;
}

/** Plan 9's devcreate: `permission denied`. */
export function devCreate(): never {
  error(Eperm);
}

/** Plan 9's devremove: `permission denied`. */
export function devRemove(): never {
  error(Eperm);
}

/** Plan 9's devwstat: `permission denied`. */
export function devWstat(): never {
  error(Eperm);
}

/** Plan 9's devwrite default for read-only devices: `permission denied`. */
export function devWrite(): never {
  error(Eperm);
}
