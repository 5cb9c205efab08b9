// The full garbage collection that gives freed segment memory back to the host. V8 counts an
// ArrayBuffer's backing store against its heap and collects when enough of them die, but not a
// SharedArrayBuffer's: a freed chunk stays resident until some full collection happens to run.
// Node exposes gc only under --expose-gc; the flag set at run time makes a new context's gc.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullGc: (() => void) | null | undefined;
let runs = 0;

/** A callable full collection, or null where the runtime refuses one. */
function collector(): (() => void) | null {
  if (fullGc !== undefined) return fullGc;
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return (fullGc = own as () => void);
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    fullGc = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    fullGc = null;
  }
  return fullGc;
}

/** Runs a full collection now; false if none can be run. */
export function collectGarbage(): boolean {
  const gc = collector();
  if (gc === null) return false;
  gc();
  runs++;
  return true;
}

/** Full collections run by collectGarbage so far, in this process (every budget's frees are collected by any of them). */
export function collections(): number {
  return runs;
}
