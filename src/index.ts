/**
 * segfs: Plan 9's #g shared memory segments served over 9P, the kernel model under them, and
 * the client library that attaches segments at their fixed virtual address.
 *
 * This entry holds what a user of the package needs: serving, mounting, the kernel, the error
 * types and the constants of the seed APIs. The parts under it have entries of their own:
 * `segfs/9p` (codec, server, client), `segfs/dev` (the device layer and the devices) and
 * `segfs/kernel` (the kernel model and the Plan 9 layer in full).
 *
 * @packageDocumentation
 */
export { version } from './version.js';
export {
  serve, kernelDevices, segmentDevice, DEFAULT_MSIZE, type ServeOptions, type ServeHandle,
} from './serve/serve.js';
export { servePort, type PortServing, type ServePortOptions } from './serve/serve-port.js';
export { mount, Namespace, type MountTarget, type MountOptions } from './client/mount.js';
export { SegmentProcess } from './client/segment-process.js';
export { plan9For } from './plan9/plan9-for.js';
export { Plan9Process } from './plan9/plan9-process.js';
export {
  Kernel, type Ret, type KernelOptions, type ProcCreated, type SharedProcCreated, type SpawnOptions, type AllocOptions, type ProcInfo, type AccessMode,
} from './kernel/kernel.js';
export type { SegmentInfo } from './kernel/engine/mapping.js';
export type { OfferRecord, OfferKind } from './kernel/offers.js';
export type { Pid, ProcIdentity } from './kernel/proc.js';
export * from './kernel/constants.js';
export {
  SG_TEXT, SG_DATA, SG_BSS, SG_STACK, SG_SHARED, SG_PHYSICAL, SG_FIXED, SG_STICKY, SG_RONLY, SG_CEXEC, SG_FAULT, RFMEM,
} from './plan9/constants.js';
export * from './lib9/errno.js';
export { Plan9Error } from './lib9/errors.js';
export { NinepError, type NinepErrorCode, type NinepFailureCode } from './9p/client/errors.js';
export { CodecError, type CodecErrorCode } from './9p/codec/codec-error.js';
export type { Dialect } from './9p/codec/dialect.js';
