// What the proc device needs of the Plan 9 personality (src/plan9/plan9.ts, class
// Plan9): its processes, the segattach family and /proc/N/segment. A structural interface,
// so the device depends on the calls, not on the class; every call throws a Plan9Error.

/** A user-supplied address or length as C's 64-bit unsigned (Plan9's Uarg). */
export type Plan9Arg = number | bigint;

export interface Plan9Facade {
  /** Whether `pid` is a live Plan 9 process. */
  has(pid: number): boolean;
  /** A new Plan 9 process (stack, text, data, bss) running as `user`, child of `parent` in the core. */
  spawn(o: { user?: string; parent?: number }): number;
  /** rfork(RFPROC|flags): the child's pid. */
  fork(pid: number, flags?: number): number;
  segattach(pid: number, attr: number, name: string, va: Plan9Arg, len: Plan9Arg): number;
  segdetach(pid: number, addr: Plan9Arg): number;
  segbrk(pid: number, saddr: Plan9Arg, addr: Plan9Arg): number;
  segfree(pid: number, va: Plan9Arg, len: Plan9Arg): number;
  segflush(pid: number, va: Plan9Arg, len: Plan9Arg): number;
  /** The text of /proc/N/segment, as 9front's procread writes it. */
  segmentText(pid: number): string;
}
