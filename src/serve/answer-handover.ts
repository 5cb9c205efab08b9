// The server half of the segment handover (the client half is src/client/segment-handover.ts):
// a side request on a MessagePort names a #g segment, a user and an attach name, and the
// served device tree answers with the segment's SharedArrayBuffers when it offers segment
// memory (Dev.segmentMemory), with the Plan 9 error when it refuses, or `none`.

import type { Dev } from '../dev/dev.js';
import type { PortStream, SideMessage } from '../transport/port-stream.js';

/** Answers side requests arriving on `stream` from the segment memory `dev` offers, if any. */
export function answerHandover(stream: PortStream, dev: Dev): void {
  stream.onSide = (m: SideMessage) => {
    if (typeof m.q !== 'number' || typeof m.seg !== 'string' || typeof m.user !== 'string') return;
    const aname = typeof m.aname === 'string' ? m.aname : '';
    try {
      const mem = dev.segmentMemory?.(aname, m.seg, m.user);
      stream.postSide(mem === undefined ? { a: m.q, none: true } : { a: m.q, mem });
    } catch (e) {
      stream.postSide({ a: m.q, err: e instanceof Error ? e.message : String(e) });
    }
  };
}
