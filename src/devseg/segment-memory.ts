// The memory of a #g segment, for handing to a client in the same process or a worker thread
// (the in-process 9P transport's side request): the SharedArrayBuffers themselves, so the
// client's mapping is the very memory the device's data file reads and writes.

import type { SegmentMemory } from '../dev/dev.js';
import { Enonexist, Enova, error } from '../lib9/errors.js';
import { ORDWR } from '../lib9/modes.js';
import { devPermCheck } from '../lib9/perm.js';
import type { GlobalSegments } from '../plan9/global-segments.js';
import { Qdata, qpath } from './qid.js';

export type { SegmentMemory } from '../dev/dev.js';

/**
 * The memory of segment `name` of `globals` for `user` (`eve` the host owner), with
 * segattach's checks in 9front's order: the name must be in the table (`file does not
 * exist`), `user` must have rw permission (`permission denied`), and the segment must have its
 * address (`global segment not assigned a virtual address`).
 */
export function segmentMemory(globals: GlobalSegments, eve: string, name: string, user: string): SegmentMemory {
  const g = globals.find(name);
  if (g === undefined) error(Enonexist);
  devPermCheck(user, eve, g.uid, g.perm, ORDWR);
  const s = g.s;
  if (s === null) error(Enova);
  return { base: s.base, size: s.size, path: qpath(g.slot, g.gen, Qdata), pieces: s.shadow.pieces(0, s.size) };
}
