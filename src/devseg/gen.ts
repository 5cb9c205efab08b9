// segmentgen: the whole #g tree described by one gen function (devsegment.c).
//   #g            top dir: the live segments in slot order; `..` is #g itself
//   #g/NAME       segment dir: ctl, data; `..` is #g
//   #g/NAME/ctl   mode g.perm, owner g.uid, length 0
//   #g/NAME/data  mode g.perm, owner g.uid, length top-base (0 until `va`)

import type { Chan } from '../dev/dev.js';
import { DEVDOTDOT, devDir, type GenResult } from '../dev/devhelp.js';
import { Egone, error } from '../lib9/errors.js';
import type { GlobalSegments, Globalseg } from '../plan9/global-segments.js';
import { NGLOBAL } from '../plan9/global-segments.js';
import { DMDIR, QTDIR, QTFILE } from '../lib9/modes.js';
import { Qctl, Qsegdir, Qtopdir, qgenIs, qpath, qslot, qtype } from './qid.js';

/** The segment a segment-dir, ctl or data chan names; `global segment disappeared` if it is gone. */
export function getgseg(globals: GlobalSegments, c: Chan): Globalseg {
  const g = globals.at(qslot(c.qid.path));
  if (g === undefined || !qgenIs(c.qid.path, g.gen)) error(Egone);
  return g;
}

/**
 * The gen of #g. Walking to `name` answers at index 0 from the table's by-name index (and a
 * segment dir's `ctl` or `data` directly), so a walk never scans the slots.
 */
export function segmentgen(globals: GlobalSegments, eve: string, c: Chan, i: number, name?: string): GenResult {
  const type = qtype(c.qid.path);
  if (i === DEVDOTDOT) return devDir(c.dev, { type: QTDIR, vers: 0, path: qpath(0, 0n, Qtopdir) }, '#g', 0n, eve, DMDIR | 0o777, eve);
  if (type === Qtopdir) {
    if (name !== undefined) {
      const g = i === 0 ? globals.find(name) : undefined;
      return g === undefined ? 'end' : segdir(globals, eve, c, g.slot);
    }
    return i >= NGLOBAL ? 'end' : segdir(globals, eve, c, i);
  }
  if (name !== undefined) {
    if (i > 0) return 'end';
    if (name === 'ctl') i = 0;
    else if (name === 'data') i = 1;
    else return 'end';
  }
  return segfile(globals, eve, c, i);
}

/** #g's entry for the segment in `slot`. */
function segdir(globals: GlobalSegments, eve: string, c: Chan, slot: number): GenResult {
  const g = globals.at(slot);
  if (g === undefined) return 'skip';
  return devDir(c.dev, { type: QTDIR, vers: 0, path: qpath(slot, g.gen, Qsegdir) }, g.name, 0n, g.uid, DMDIR | 0o777, eve);
}

/** The i-th file of the segment `c` is in or names: 0 ctl, 1 data. */
export function segfile(globals: GlobalSegments, eve: string, c: Chan, i: number): GenResult {
  if (i > 1) return 'end';
  const g = getgseg(globals, c);
  // a stat of the file itself: its chan already holds the path (same slot and generation)
  const path = qtype(c.qid.path) === Qctl + i ? c.qid.path : qpath(qslot(c.qid.path), g.gen, Qctl + i);
  if (i === 0) return devDir(c.dev, { type: QTFILE, vers: 0, path }, 'ctl', 0n, g.uid, g.perm, eve);
  const size = g.s === null ? 0n : BigInt(g.s.size);
  return devDir(c.dev, { type: QTFILE, vers: 0, path }, 'data', size, g.uid, g.perm, eve);
}
