/**
 * segfs: Plan 9's #g segment device served over 9P, the kernel model under it,
 * and the client library that attaches segments at their fixed virtual address.
 *
 * The public API is re-exported from here; each part lives in its own folder:
 * src/9p (wire codec, server, client), src/kernel (processes, segments, Dev layer),
 * src/devseg (the #g device).
 */
export const version = '0.1.0';
export { SegmentDev, type SegmentKernel } from './devseg/index.js';
export * as ninep from './9p/index.js';
export {
  encode,
  encodeHeader,
  decode,
  Framer,
  CodecError,
  MsgType,
  parseVersion,
  formatFcall,
  type Fcall,
  type Dialect,
  type CodecErrorCode,
} from './9p/index.js';
