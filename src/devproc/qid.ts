// #p qid paths: path = pid << TYPE_BITS | type, pid 0 for the files of the top directory.
// Pids are never reused by the kernel, so a path names one process's file forever.

export const Qtopdir = 0;
export const Qclone = 1;
export const Qhelp = 2;
export const Qprocdir = 3;
export const Qctl = 4;
export const Qinfo = 5;
export const Qsegment = 6;

const TYPE_BITS = 4n;
const TYPE_MASK = (1n << TYPE_BITS) - 1n;

export function qpath(pid: number, type: number): bigint {
  return (BigInt(pid) << TYPE_BITS) | BigInt(type);
}

export function qtype(path: bigint): number {
  return Number(path & TYPE_MASK);
}

export function qpid(path: bigint): number {
  return Number(path >> TYPE_BITS);
}
