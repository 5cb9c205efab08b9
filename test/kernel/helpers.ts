// The kernel tests' fixture: k = new Kernel({maxSegments}); A, B, C plain processes;
// K holds CAP_PROC_SEGMENT; N is a pid that does not exist.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { CAP_PROC_SEGMENT } from '../../src/kernel/constants.js';
import { snapshot } from '../../src/kernel/inspect.js';

export const P = 0x1000;
export const X = 0x10000000;
export const RW = 0x3;
export const N = 9999;

export function fixture(maxSegments = 64) {
  const k = new Kernel({ maxSegments });
  const A = k.spawn();
  const B = k.spawn();
  const C = k.spawn();
  const K = k.spawn({ caps: CAP_PROC_SEGMENT });
  return { k, A, B, C, K };
}

/** Runs `call`, asserts it left the whole kernel state (bytes included) as it was, returns its result. */
export function unchanged<T>(k: Kernel, call: () => T): T {
  const before = snapshot(k, { contents: true });
  const r = call();
  expect(snapshot(k, { contents: true }), 'state changed by a failed call').to.deep.equal(before);
  return r;
}

/** Every segment of `pid` by segQuery enumeration from 0. */
export function enumerate(k: Kernel, pid: number): { addr: number; len: number; flags: number }[] {
  const out: { addr: number; len: number; flags: number }[] = [];
  let at = 0;
  for (;;) {
    const r = k.segQuery(pid, 0, at);
    if (typeof r === 'number') return out;
    out.push({ addr: r.addr, len: r.len, flags: r.flags });
    at = r.addr + r.len;
  }
}

export function bytes(...v: number[]): Uint8Array {
  return Uint8Array.from(v);
}
