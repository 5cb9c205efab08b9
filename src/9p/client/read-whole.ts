// A whole file into one buffer, pipelined like every large transfer: the stat (for the size)
// and the first reads go out together, then reads stay `depth` ahead until an empty one. A
// file larger than one Buffer can hold is refused before its bytes are fetched, with the way
// to read it instead; a synthetic file longer than its stat says is still read to its end.

import { constants } from 'node:buffer';
import type { ClientFid } from './fid.js';
import { readStream } from './stream.js';

/** The error for a file too large for one Buffer (Node's fs.readFile says the same, with this code). */
export function tooLargeForBuffer(what: string, size: number): RangeError {
  const e = new RangeError(`${what} is ${size} bytes, more than one Buffer holds (buffer.constants.MAX_LENGTH = ${constants.MAX_LENGTH}): `
    + 'read it in pieces with createReadStream(path) or readStream(path)');
  (e as RangeError & { code: string }).code = 'ERR_FS_FILE_TOO_LARGE';
  return e;
}

/** Every byte of `f` (open for reading) from offset 0 to its end; `what` names it in errors. */
export async function readWhole(f: ClientFid, what: string, o: { depth?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
  const max = constants.MAX_LENGTH;
  const stat = f.stat(o.signal);
  const chunks = readStream(f, { depth: o.depth ?? 8, signal: o.signal });
  const first = chunks.next();
  first.catch(() => {});
  try {
    const size = Number((await stat).length);
    if (size > max) throw tooLargeForBuffer(what, size);
    // the stat's size is a hint: a synthetic file may say 0 and hold text
    const out = Buffer.allocUnsafe(size);
    const extra: Uint8Array[] = [];
    let total = 0;
    for (let r = await first; !r.done; r = await chunks.next()) {
      const data = r.value;
      if (total + data.length > max) throw tooLargeForBuffer(what, total + data.length);
      if (total + data.length <= size) out.set(data, total);
      else if (total >= size) extra.push(Uint8Array.from(data));
      else {
        out.set(data.subarray(0, size - total), total);
        extra.push(Uint8Array.from(data.subarray(size - total)));
      }
      total += data.length;
    }
    if (extra.length === 0) return out.subarray(0, total);
    return Buffer.concat([out, ...extra], total);
  } finally {
    await chunks.return(undefined);
  }
}
