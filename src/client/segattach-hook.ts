// The global segattach hook of a client's kernel, set once per kernel as 9front's devsegment
// sets _globalsegattach: segattach of process `pid` asks that process's mount for the name.
// A mount answers over 9P, which takes round trips, and segattach is synchronous: so the
// process resolves the name first and leaves the answer here for the segattach it then makes.
// An answer segattach never asked for (it failed before: va, slots) is released.

import type { Plan9 } from '../plan9/plan9.js';
import type { MountedSegment } from './mounted-segment.js';

/** What the mount said about a name: its segment, or the error segattach raises for it. */
export interface MountAnswer {
  readonly name: string;
  readonly found: MountedSegment | Error;
}

const answers = new WeakMap<Plan9, Map<number, MountAnswer>>();

/** Runs `segattach` (a call of plan9's segattach for `pid`) with `answer` waiting for the hook. */
export function segattachWith<T>(plan9: Plan9, pid: number, answer: MountAnswer, segattach: () => T): T {
  const waiting = answersOf(plan9);
  waiting.set(pid, answer);
  try {
    return segattach();
  } finally {
    if (waiting.get(pid) === answer) {
      waiting.delete(pid);
      if (!(answer.found instanceof Error)) answer.found.release();
    }
  }
}

function answersOf(plan9: Plan9): Map<number, MountAnswer> {
  let waiting = answers.get(plan9);
  if (waiting === undefined) {
    const table = new Map<number, MountAnswer>();
    const next = plan9.globalSegattach;
    plan9.globalSegattach = (pid, name) => {
      const a = table.get(pid);
      if (a === undefined || a.name !== name) return next?.(pid, name);
      table.delete(pid);
      if (a.found instanceof Error) throw a.found;
      return a.found;
    };
    answers.set(plan9, table);
    waiting = table;
  }
  return waiting;
}
