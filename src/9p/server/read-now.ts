// Tread answered in the turn it arrives, like Tgetattr (getattr-now.ts): the frame is read in
// place (no Fcall, no BigInt offset), and when the device lends its memory synchronously
// (Dev.readViews) the reply is an 11-byte header followed by views of that memory, with no
// Req and no tag-table entry. A Tflush can only name a tag still pending, and this one is
// answered before the next frame is looked at, so a later Tflush for it gets its Rflush at
// once, as after the generic path's reply.
// Left to the generic path, which answers them as before: a duplicate tag, an unknown or
// unopened fid, a directory, a fid open for writing only, authentication fids, tracing, a
// device without readViews, an offset of 2^53 or more, a malformed frame.

import { MsgType } from '../codec/msg-type.js';
import { OWRITE } from '../../lib9/modes.js';
import type { Fid } from './fid.js';
import { u32At } from './frame-fields.js';
import type { SessionState } from './session-state.js';

/** size[4] type[1] tag[2] fid[4] offset[8] count[4]. */
export const TREAD_SIZE = 23;

/** Offsets below 2^53 (the high word below 2^21) are exact numbers; larger ones take the generic path. */
const OFFSET_HI_LIMIT = 0x200000;

/** True when `frame` is a whole Tread (size[4] says 23 and it has 23 bytes). */
export function isTread(frame: Uint8Array): boolean {
  return frame.length === TREAD_SIZE && frame[4] === MsgType.Tread &&
    frame[0] === TREAD_SIZE && frame[1] === 0 && frame[2] === 0 && frame[3] === 0;
}

/** The offset of the Tread frame at frame[at, at + 23), or -1 when it is 2^53 or more. */
export function treadOffset(frame: Uint8Array, at = 0): number {
  const hi = u32At(frame, at + 15);
  if (hi >= OFFSET_HI_LIMIT) return -1;
  return hi * 0x1_0000_0000 + u32At(frame, at + 11);
}

/** The count of the Tread frame at frame[at, at + 23). */
export function treadCount(frame: Uint8Array, at = 0): number {
  return u32At(frame, at + 19);
}

/**
 * The fid the Tread frame at frame[at, at + 23) names, not ref'd, when the fast path may
 * serve it: an open file that may be read, on a device that lends its memory; undefined sends
 * the frame down the generic path (which gives every error its usual answer).
 */
export function fastReadFid(s: SessionState, frame: Uint8Array, at = 0): Fid | undefined {
  if (s.fids.hasAuth || s.config.trace !== undefined || s.dev.readViews === undefined) return undefined;
  const fid = s.fids.peek(u32At(frame, at + 7));
  if (fid === undefined || !fid.isOpen || fid.omode === OWRITE || fid.isDir) return undefined;
  return fid;
}
