/// <reference lib="dom" />
// The address axis: a piecewise scale over the boundaries of every mapping shown, so that a
// 4 KiB segment stays visible beside a 64 GiB one. Each interval between two consecutive
// boundaries gets a width growing with the logarithm of its length (in pages); intervals that
// nothing maps get half that, capped, so empty address space does not crowd out mappings.
// Inside an interval the scale is linear. The same address has the same x in every row.

const PAGE = 4096;

export class PiecewiseScale {
  readonly lo: number;
  readonly hi: number;
  /** sorted boundaries, lo first and hi last */
  readonly breaks: number[];
  /** x of each boundary */
  readonly xs: number[];

  /**
   * `ranges`: [start, end) of every mapping shown (clipped to [lo, hi]); `x0` and `width`:
   * where the axis lies in pixels.
   */
  constructor(lo: number, hi: number, ranges: readonly (readonly [number, number])[], readonly x0: number, readonly width: number) {
    this.lo = lo;
    this.hi = hi;
    const set = new Set<number>([lo, hi]);
    for (const [a, b] of ranges) {
      if (b <= lo || a >= hi) continue;
      set.add(Math.max(a, lo));
      set.add(Math.min(b, hi));
    }
    this.breaks = [...set].sort((a, b) => a - b);
    const n = this.breaks.length - 1;
    const mapped = new Uint8Array(n);
    for (const [a, b] of ranges) {
      if (b <= lo || a >= hi) continue;
      for (let i = this.#index(Math.max(a, lo)); i < n && this.breaks[i]! < b; i++) mapped[i] = 1;
    }
    const weights: number[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const pages = (this.breaks[i + 1]! - this.breaks[i]!) / PAGE;
      const w = mapped[i] ? 2 + Math.log2(1 + pages) : Math.min(6, 0.5 * (1 + Math.log2(1 + pages)));
      weights.push(w);
      total += w;
    }
    this.xs = [x0];
    let acc = 0;
    for (const w of weights) {
      acc += w;
      this.xs.push(x0 + (total === 0 ? 0 : (acc / total) * width));
    }
  }

  /** The index of the interval holding `addr` (the last boundary <= addr). */
  #index(addr: number): number {
    let l = 0;
    let h = this.breaks.length - 1;
    while (l < h) {
      const m = (l + h + 1) >> 1;
      if (this.breaks[m]! <= addr) l = m;
      else h = m - 1;
    }
    return l;
  }

  /** The x of `addr`, clamped to the axis. */
  x(addr: number): number {
    if (addr <= this.lo) return this.x0;
    if (addr >= this.hi) return this.x0 + this.width;
    const i = this.#index(addr);
    const a = this.breaks[i]!;
    const b = this.breaks[i + 1]!;
    return this.xs[i]! + ((addr - a) / (b - a)) * (this.xs[i + 1]! - this.xs[i]!);
  }

  /** Up to `max` boundaries to label, spread along the axis at least `gap` pixels apart. */
  ticks(max: number, gap: number): number[] {
    const out: number[] = [];
    let lastX = -Infinity;
    const step = Math.max(1, Math.ceil(this.breaks.length / (max * 4)));
    for (let i = 0; i < this.breaks.length; i += step) {
      const x = this.xs[i]!;
      if (x - lastX >= gap) {
        out.push(this.breaks[i]!);
        lastX = x;
      }
    }
    return out.slice(0, max);
  }
}
