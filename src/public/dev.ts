// `segfs/dev`: the device layer — the Dev interface every device implements, Plan 9's dev.c
// helpers to write one with a gen function, the file vocabulary, and the devices segfs has:
// #g (SegmentDev), #p (ProcDev) and the attach-name mux that serves both.

export type { Dev, Chan, WalkResult, SegmentMemory, MemoryPiece, MaybePromise } from '../dev/dev.js';
export type { Qid, Dir, DirChanges } from '../lib9/dir.js';
export { devWalk, devStat, devReaddir, devDir, devAttach, devClone, readstr, DEVDOTDOT, type Gen, type GenResult } from '../dev/devhelp.js';
export { devPermCheck, openmode } from '../lib9/perm.js';
export * from '../lib9/modes.js';
export { AnameMux } from '../dev/aname-mux.js';
export { SegmentDev, type SegmentKernel } from '../devseg/index.js';
export { ProcDev, Enoprocs, MEMREAD_MAX, type ProcDevOptions } from '../devproc/index.js';
