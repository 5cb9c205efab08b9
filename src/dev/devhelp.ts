// Plan 9's port/dev.c for the Dev interface: the generic attach, walk, stat and directory read
// that every device drives with its one gen function, readstr for synthetic text files, and
// the Eperm defaults for the calls a device does not support.

import type { Chan, Dev, WalkResult } from './dev.js';
import type { Dir, Qid } from '../lib9/dir.js';
import { Enonexist, Enotdir, Eperm, error } from '../lib9/errors.js';
import { QTDIR } from '../lib9/modes.js';
import { seconds } from './seconds.js';

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

/**
 * Plan 9's devdir: an entry with mode = perm | qid.type<<24, gid eve, muid = uid.
 * @param dev - the device (its letter is the entry's type)
 * @param qid - the file's qid
 * @param name - the file's name
 * @param length - its length in bytes
 * @param uid - its owner
 * @param perm - permission bits
 * @param eve - the group
 * @returns the entry
 */
export function devDir(dev: Dev, qid: Qid, name: string, length: bigint, uid: string, perm: number, eve: string): Dir {
  return {
    type: dev.dc.charCodeAt(0),
    dev: 0,
    qid: { ...qid },
    mode: (perm | (qid.type << 24)) >>> 0,
    atime: seconds(),
    mtime: kerndate,
    length,
    name,
    uid,
    gid: eve,
    muid: uid,
  };
}

/**
 * Plan 9's devattach: a channel to the device's root, path 0, a directory.
 * @param dev - the device
 * @param user - the user attaching
 * @returns a new channel, not open
 */
export function devAttach(dev: Dev, user: string): Chan {
  return { dev, qid: { type: QTDIR, vers: 0, path: 0n }, user, open: false, mode: 0, rclose: false, aux: undefined };
}

/**
 * Plan 9's devclone: a new, unopened channel to the same file.
 * @param c - the channel to copy
 * @returns the new channel
 */
export function devClone(c: Chan): Chan {
  return { dev: c.dev, qid: { ...c.qid }, user: c.user, open: false, mode: 0, rclose: false, aux: undefined };
}

/**
 * Plan 9's devwalk. Fails only when the first name fails (`not a directory` from a file,
 * `file does not exist` for a missing name); a later miss returns the qids walked so far and
 * no chan. `.` stays, `..` asks the gen for DEVDOTDOT. Errors thrown by the gen propagate.
 * @param c - the channel walked from (not changed)
 * @param names - the path elements
 * @param gen - the device's gen function
 * @returns the qids walked, and the new channel when all were
 * @throws Plan9Error `not a directory` ('ENOTDIR'), `file does not exist` ('ENOENT'), or the gen's error
 *
 * @example
 * ```ts
 * import { devAttach, devWalk, devStat, devReaddir, devDir, readstr, DEVDOTDOT, QTFILE, QTDIR } from 'segfs/dev';
 * import type { Dev, Gen } from 'segfs/dev';
 * // a device with one file, /hello: the gen yields it at index 0 and the root for ..
 * const gen: Gen = (c, _name, i) => {
 *   if (i === DEVDOTDOT) return devDir(c.dev, { type: QTDIR, vers: 0, path: 0n }, '/', 0n, 'eve', 0o555, 'eve');
 *   return i === 0 ? devDir(c.dev, { type: QTFILE, vers: 0, path: 1n }, 'hello', 6n, 'eve', 0o444, 'eve') : 'end';
 * };
 * const dev = { dc: 'h', name: 'hello' } as Dev; // the other Dev members omitted here
 * const root = devAttach(dev, 'glenda');
 * const { chan } = devWalk(root, ['hello'], gen);
 * console.log(devStat(chan!, gen, 'hello', 'eve').length); // 6n
 * console.log(devReaddir(root, gen).map((d) => d.name));   // [ 'hello' ]
 * const buf = new Uint8Array(16);
 * console.log(readstr(0, buf, 'hello\n'));                 // 6
 * ```
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
 * @param c - the channel
 * @param gen - the device's gen function
 * @param elem - the name a directory gets when its gen does not list it
 * @param eve - the owner and group of that fallback entry
 * @returns the entry
 * @throws Plan9Error `file does not exist` ('ENOENT'), or the gen's error
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

/**
 * Plan 9's devdirread, whole: every entry of directory `c`, in index order.
 * @param c - the directory's channel
 * @param gen - the device's gen function
 * @returns the entries
 * @throws the gen's error
 */
export function devReaddir(c: Chan, gen: Gen): Dir[] {
  const out: Dir[] = [];
  for (let i = 0; ; i++) {
    const d = gen(c, undefined, i);
    if (d === 'end') return out;
    if (d !== 'skip') out.push(d);
  }
}

/**
 * Plan 9's readstr: `text` from `offset` into `buf`, clamped: a device's read of a synthetic text file.
 * @param offset - the read's offset
 * @param buf - the read's buffer
 * @param text - the file's whole text (Latin-1)
 * @returns the count copied; 0 at or past the end
 */
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
