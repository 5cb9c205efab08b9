// The memory of a #g segment, for handing to a client in the same process or a worker thread
// (the in-process 9P transport's side request): the SharedArrayBuffers themselves, so the
// client's mapping is the very memory the device's data file reads and writes.

import { ORDWR } from '../lib9/modes.js';
import { devPermCheck } from '../lib9/perm.js';
import { Enonexist, Enova, error } from '../lib9/errors.js';
import type { ShadowPiece } from '../kernel/engine/shadow.js';
import { Qdata, qpath } from './qid.js';
import type { SegmentDev } from './segment-dev.js';

/** A segment's address, size, data file qid path and memory. */
export interface SegmentMemory {
  base: number;
  size: number;
  /** qid.path of the segment's data file: tells a client it got the segment it opened. */
  path: bigint;
  /** [0, size) of the segment as SharedArrayBuffer pieces (one per 1 GiB chunk). */
  pieces: ShadowPiece[];
}

/**
 * The memory of segment `name` for `user`, with segattach's checks in 9front's order: the
 * name must be in the table (`file does not exist`), `user` must have rw permission
 * (`permission denied`), and the segment must have its address (`global segment not
 * assigned a virtual address`).
 */
export function segmentMemory(dev: SegmentDev, name: string, user: string): SegmentMemory {
  const g = dev.segmentStore.globals.find(name);
  if (g === undefined) error(Enonexist);
  devPermCheck(user, dev.eve, g.uid, g.perm, ORDWR);
  const s = g.s;
  if (s === null) error(Enova);
  return { base: s.base, size: s.size, path: qpath(g.slot, g.gen, Qdata), pieces: s.shadow.pieces(0, s.size) };
}
