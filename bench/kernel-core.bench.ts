// Per-operation cost of the kernel core at 100, 10,000 and 100,000 mappings in one address
// space (growth must be no faster than log n), and memRead/memWrite throughput
// against a plain Uint8Array copy of the same size.
//
// The space is filled by automatic placement with alternating rights, so the segments are
// packed under the stack top and never merge: the worst case for placement, which must skip
// them all to find room. Each figure is CPU time, the best of three rounds (the machine is
// shared). Probes go to random segments, so at 100,000 segments (a working set of tens of MB)
// they also pay cache misses; "neighbouring" probes show the cost without them.

import { Kernel } from '../src/kernel/kernel.js';
import { PAGE, PERM_R, PERM_RWX, PERM_W } from '../src/kernel/constants.js';
import { verify } from '../src/kernel/inspect.js';

const RW = PERM_R | PERM_W;
const X = 0x10000000;
const OPS = 4000;
const ROUNDS = 3;

/** CPU time (user + system) per operation in ns: steadier than wall time on a shared machine. */
function nsPer(ops: number, fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1000) / ops;
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`kernel-core bench: ${what}`);
}

/** A deterministic sequence of indices below n. */
function indices(n: number, count: number): number[] {
  const out: number[] = [];
  let x = 12345;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(x % n);
  }
  return out;
}

/** One round at n segments: ns per operation, by name. */
function round(n: number): Map<string, number> {
  const fig = new Map<string, number>();
  const k = new Kernel({ maxSegments: n + 2 * OPS });
  const a = k.spawn();
  const bases: number[] = [];
  fig.set('fill by auto placement', nsPer(n, () => {
    for (let i = 0; i < n; i++) bases.push(k.segAlloc(a, 0, 0, PAGE, i % 2 === 0 ? RW : PERM_RWX));
  }));
  must(bases.every((b) => b > 0) && k.proc(a)!.own!.count === n, `fill ${n}`);

  const fixed = Array.from({ length: OPS }, (_, i) => X + i * 2 * PAGE);
  fig.set('segAlloc (fixed address)', nsPer(OPS, () => {
    for (const va of fixed) if (k.segAlloc(a, 0, va, PAGE, RW) !== va) throw new Error('segAlloc');
  }));
  fig.set('segFree', nsPer(OPS, () => {
    for (const va of fixed) if (k.segFree(a, 0, va, PAGE) !== 0) throw new Error('segFree');
  }));
  const auto: number[] = [];
  fig.set('segAlloc (auto placement)', nsPer(OPS / 4, () => {
    for (let i = 0; i < OPS / 4; i++) auto.push(k.segAlloc(a, 0, 0, PAGE, i % 2 === 0 ? PERM_R : RW));
  }));
  for (const va of auto) must(k.segFree(a, 0, va, PAGE) === 0, 'free auto');

  const probe = indices(n, OPS).map((i) => bases[i]!);
  fig.set('segQuery (random)', nsPer(OPS, () => {
    for (const va of probe) if (typeof k.segQuery(a, 0, va) === 'number') throw new Error('segQuery');
  }));
  const seq = bases.slice(0, OPS);
  fig.set('segQuery (neighbouring)', nsPer(seq.length, () => {
    for (const va of seq) if (typeof k.segQuery(a, 0, va) === 'number') throw new Error('segQuery');
  }));
  const small = new Uint8Array(64).fill(7);
  // first touch commits each segment's memory (a SharedArrayBuffer per shadow): not timed
  for (const va of probe) must(k.memWrite(a, 0, va, small) === 64, 'touch');
  fig.set('memWrite 64 B', nsPer(OPS, () => {
    for (const va of probe) if (k.memWrite(a, 0, va + 128, small) !== 64) throw new Error('memWrite');
  }));
  fig.set('memRead 64 B', nsPer(OPS, () => {
    for (const va of probe) if (typeof k.memRead(a, 0, va + 128, 64) === 'number') throw new Error('memRead');
  }));
  const dst = new Uint8Array(64);
  fig.set('memReadInto 64 B', nsPer(OPS, () => {
    for (const va of probe) if (k.memReadInto(a, 0, va + 128, dst) !== 64) throw new Error('memReadInto');
  }));
  fig.set('segProtect (and back)', nsPer(OPS / 4, () => {
    for (const va of probe.slice(0, OPS / 4)) {
      const was = (k.segQuery(a, 0, va) as { flags: number }).flags & PERM_RWX;
      if (k.segProtect(a, 0, va, PAGE, PERM_R) !== 0) throw new Error('segProtect');
      if (k.segProtect(a, 0, va, PAGE, was) !== 0) throw new Error('segProtect back');
    }
  }));
  must(verify(k).length === 0, `invariants at ${n}`);
  return fig;
}

function throughput(): void {
  const k = new Kernel();
  const a = k.spawn();
  const MB = 1 << 20;
  must(k.segAlloc(a, 0, X, 4 * MB, RW) === X, 'throughput alloc');
  const src = new Uint8Array(MB).fill(3);
  const dst = new Uint8Array(MB);
  const reps = 200;
  const mbps = (ns: number) => MB / 1e6 / (ns / 1e9);
  const w = nsPer(reps, () => {
    for (let i = 0; i < reps; i++) if (k.memWrite(a, 0, X + (i % 3) * MB, src) !== MB) throw new Error('memWrite');
  });
  const ri = nsPer(reps, () => {
    for (let i = 0; i < reps; i++) if (k.memReadInto(a, 0, X + (i % 3) * MB, dst) !== MB) throw new Error('memReadInto');
  });
  const r = nsPer(reps, () => {
    for (let i = 0; i < reps; i++) if (typeof k.memRead(a, 0, X + (i % 3) * MB, MB) === 'number') throw new Error('memRead');
  });
  const plain = nsPer(reps, () => {
    for (let i = 0; i < reps; i++) dst.set(src);
  });
  console.log(
    `1 MiB transfers, MB/s: memWrite ${mbps(w).toFixed(0)}, memReadInto ${mbps(ri).toFixed(0)}, ` +
      `memRead ${mbps(r).toFixed(0)} (allocates its result), plain Uint8Array copy ${mbps(plain).toFixed(0)}`,
  );
  console.log(
    `ratio to the plain copy: memWrite ${(plain / w).toFixed(2)}, memReadInto ${(plain / ri).toFixed(2)}, memRead ${(plain / r).toFixed(2)}`,
  );
}

export async function run(): Promise<void> {
  round(1000); // warm the JIT up before anything is timed
  const sizes = [100, 10_000, 100_000];
  const best = new Map<string, number[]>();
  sizes.forEach((n, col) => {
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, ns] of round(n)) {
        const cells = best.get(name) ?? [];
        cells[col] = Math.min(cells[col] ?? Infinity, ns);
        best.set(name, cells);
      }
    }
  });
  console.log('kernel core, CPU ns per operation (best of 3), by segments in one address space');
  console.log(`${''.padEnd(28)}${sizes.map((n) => String(n).padStart(10)).join('')}`);
  for (const [name, cells] of best) console.log(`${name.padEnd(28)}${cells.map((c) => c.toFixed(0).padStart(10)).join('')}`);
  throughput();
}
