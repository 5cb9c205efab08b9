// The segment handover of the in-process transport: beside the 9P bytes on a MessagePort, the
// client asks for a #g segment's memory by name and the server answers with its
// SharedArrayBuffers, the way a Unix socket passes a file descriptor (SCM_RIGHTS). The client
// asks only after 9P has opened the segment's data file ORDWR for the same user, and checks the
// answer against that file's qid, so the handover grants nothing 9P did not.
//
// Request  { q: id, seg: name, user }
// Answer   { a: id, mem: { base, size, path, pieces } }, { a: id, err: "Plan 9 error string" },
//          or { a: id, none: true } when the served Dev is not #g (the client then uses 9P).

import { SegmentDev } from '../devseg/segment-dev.js';
import { segmentMemory, type SegmentMemory } from '../devseg/segment-memory.js';
import type { Dev } from '../dev/dev.js';
import { Plan9Error } from '../lib9/errors.js';
import type { PortStream, SideMessage } from '../transport/port-stream.js';

export type { SegmentMemory } from '../devseg/segment-memory.js';

/** Where a client gets segment memory from. */
export interface SegmentSource {
  /**
   * The memory of segment `name` as `user` sees it; undefined when the server has no segment
   * memory to hand over (its Dev is not #g). Throws Plan9Error on refusal.
   */
  segmentMemory(name: string, user: string): Promise<SegmentMemory | undefined>;
}

/** Answers side requests arriving on `stream` from `dev`'s segment table (if it is #g). */
export function answerHandover(stream: PortStream, dev: Dev): void {
  stream.onSide = (m: SideMessage) => {
    if (typeof m.q !== 'number' || typeof m.seg !== 'string' || typeof m.user !== 'string') return;
    try {
      if (!(dev instanceof SegmentDev)) stream.postSide({ a: m.q, none: true });
      else stream.postSide({ a: m.q, mem: segmentMemory(dev, m.seg, m.user) });
    } catch (e) {
      stream.postSide({ a: m.q, err: e instanceof Error ? e.message : String(e) });
    }
  };
}

/** The client half: requests over `stream`, answers matched by id. */
export class HandoverClient implements SegmentSource {
  #next = 1;
  readonly #waiting = new Map<number, { resolve: (m: SegmentMemory | undefined) => void; reject: (e: Error) => void }>();

  constructor(readonly stream: PortStream) {
    stream.onSide = (m: SideMessage) => {
      const w = typeof m.a === 'number' ? this.#waiting.get(m.a) : undefined;
      if (w === undefined) return;
      this.#waiting.delete(m.a as number);
      if (typeof m.err === 'string') w.reject(new Plan9Error(m.err));
      else w.resolve(m.none === true ? undefined : m.mem as SegmentMemory);
    };
    stream.on('close', () => {
      for (const w of this.#waiting.values()) w.reject(new Plan9Error('i/o error'));
      this.#waiting.clear();
    });
  }

  segmentMemory(name: string, user: string): Promise<SegmentMemory | undefined> {
    const q = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(q, { resolve, reject });
      this.stream.postSide({ q, seg: name, user });
    });
  }
}
