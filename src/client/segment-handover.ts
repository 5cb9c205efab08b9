// The client half of the segment handover (the server half is src/serve/answer-handover.ts):
// beside the 9P bytes on a MessagePort, the client asks for a #g segment's memory by name and the server answers with its
// SharedArrayBuffers, the way a Unix socket passes a file descriptor (SCM_RIGHTS). The client
// asks only after 9P has opened the segment's data file ORDWR for the same user, and checks the
// answer against that file's qid, so the handover grants nothing 9P did not. Any served device
// that offers segment memory (Dev.segmentMemory: #g, a mux holding #g) answers.
//
// Request  { q: id, seg: name, user, aname }
// Answer   { a: id, mem: { base, size, path, pieces } }, { a: id, err: "Plan 9 error string" },
//          or { a: id, none: true } when the tree has no segment memory (the client then uses 9P).

import type { SegmentMemory } from '../dev/dev.js';
import { Eio, Plan9Error } from '../lib9/errors.js';
import type { PortStream, SideMessage } from '../transport/port-stream.js';

export type { SegmentMemory } from '../dev/dev.js';

/** Where a client gets segment memory from. */
export interface SegmentSource {
  /**
   * The memory of segment `name` as `user` sees it; undefined when the server has no segment
   * memory to hand over. Throws Plan9Error on refusal.
   */
  segmentMemory(name: string, user: string): Promise<SegmentMemory | undefined>;
}

/** The client half: requests over `stream` for the tree attached with `aname`, answers matched by id. */
export class HandoverClient implements SegmentSource {
  #next = 1;
  readonly #waiting = new Map<number, { resolve: (m: SegmentMemory | undefined) => void; reject: (e: Error) => void }>();

  constructor(readonly stream: PortStream, readonly aname = '') {
    stream.onSide = (m: SideMessage) => {
      const w = typeof m.a === 'number' ? this.#waiting.get(m.a) : undefined;
      if (w === undefined) return;
      this.#waiting.delete(m.a as number);
      if (typeof m.err === 'string') w.reject(new Plan9Error(m.err));
      else w.resolve(m.none === true ? undefined : m.mem as SegmentMemory);
    };
    stream.on('close', () => {
      for (const w of this.#waiting.values()) w.reject(new Plan9Error(Eio));
      this.#waiting.clear();
    });
  }

  segmentMemory(name: string, user: string): Promise<SegmentMemory | undefined> {
    const q = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(q, { resolve, reject });
      this.stream.postSide({ q, seg: name, user, aname: this.aname });
    });
  }
}
