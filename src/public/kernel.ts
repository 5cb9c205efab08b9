// `segfs/kernel`: the kernel model in full — processes, address spaces and segments on
// SharedArrayBuffers with the calls of every seed system, and the Plan 9 layer on top
// (processes with text, data, bss and stack; the segattach family; /proc/N/segment).

export * from '../kernel/kernel.js';
export * from '../kernel/constants.js';
export type { SegmentInfo, Mapping, Region } from '../kernel/engine/mapping.js';
export type { ShadowKind } from '../kernel/engine/shadow.js';
export type { KernelView } from '../kernel/view.js';
export { snapshot, verify, mergeablePairs, type Inspectable } from '../kernel/inspect.js';
export type { OfferRecord, OfferKind } from '../kernel/offers.js';
export type { Pid, Proc, ProcKind } from '../kernel/proc.js';
export * from '../plan9/constants.js';
export { Plan9Process } from '../plan9/plan9-process.js';
export { plan9For } from '../plan9/plan9-for.js';
export type { Plan9, Plan9SpawnOptions } from '../plan9/plan9.js';
export type { ImageSpec } from '../plan9/image.js';
export type { Uarg } from '../lib9/uarg.js';
export * from '../lib9/errno.js';
export { Plan9Error } from '../lib9/errors.js';
export * from '../lib9/error-strings.js';
