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
export { ProcDev, AnameMux, Enoprocs, ctlTable, type ProcDevOptions, type Plan9Facade, type CtlContext } from './devproc/index.js';
export { Plan9Process } from './plan9/plan9-process.js';
export { plan9For } from './plan9/plan9-for.js';
export type { Plan9, Plan9SpawnOptions, Uarg } from './plan9/plan9.js';
export type { ImageSpec } from './plan9/image.js';
export {
  SG_TEXT, SG_DATA, SG_BSS, SG_STACK, SG_SHARED, SG_PHYSICAL, SG_FIXED, SG_STICKY, SG_RONLY, SG_CEXEC, SG_FAULT, RFMEM,
} from './plan9/constants.js';
export { devWalk, devStat, devReaddir, devDir, devAttach, DEVDOTDOT, type Gen, type GenResult } from './dev/devhelp.js';
export { devPermCheck, openmode } from './lib9/perm.js';
export {
  Kernel,
  type Ret,
  type KernelOptions,
  type SpawnOptions,
  type AllocOptions,
  type ProcInfo,
  type AccessMode,
} from './kernel/kernel.js';
export * from './kernel/constants.js';
export * from './lib9/errno.js';
export type { SegmentInfo, Mapping, Region } from './kernel/engine/mapping.js';
export type { OfferRecord } from './kernel/offers.js';
export type { Pid, Proc, ProcKind } from './kernel/proc.js';
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
export { serve, segmentDevice, kernelDevices, type ServeOptions, type ServeHandle } from './serve/serve.js';
export { NinepServer, type ServerOptions } from './9p/server/server.js';
// client (client engineer): mount a server, attach its segments at their fixed address
export { Client, type ClientOptions } from './9p/client/client.js';
export { ClientFid, type StatChanges } from './9p/client/fid.js';
export { Fsys } from './9p/client/fsys.js';
export { NinepError, NinepClientError, type NinepClientErrorCode } from './9p/client/errors.js';
export { mount, Namespace, type MountTarget, type MountOptions } from './client/mount.js';
export { SegmentProcess } from './client/segment-process.js';
export { servePort, type PortServing, type ServePortOptions } from './serve/serve-port.js';
export { dial, parseDialString } from './transport/dial.js';
export { Plan9Error } from './lib9/errors.js';
