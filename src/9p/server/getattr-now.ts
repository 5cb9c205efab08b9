// Tgetattr answered in the turn it arrives, without the generic machinery: the frame is read
// in place (no Fcall, no BigInt for the mask, which Rgetattr ignores: it always gives the
// basic set), and when the device answers synchronously no Req is made and the tag never
// enters the tag table. That is safe because a Tflush can only name a tag still pending,
// and this one is answered before the next frame is looked at: a later Tflush for it finds
// no request and gets its Rflush at once, as it does after the generic path's reply.
// Anything unusual (a duplicate tag, an unknown fid, authentication fids, tracing, another
// dialect, a malformed frame) is left to the generic path, which answers it as before.

import { MsgType } from '../codec/msg-type.js';
import type { Fid } from './fid.js';
import { u32At } from './frame-fields.js';
import type { SessionState } from './session-state.js';

/** size[4] type[1] tag[2] fid[4] request_mask[8]. */
export const TGETATTR_SIZE = 19;

/** True when `frame` is a whole Tgetattr (size[4] says 19 and it has 19 bytes). */
export function isTgetattr(frame: Uint8Array): boolean {
  return frame.length === TGETATTR_SIZE && frame[4] === MsgType.Tgetattr &&
    frame[0] === TGETATTR_SIZE && frame[1] === 0 && frame[2] === 0 && frame[3] === 0;
}

/**
 * The fid the Tgetattr frame at frame[at, at + 19) names, not ref'd, when the fast path may serve it; undefined
 * sends the frame down the generic path (which gives every error its usual answer).
 */
export function fastGetattrFid(s: SessionState, frame: Uint8Array, at = 0): Fid | undefined {
  if (s.dialect !== '9P2000.L' || s.fids.hasAuth || s.config.trace !== undefined) return undefined;
  return s.fids.peek(u32At(frame, at + 7));
}
