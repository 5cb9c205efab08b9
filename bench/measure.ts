// The timing loop the micro-benchmarks share: run a call in growing batches for a fixed
// budget of wall time and report calls per second. Not a bench itself (run.ts runs *.bench.js).

/** Wall time each measurement runs for. */
export const BUDGET_MS = 400;

/** Calls `fn` `warm` times, then in doubling batches until BUDGET_MS has passed; returns calls per second. */
export function opsPerSec(fn: () => unknown, warm = 1000): number {
  for (let i = 0; i < warm; i++) fn();
  let n = 0;
  let batch = 8;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < BUDGET_MS) {
    for (let i = 0; i < batch; i++) fn();
    n += batch;
    t = performance.now();
    if (t - t0 < BUDGET_MS / 20) batch *= 2;
  }
  return (n * 1000) / (t - t0);
}

/** `1.23 M ops/s` or `456.7 k ops/s`. */
export function fmtOps(ops: number): string {
  return ops >= 1e6 ? `${(ops / 1e6).toFixed(2)} M ops/s` : `${(ops / 1e3).toFixed(1)} k ops/s`;
}
